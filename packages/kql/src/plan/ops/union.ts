/**
 * union (as a source: `union A, B`, and piped: `T | union B`). kind=outer (default) keeps every
 * (name, type) pair, with the binder's names (`x_long`, `x_string`, renamed `x_long1` ...);
 * kind=inner keeps the columns every leg has with the same type. withsource= adds the
 * leg's name. Wildcards (`union Sec*`) expand to the tables and views Kusto.Language matched.
 * Every leg is projected onto the result columns, so the dialect only stacks them.
 */
import { kindOf, items, startOf, widthOf, referenced, namedParameters, symbolColumns, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { lit, bindBodyLets, nameText } from '../expr.ts';
import { tabular } from '../build.ts';
import { outColumns, colRef } from './basic.ts';
import type { BuildContext } from '../context.ts';
import type { Column, NamedExpr, Plan } from '../types.ts';
import type { OperatorBuilder, SourceBuilder } from '../operators.ts';

interface Leg { plan: Plan; name: string; fromView?: boolean }

/** The name withsource= shows for a leg that is not a table or a view. */
const argName = (i: number): string => `union_arg${i}`;

/** The leg(s) of one union argument; wildcards give several. */
function legsOf(n: KNode, index: number, ctx: BuildContext): Leg[] {
  const ref = referenced(n);
  const wildcard = kindOf(n) === 'NameReference' && kindOf(n.Name) === 'WildcardedName';
  if (ref?.kind === 'GroupSymbol' || (wildcard && ref)) {
    const out: Leg[] = [];
    const members: KNode[] = [];
    if (ref.kind === 'GroupSymbol') for (let i = 0; i < (ref.symbol.Members?.Count ?? 0); i++) members.push(ref.symbol.Members.getItem(i));
    else members.push(ref.symbol);
    for (const s of members) {
      const k = kindOf(s);
      if (k === 'TableSymbol') {
        out.push({ plan: ctx.asNames.get(String(s.Name)) ?? { op: 'table', name: String(s.Name), columns: symbolColumns(s) }, name: String(s.Name) });
      } else if (k === 'FunctionSymbol') {
        out.push({ plan: viewBody(s, n, ctx), name: String(s.Name), fromView: true });
      } else {
        throw new UnsupportedFeature(`'${String(s.Name)}' in a union wildcard`, startOf(n), widthOf(n));
      }
    }
    return out;
  }
  return [{ plan: tabular(n, ctx), name: legName(n, index) }];
}

/** The body of a parameterless view / function matched by a wildcard. */
function viewBody(sym: KNode, at: KNode, ctx: BuildContext): Plan {
  const sig = sym.Signatures?.getItem(0);
  const body = sig?.Declaration;
  if (!body || (sig.Parameters?.Count ?? 0) > 0) {
    throw new UnsupportedFeature(`the function '${String(sym.Name)}' in a union wildcard`, startOf(at), widthOf(at));
  }
  bindBodyLets(body, { columns: [] }, ctx);
  return tabular(body.Expression ?? body, ctx);
}

/** withsource= value: the table or view name, or union_arg<i> for any other expression. */
function legName(n: KNode, index: number): string {
  let e = n;
  while (kindOf(e) === 'ParenthesizedExpression') e = e.Expression;
  // a leg that ends with `| as Name` is shown as Name
  if (kindOf(e) === 'PipeExpression' && kindOf(e.Operator) === 'AsOperator') return nameText(e.Operator.Name);
  const k = kindOf(e);
  if (k === 'NameReference' || k === 'FunctionCallExpression') {
    const ref = referenced(e);
    if (ref?.kind === 'TableSymbol' || ref?.kind === 'FunctionSymbol') {
      if (ref.kind === 'FunctionSymbol' && ref.name.toLowerCase() === 'table') return argName(index);
      return ref.name;
    }
  }
  return argName(index);
}

/**
 * Kusto's names for the outer union's columns: a name with one type stays; a name with several
 * types becomes name_type, numbered (name_type1 ...) when a kept name already has that text.
 * (Kusto.Language numbers the kept column instead; the documentation shows this way.)
 */
function outerNames(byName: Map<string, Column[]>): string[] {
  const used = new Set<string>();
  for (const [name, g] of byName) if (g.length === 1) used.add(name);
  const out: string[] = [];
  for (const [name, g] of byName) {
    if (g.length === 1) { out.push(name); continue; }
    for (const c of g) {
      let n = `${name}_${c.type}`;
      for (let k = 1; used.has(n); k++) n = `${name}_${c.type}${k}`;
      used.add(n);
      out.push(n);
    }
  }
  return out;
}

const sameCol = (a: Column, b: Column): boolean => a.name === b.name && a.type === b.type;

function buildUnion(op: KNode, legs: Leg[], skipped: boolean): Plan {
  const params = namedParameters(op.Parameters);
  const kindText = (params.get('kind')?.text ?? 'outer').toLowerCase();
  if (kindText !== 'outer' && kindText !== 'inner') {
    const p = params.get('kind')!;
    throw new UnsupportedFeature(`union kind=${p.text}`, startOf(p.node), widthOf(p.node));
  }
  const sourceColumn = params.get('withsource')?.text;
  if (!legs.length) throw new InvalidQuery('the union has no tables', startOf(op), widthOf(op));
  const binder = outColumns(op);

  // result columns other than the withsource column, and for each the (name, type) it holds
  let data: { out: Column; src: Column }[];
  if (kindText === 'inner') {
    // Kusto.Language gives the outer layout for kind=inner too: compute the common columns
    const common = legs[0]!.plan.columns.filter((c) => legs.every((l) => l.plan.columns.some((x) => sameCol(x, c))));
    data = common.map((c) => ({ out: c, src: c }));
  } else {
    // every (name, type) pair, grouped by name in order of first appearance
    const byName = new Map<string, Column[]>();
    for (const l of legs) {
      for (const c of l.plan.columns) {
        const g = byName.get(c.name) ?? [];
        if (!g.some((x) => x.type === c.type)) g.push(c);
        byName.set(c.name, g);
      }
    }
    const pairs = [...byName.values()].flat();
    const outs = binder.filter((c, i) => !(sourceColumn !== undefined && c.name === sourceColumn && i === binder.findIndex((x) => x.name === sourceColumn)));
    // Kusto.Language does not know the columns of views matched by a wildcard, and counts the
    // legs isfuzzy drops: then only our layout is right
    const ownLayout = legs.some((l) => l.fromView) || skipped;
    if (!ownLayout && (outs.length !== pairs.length || outs.some((c, i) => c.type !== pairs[i]!.type))) {
      throw new UnsupportedFeature("this union's column layout", startOf(op), widthOf(op));
    }
    const names = outerNames(byName);
    data = pairs.map((src, i) => ({ out: { name: names[i]!, type: src.type }, src }));
  }
  if (sourceColumn !== undefined && data.some((d) => d.out.name === sourceColumn)) {
    throw new InvalidQuery(`withsource=${sourceColumn} clashes with a column of the same name`, startOf(op), widthOf(op));
  }
  const dataCols = data.map((d) => d.out);
  const inputs = legs.map((l): Plan => {
    const exprs: NamedExpr[] = data.map((d) => {
      const c = l.plan.columns.find((x) => sameCol(x, d.src));
      return { name: d.out.name, expr: c ? colRef(c) : lit(d.out.type, d.out.type === 'string' ? '' : null) };
    });
    if (!exprs.length) throw new InvalidQuery('the union has no columns in common', startOf(op), widthOf(op));
    return { op: 'project', input: l.plan, exprs, columns: dataCols };
  });
  const columns: Column[] = sourceColumn !== undefined ? [{ name: sourceColumn, type: 'string' }, ...dataCols] : dataCols;
  return { op: 'union', inputs, names: legs.map((l) => l.name), sourceColumn, columns };
}

/** With isfuzzy=true, legs whose table does not resolve are left out. */
function legNodes(op: KNode): { nodes: { n: KNode; i: number }[]; skipped: boolean } {
  const fuzzy = (namedParameters(op.Parameters).get('isfuzzy')?.text ?? '').toLowerCase() === 'true';
  const all = items(op.Expressions).map((n, i) => ({ n, i }));
  const nodes = fuzzy ? all.filter((x) => !unresolved(x.n)) : all;
  return { nodes, skipped: nodes.length !== all.length };
}

function unresolved(n: KNode): boolean {
  const k = kindOf(n);
  if (k === 'ParenthesizedExpression' || k === 'PipeExpression') return unresolved(n.Expression);
  return k === 'NameReference' && !referenced(n);
}

const unionSource: SourceBuilder = (n, ctx) => {
  const { nodes, skipped } = legNodes(n);
  const legs = nodes.flatMap(({ n: e, i }) => legsOf(e, i, ctx));
  return buildUnion(n, legs, skipped);
};

const unionOperator: OperatorBuilder = (input, op, ctx) => {
  const pipeInput = op.Parent && kindOf(op.Parent) === 'PipeExpression' ? op.Parent.Expression : undefined;
  const first: Leg = { plan: input, name: pipeInput ? legName(pipeInput, 0) : argName(0) };
  const { nodes, skipped } = legNodes(op);
  const legs = [first, ...nodes.flatMap(({ n: e, i }) => legsOf(e, i + 1, ctx))];
  return buildUnion(op, legs, skipped);
};

export const unionOperators: Record<string, OperatorBuilder> = { UnionOperator: unionOperator };
export const unionSources: Record<string, SourceBuilder> = { UnionOperator: unionSource };
