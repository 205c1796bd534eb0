/**
 * Bound Kusto syntax tree -> typed plan. Statements (let, query, set) are handled here;
 * each tabular operator has a builder in plan/ops/, registered in plan/operators.ts.
 */
import { kindOf, items, referenced, startOf, widthOf, textOf, tableColumns, isTabular, expansionOf, type KNode } from '../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../errors.ts';
import { BuildContext, type NowTracker } from './context.ts';
import { bindLet, bindBodyLets, callArgs, nameText, setTabularBuilder, withParams, expr, lit } from './expr.ts';
import { ktypeOfName } from '../parse/kusto.ts';
import { parseDatetime, parseTimespan } from './literals.ts';
import { OPERATORS, SOURCES } from './operators.ts';
import type { Expr, KType, Plan, QueryPlan } from './types.ts';

/** Build the plan of a parsed, bound query (a QueryBlock root). */
export function buildPlan(root: KNode, text: string, nowTicks: bigint, parameters: QueryParameters = {}, clock?: NowTracker): QueryPlan {
  const ctx = new BuildContext(text, nowTicks, clock);
  const emptyScope = { columns: [] };
  let result: Plan | undefined;
  for (const s of items(root.Statements)) {
    const k = kindOf(s);
    if (k === 'LetStatement') { bindLet(s, emptyScope, ctx); continue; }
    if (k === 'ExpressionStatement') {
      if (!isTabular(s.Expression) && kindOf(s.Expression) !== 'PipeExpression') {
        throw new UnsupportedFeature('a statement that is not a tabular query', startOf(s), widthOf(s), 'start the query with a table, print, range or datatable');
      }
      if (result) throw new UnsupportedFeature('several result sets in one query', startOf(s), widthOf(s), 'run the queries one by one');
      result = tabular(s.Expression, ctx);
      continue;
    }
    if (k === 'SetOptionStatement') continue; // query options (set x=y) do not change results here
    if (k === 'QueryParametersStatement') { bindQueryParameters(s, parameters, ctx); continue; }
    throw new UnsupportedFeature(`the '${textOf(s).trim().split(/\s+/)[0]}' statement`, startOf(s), widthOf(s));
  }
  if (!result) throw new InvalidQuery('the query has no tabular expression to run', 0, text.length);
  return { lets: ctx.lets, root: result, render: ctx.render };
}

/** Build a tabular expression. */
export function tabular(n: KNode, ctx: BuildContext): Plan {
  return checkColumnNames(tabularOf(n, ctx), n);
}

/**
 * Column names SQL cannot keep apart: DuckDB matches identifiers case-insensitively (quoted
 * ones too), so `a` and `A` in one row would silently read the same column; and the SQL uses
 * `_hb_` / `__hb_` names of its own (aliases, lambda parameters, staged columns).
 */
function checkColumnNames(p: Plan, n: KNode): Plan {
  const seen = new Map<string, string>();
  const op = kindOf(n) === 'PipeExpression' ? n.Operator : n;
  for (const c of p.columns) {
    const low = c.name.toLowerCase();
    if (low.startsWith('_hb_') || low.startsWith('__hb_')) {
      throw new UnsupportedFeature(`the column name '${c.name}' (names starting with _hb_ are reserved)`, startOf(op), widthOf(op), 'rename the column');
    }
    const other = seen.get(low);
    if (other !== undefined) {
      throw new UnsupportedFeature(`columns whose names differ only in case ('${other}' and '${c.name}')`, startOf(op), widthOf(op), 'rename one of them');
    }
    seen.set(low, c.name);
  }
  return p;
}

function tabularOf(n: KNode, ctx: BuildContext): Plan {
  const k = kindOf(n);
  switch (k) {
    case 'PipeExpression': {
      const input = tabular(n.Expression, ctx);
      return applyOperator(input, n.Operator, ctx);
    }
    case 'ParenthesizedExpression': return tabular(n.Expression, ctx);
    case 'NameReference': return tableRef(n, ctx);
    case 'FunctionCallExpression': return tabularCall(n, ctx);
    case 'ToTableExpression': return tabular(n.Expression, ctx);
  }
  const src = SOURCES[k];
  if (src) return src(n, ctx);
  throw new UnsupportedFeature(`the tabular expression '${textOf(n).trim().slice(0, 40)}' (${k})`, startOf(n), widthOf(n));
}
setTabularBuilder(tabular);

