/**
 * search: `[T |] search [kind=case_sensitive] [in (T1, T2, A*)] predicate`.
 * The sources are stacked (a union that fills missing columns, plus `$table`), then filtered.
 * A bare string term is looked up in every column: "x" -> has, "x*" -> hasprefix,
 * "*x" -> hassuffix, "*x*" -> contains, "a*b" -> a regex \ba.*b\b; `Col: "x"` does the same in one
 * column; any other predicate (`x > 1`, `Col matches regex "..."`) is an ordinary expression.
 * Case-insensitive unless kind=case_sensitive.
 */
import { kindOf, items, startOf, widthOf, literalInfo, namedParameters, referenced, tokenText, symbolColumns, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { expr, lit } from '../expr.ts';
import { tabular } from '../build.ts';
import type { BuildContext, Scope } from '../context.ts';
import type { Column, Expr, NamedExpr, Plan } from '../types.ts';
import type { OperatorBuilder, SourceBuilder } from '../operators.ts';
import { colRef, outColumns } from './basic.ts';

/** The database tables a query was bound against (for `search` with no sources), by syntax root. */
const scopes = new WeakMap<object, readonly { name: string; columns: readonly Column[] }[]>();
export function setSearchScope(root: KNode, tables: readonly { name: string; columns: readonly Column[] }[]): void {
  scopes.set(root, tables);
}

interface Leg { plan: Plan; name: string }

function reEscape(s: string): string { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

/** The predicate for one search term over some columns. */
function termOver(cols: readonly Column[], term: string, cs: boolean, pos: number): Expr {
  const parts: Expr[] = [];
  const sfx = cs ? '_cs' : '';
  let fn: string;
  let needle: string = term;
  const lead = term.startsWith('*');
  const trail = term.length > 1 && term.endsWith('*');
  const inner = term.slice(lead ? 1 : 0, trail ? -1 : undefined);
  if (term === '*') return lit('bool', true);
  if (inner.includes('*')) {
    fn = 'matches regex';
    const body = inner.split('*').map(reEscape).join('.*');
    needle = `${cs ? '' : '(?i)'}${lead ? '' : '\\b'}${body}${trail ? '' : '\\b'}`;
  } else {
    needle = inner;
    fn = lead && trail ? `contains${sfx}` : lead ? `hassuffix${sfx}` : trail ? `hasprefix${sfx}` : `has${sfx}`;
  }
  for (const c of cols) parts.push({ k: 'call', fn, args: [colRef(c), lit('string', needle)], type: 'bool', pos });
  if (!parts.length) return lit('bool', false);
  return parts.reduce((a, b) => ({ k: 'call', fn: 'or', args: [a, b], type: 'bool', pos }));
}

function predicate(n: KNode, scope: Scope, cols: readonly Column[], cs: boolean, ctx: BuildContext): Expr {
  const k = kindOf(n);
  const pos = startOf(n);
  if (k === 'ParenthesizedExpression') return predicate(n.Expression, scope, cols, cs, ctx);
  if (k === 'StarExpression') return lit('bool', true);
  if (k === 'LiteralExpression') {
    const v = literalInfo(n).value;
    if (typeof v === 'string') return termOver(cols, v, cs, pos);
  }
  if (k === 'BinaryExpression') {
    const op = tokenText(n.Operator).toLowerCase();
    if (op === 'and' || op === 'or') {
      return { k: 'call', fn: op, args: [predicate(n.Left, scope, cols, cs, ctx), predicate(n.Right, scope, cols, cs, ctx)], type: 'bool', pos };
    }
    if (op === ':') {
      const col = expr(n.Left, scope, ctx);
      const v = literalInfo(n.Right).value;
      if (col.k !== 'col' || typeof v !== 'string') throw new UnsupportedFeature('this column search (use Column: "text")', pos, widthOf(n));
      return termOver([{ name: col.name, type: col.type }], v, cs, pos);
    }
  }
  if (k === 'FunctionCallExpression' && referenced(n)?.name === 'not') {
    const args = items(n.ArgumentList.Expressions);
    return { k: 'call', fn: 'not', args: [predicate(args[0], scope, cols, cs, ctx)], type: 'bool', pos };
  }
  return expr(n, scope, ctx);
}

/** Legs named in `in (...)`: tables, wildcards (matched by Kusto.Language), or tabular expressions. */
function legsOf(n: KNode, ctx: BuildContext): Leg[] {
  const ref = referenced(n);
  if (ref?.kind === 'GroupSymbol') {
    const out: Leg[] = [];
    const members = ref.symbol.Members;
    for (let i = 0; i < (members?.Count ?? 0); i++) {
      const s = members.getItem(i);
      if (kindOf(s) !== 'TableSymbol') throw new UnsupportedFeature(`'${String(s.Name)}' in a search wildcard`, startOf(n), widthOf(n));
      out.push({ plan: { op: 'table', name: String(s.Name), columns: symbolColumns(s) }, name: String(s.Name) });
    }
    return out;
  }
  return [{ plan: tabular(n, ctx), name: ref?.kind === 'TableSymbol' ? ref.name : '' }];
}

function build(op: KNode, legs: Leg[], ctx: BuildContext): Plan {
  const params = namedParameters(op.Parameters);
  const kind = (params.get('kind')?.text ?? 'default').toLowerCase();
  if (kind !== 'default' && kind !== 'case_insensitive' && kind !== 'case_sensitive') {
    throw new UnsupportedFeature(`search kind=${kind}`, startOf(op), widthOf(op));
  }
  for (const k of params.keys()) if (k !== 'kind') throw new UnsupportedFeature(`the search parameter '${k}'`, startOf(op), widthOf(op));
  const out = outColumns(op);
  const table = out[0];
  if (!table || table.name !== '$table') throw new UnsupportedFeature("this search's result layout", startOf(op), widthOf(op));
  const data = out.slice(1);
  if (!legs.length) throw new InvalidQuery('search has no tables to look in', startOf(op), widthOf(op));
  // every result column must come from a leg column of the same name and type (no renamed columns)
  for (const c of data) {
    if (!legs.some((l) => l.plan.columns.some((x) => x.name === c.name && x.type === c.type))) {
      throw new UnsupportedFeature(`searching tables whose column '${c.name}' has different types`, startOf(op), widthOf(op));
    }
  }
  const inputs = legs.map((l): Plan => {
    const exprs: NamedExpr[] = data.map((d) => {
      const c = l.plan.columns.find((x) => x.name === d.name && x.type === d.type);
      return { name: d.name, expr: c ? colRef(c) : lit(d.type, d.type === 'string' ? '' : null) };
    });
    return { op: 'project', input: l.plan, exprs, columns: data };
  });
  const union: Plan = { op: 'union', inputs, names: legs.map((l) => l.name), sourceColumn: '$table', columns: out };
  const scope: Scope = { columns: out };
  const cond = predicate(op.Condition, scope, data, kind === 'case_sensitive', ctx);
  return { op: 'filter', input: union, cond, columns: out };
}

const searchSource: SourceBuilder = (n, ctx) => {
  if (n.InClause) return build(n, items(n.InClause.Expressions).flatMap((e) => legsOf(e, ctx)), ctx);
  const tables = scopes.get(n.Root);
  if (!tables) throw new UnsupportedFeature('search over the whole database here', startOf(n), widthOf(n), 'name the tables: search in (T1, T2) "text"');
  return build(n, tables.map((t) => ({ plan: { op: 'table', name: t.name, columns: [...t.columns] }, name: t.name })), ctx);
};

const searchOperator: OperatorBuilder = (input, op, ctx) => {
  if (op.InClause) throw new InvalidQuery('search after a pipe cannot have an in (...) clause', startOf(op), widthOf(op));
  const src = op.Parent && kindOf(op.Parent) === 'PipeExpression' ? op.Parent.Expression : undefined;
  const ref = src ? referenced(src) : undefined;
  return build(op, [{ plan: input, name: ref?.kind === 'TableSymbol' ? ref.name : '' }], ctx);
};

export const searchOperators: Record<string, OperatorBuilder> = { SearchOperator: searchOperator };
export const searchSources: Record<string, SourceBuilder> = { SearchOperator: searchSource };