function applyOperator(input: Plan, op: KNode, ctx: BuildContext): Plan {
  const k = kindOf(op);
  const b = OPERATORS[k];
  if (!b) {
    const word = textOf(op).trim().split(/[\s(]+/)[0] || k;
    throw new UnsupportedFeature(`the '${word}' operator`, startOf(op), widthOf(op));
  }
  return b(input, op, ctx);
}

function tableRef(n: KNode, ctx: BuildContext): Plan {
  const ref = referenced(n);
  const name = nameText(n);
  if (!ref) throw new InvalidQuery(`unknown table '${name}'`, startOf(n), widthOf(n));
  if (ref.kind === 'TableSymbol') {
    const columns = tableColumns(n) ?? [];
    const asPlan = ctx.asNames.get(ref.name);
    if (asPlan) return asPlan;
    return { op: 'table', name: ref.name, columns };
  }
  if (ref.kind === 'VariableSymbol' || ref.kind === 'ParameterSymbol') {
    const b = ctx.symbols.get(ref.symbol) ?? ctx.lookupParam(ref.name);
    if (b?.kind === 'table') return b.plan;
    throw new InvalidQuery(`'${ref.name}' is not a table here`, startOf(n), widthOf(n));
  }
  if (ref.kind === 'FunctionSymbol') return tabularCall(n, ctx);
  throw new UnsupportedFeature(`a reference to ${ref.kind.replace('Symbol', '').toLowerCase()} '${ref.name}' as a table`, startOf(n), widthOf(n));
}

function tabularCall(n: KNode, ctx: BuildContext): Plan {
  const ref = referenced(n);
  const name = (ref?.name ?? nameText(n.Name ?? n)).toLowerCase();
  const args = callArgs(n);
  if (name === 'materialize') return ctx.cte(tabular(args[0], ctx), true);
  if (name === 'table' || name === 'view') {
    const cols = tableColumns(n);
    const tname = String(args[0] ? (args[0].LiteralValueInfo?.Value ?? '') : '');
    if (!cols || !tname) throw new InvalidQuery(`unknown table in ${textOf(n).trim()}`, startOf(n), widthOf(n));
    return { op: 'table', name: tname, columns: cols };
  }
  const exp = expansionOf(n);
  if (exp && ref) {
    return withParams(n, ref.symbol, args, { columns: [] }, ctx, () => {
      bindBodyLets(exp, { columns: [] }, ctx);
      return tabular(exp.Expression ?? exp, ctx);
    });
  }
  throw new UnsupportedFeature(`the tabular function '${name}'`, startOf(n), widthOf(n));
}

/** Values for `declare query_parameters(...)`, by name: Kusto literal text ("datetime(2024-01-01)", "5") or JSON values. */
export type QueryParameters = Readonly<Record<string, string | number | boolean | null>>;

/** `declare query_parameters(name:type [= default], ...)`: bind each name to its supplied value or default. */
function bindQueryParameters(s: KNode, values: QueryParameters, ctx: BuildContext): void {
  for (const p of items(s.Parameters)) {
    const decl = p.NameAndType;
    const name = nameText(decl.Name);
    const type = ktypeOfName(textOf(decl.Type).trim());
    if (!type) throw new UnsupportedFeature(`a query parameter of type ${textOf(decl.Type).trim()}`, startOf(decl), widthOf(decl));
    const supplied = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    let value: Expr;
    if (supplied !== undefined) value = parameterLiteral(type, supplied, name, startOf(decl));
    else if (p.DefaultValue) value = expr(p.DefaultValue.Value, { columns: [] }, ctx);
    else throw new InvalidQuery(`the query parameter '${name}' has no value and no default`, startOf(decl), widthOf(decl));
    ctx.symbols.set(decl.Name.ReferencedSymbol, { kind: 'scalar', expr: value });
  }
}

/** A supplied parameter value as a typed literal; bad values are errors that name the parameter. */
function parameterLiteral(type: KType, v: string | number | boolean | null, name: string, pos: number): Expr {
  const bad = (): never => { throw new InvalidQuery(`the query parameter '${name}' needs a ${type} value, not ${JSON.stringify(v)}`, pos); };
  if (v === null) return lit(type, type === 'string' ? '' : null);
  const text = String(v).trim().replace(new RegExp(`^${type}\\((.*)\\)$`, 's'), '$1').trim();
  switch (type) {
    case 'string': return lit('string', String(v));
    case 'bool': return /^(true|false)$/i.test(text) ? lit('bool', /^true$/i.test(text)) : bad();
    case 'int': case 'long': return /^-?\d+$/.test(text) ? lit(type, BigInt(text)) : bad();
    case 'real': { const n = Number(text); return text !== '' && !Number.isNaN(n) ? lit('real', n) : bad(); }
    case 'decimal': return /^-?\d+(\.\d+)?$/.test(text) ? lit('decimal', text) : bad();
    case 'datetime': { const t = parseDatetime(text); return t === null ? bad() : lit('datetime', t); }
    case 'timespan': { const t = parseTimespan(text); return t === null ? bad() : lit('timespan', t); }
    case 'guid': return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text) ? lit('guid', text.toLowerCase()) : bad();
    case 'dynamic': {
      if (typeof v !== 'string') return lit('dynamic', { json: v });
      try { return lit('dynamic', { json: JSON.parse(text) }); } catch { return bad(); }
    }
  }
}
