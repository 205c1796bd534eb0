/** where, project*, extend, take, top, sort, distinct, count, as, serialize, getschema, render; print, range, datatable. */
import { kindOf, items, referenced, tableColumns, startOf, widthOf, textOf, tokenText, namedParameters, literalInfo, symbolColumns, expressionResultName, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { expr, lit, nameText } from '../expr.ts';
import { isSerialized, markSerialized, orderOf } from '../order.ts';
import { foldWhereIntoJoin } from './join.ts';
import type { BuildContext, Scope } from '../context.ts';
import type { Column, Expr, NamedExpr, Plan, SortKey } from '../types.ts';
import type { OperatorBuilder, SourceBuilder } from '../operators.ts';

export function scopeOf(input: Plan): Scope {
  const serialized = isSerialized(input);
  return { columns: input.columns, serialized, order: serialized ? orderOf(input) : null };
}

export function colRef(c: Column): Expr { return { k: 'col', name: c.name, type: c.type }; }

/** Output columns of an operator as Kusto.Language computed them. */
export function outColumns(op: KNode): Column[] {
  const cols = tableColumns(op);
  if (!cols) throw new InvalidQuery('cannot determine the result columns of this operator', startOf(op), widthOf(op));
  return cols;
}

function unnamed(n: KNode): KNode {
  return kindOf(n) === 'SimpleNamedExpression' ? n.Expression : n;
}

/** Project input columns by name, in the given order. */
export function projectColumns(input: Plan, cols: readonly Column[]): Plan {
  const exprs: NamedExpr[] = cols.map((c) => {
    const src = input.columns.find((x) => x.name === c.name);
    if (!src) throw new InvalidQuery(`column '${c.name}' is missing from the input`, 0);
    return { name: c.name, expr: colRef(src) };
  });
  return { op: 'project', input, exprs, columns: cols };
}

/** The bag keys of the functions Kusto types as several columns, in the order of their result columns. */
const TUPLE_KEYS: Record<string, readonly string[]> = {
  series_fit_line: ['rsquare', 'slope', 'variance', 'rvariance', 'interception', 'line_fit'],
  series_decompose: ['baseline', 'seasonal', 'trend', 'residual'],
  series_decompose_anomalies: ['ad_flag', 'ad_score', 'baseline'],
  series_stats: ['min', 'min_idx', 'max', 'max_idx', 'avg', 'stdev', 'variance'],
};

/** The value of `x = e`, `(a, b) = e` or `e`. */
function valueNode(n: KNode): KNode {
  const k = kindOf(n);
  return k === 'SimpleNamedExpression' || k === 'CompoundNamedExpression' ? n.Expression : n;
}

/**
 * Functions Kusto types as several columns (series_fit_line, series_decompose_anomalies ...):
 * each member's bag key and result type, or undefined for a one-column expression.
 */
function tupleMembers(n: KNode): Column[] | undefined {
  const v = valueNode(n);
  const t = v?.ResultType;
  if (!(t && t.Kind === 6 && t.Columns)) return undefined;
  const fn = kindOf(v) === 'FunctionCallExpression' ? (referenced(v)?.name ?? nameText(v.Name)).toLowerCase() : '';
  const keys = TUPLE_KEYS[fn];
  // other tuple-typed calls (array_sort_asc of several arrays ...) keep their own handling
  if (!keys) return undefined;
  const cols = symbolColumns(t);
  if (keys.length !== cols.length) throw new UnsupportedFeature(`the several result columns of ${fn}()`, startOf(v), widthOf(v));
  return cols.map((c, i) => ({ name: keys[i]!, type: c.type }));
}

/** The names a tuple expression's members get: `(a, b) = f(x)` names them; else `take()` supplies each. */
function tupleNames(e: KNode, members: readonly Column[], take: () => string | undefined): string[] {
  const given = kindOf(e) === 'CompoundNamedExpression' ? items(e.Names.Names).map((x: KNode) => nameText(x)) : [];
  return members.map((_m, i) => {
    const name = given[i] ?? take();
    if (!name) throw new InvalidQuery('cannot name this column', startOf(e), widthOf(e));
    return name;
  });
}

/** project / print: the result columns are in expression order, so a tuple's are the next `count`. */
function positional(out: readonly Column[], at: number, count: number, e: KNode): string[] {
  if (at + count > out.length) throw new InvalidQuery('more expressions than result columns', startOf(e), widthOf(e));
  return out.slice(at, at + count).map((c) => c.name);
}

/** Tuple members read from the hidden bag column `hidden` (the function gives one bag). */
function tupleMember(hidden: string, m: Column, pos: number): Expr {
  const bag: Expr = { k: 'col', name: hidden, type: 'dynamic' };
  const v: Expr = { k: 'call', fn: 'getpath', args: [bag, lit('string', m.name)], type: 'dynamic', pos };
  if (m.type === 'dynamic') return v;
  const conv = m.type === 'real' ? 'toreal' : m.type === 'long' ? 'tolong' : m.type === 'int' ? 'toint' : m.type === 'bool' ? 'tobool' : m.type === 'string' ? 'tostring' : undefined;
  if (!conv) throw new UnsupportedFeature(`a multi-column function result of type ${m.type}`, pos);
  return { k: 'call', fn: conv, args: [v], type: m.type, pos };
}

/** `input` with the hidden tuple columns added (none: `input` itself). */
function withHidden(input: Plan, hidden: NamedExpr[]): Plan {
  if (!hidden.length) return input;
  const exprs = [...input.columns.map((c) => ({ name: c.name, expr: colRef(c) })), ...hidden];
  return { op: 'project', input, exprs, columns: [...input.columns, ...hidden.map((h) => ({ name: h.name, type: h.expr.type }))] };
}

const where: OperatorBuilder = (input, op, ctx) => {
  const cond = expr(op.Condition, scopeOf(input), ctx);
  return foldWhereIntoJoin(input, cond, startOf(op)) ?? { op: 'filter', input, cond, columns: input.columns };
};

const project: OperatorBuilder = (input, op, ctx) => {
  const out = outColumns(op);
  const es = items(op.Expressions);
  const scope = scopeOf(input);
  const exprs: NamedExpr[] = [];
  const hidden: NamedExpr[] = [];
  let i = 0;
  for (const e of es) {
    const members = tupleMembers(e);
    if (members) {
      const h = `__hb_tuple${hidden.length}`;
      hidden.push({ name: h, expr: expr(valueNode(e), scope, ctx) });
      positional(out, i, members.length, e).forEach((name, j) => exprs.push({ name, expr: tupleMember(h, members[j]!, startOf(e)) }));
      continue;
    }
    if (kindOf(e) === 'CompoundNamedExpression') throw new UnsupportedFeature('(a, b) = ... in project', startOf(e), widthOf(e));
    const c = out[i++];
    if (!c) throw new InvalidQuery('more expressions than result columns', startOf(e), widthOf(e));
    exprs.push({ name: c.name, expr: expr(unnamed(e), scope, ctx) });
  }
  return { op: 'project', input: withHidden(input, hidden), exprs, columns: out };
};

const extend: OperatorBuilder = (input, op, ctx) => {
  const out = outColumns(op);
  const es = items(op.Expressions);
  const inputNames = new Set(input.columns.map((c) => c.name));
  const explicit = new Set<string>();
  for (const e of es) {
    if (kindOf(e) === 'SimpleNamedExpression') explicit.add(nameText(e.Name));
    if (kindOf(e) === 'CompoundNamedExpression') for (const x of items(e.Names.Names)) explicit.add(nameText(x));
  }
  const generated = out.filter((c) => !inputNames.has(c.name) && !explicit.has(c.name)).map((c) => c.name);
  const defined = new Map<string, Expr>();
  const hidden: NamedExpr[] = [];
  // every expression reads the input row: Kusto.Language binds `extend x = x + 1, y = x` to the
  // input's x, and does not let a later expression see a column made earlier in the same extend
  const scope: Scope = scopeOf(input);
  for (const e of es) {
    const members = tupleMembers(e);
    if (members) {
      // a multi-column function: one hidden bag column, each result column one of its members
      const h = `__hb_tuple${hidden.length}`;
      hidden.push({ name: h, expr: expr(valueNode(e), scope, ctx) });
      tupleNames(e, members, () => generated.shift()).forEach((name, j) => defined.set(name, tupleMember(h, members[j]!, startOf(e))));
      continue;
    }
    if (kindOf(e) === 'CompoundNamedExpression') throw new UnsupportedFeature('(a, b) = ... in extend', startOf(e), widthOf(e));
    // an unnamed expression whose Kusto name is an input column (extend a, extend tostring(b)) replaces it
    const own = kindOf(e) === 'SimpleNamedExpression' ? undefined : expressionResultName(e);
    const name = kindOf(e) === 'SimpleNamedExpression' ? nameText(e.Name) : own !== undefined && inputNames.has(own) ? own : generated.shift();
    if (!name) throw new InvalidQuery('cannot name this extend column', startOf(e), widthOf(e));
    defined.set(name, expr(unnamed(e), scope, ctx));
  }
  const exprs: NamedExpr[] = out.map((c) => {
    const e = defined.get(c.name) ?? input.columns.find((x) => x.name === c.name);
    if (!e) throw new UnsupportedFeature(`this extend's result column '${c.name}'`, startOf(op), widthOf(op));
    return { name: c.name, expr: 'k' in e ? e : colRef(e) };
  });
  return { op: 'project', input: withHidden(input, hidden), exprs, columns: out };
};

const keepOrder: OperatorBuilder = (input, op) => projectColumns(input, outColumns(op));

const rename: OperatorBuilder = (input, op) => {
  const out = outColumns(op);
  const map = new Map<string, string>(); // new -> old
  for (const e of items(op.Expressions)) map.set(nameText(e.Name), nameText(e.Expression));
  const exprs: NamedExpr[] = out.map((c) => {
    const from = map.get(c.name) ?? c.name;
    const src = input.columns.find((x) => x.name === from);
    if (!src) throw new InvalidQuery(`column '${from}' is missing`, startOf(op), widthOf(op));
    return { name: c.name, expr: colRef(src) };
  });
  return { op: 'project', input, exprs, columns: out };
};

export function sortKeys(nodes: KNode[], scope: Scope, ctx: BuildContext): SortKey[] {
  return nodes.map((n) => {
    let e = n;
    let desc = true;
    let nullsFirst: boolean | undefined;
    if (kindOf(n) === 'OrderedExpression') {
      e = n.Expression;
      const ord = n.Ordering;
      if (ord?.AscOrDescKeyword) desc = tokenText(ord.AscOrDescKeyword).toLowerCase() !== 'asc';
      if (ord?.NullsClause) nullsFirst = tokenText(ord.NullsClause.FirstOrLastKeyword).toLowerCase() === 'first';
    }
    // Kusto: ascending puts nulls first, descending puts them last
    return { expr: expr(e, scope, ctx), desc, nullsFirst: nullsFirst ?? !desc };
  });
}

const sort: OperatorBuilder = (input, op, ctx) => {
  const keys = sortKeys(items(op.Expressions), scopeOf(input), ctx);
  return { op: 'sort', input, keys, columns: input.columns };
};

function countExpr(n: KNode, ctx: BuildContext): Expr {
  const e = expr(n, { columns: [] }, ctx);
  if (e.type !== 'long' && e.type !== 'int') throw new InvalidQuery('the row count must be an integer', startOf(n), widthOf(n));
  return e;
}

const take: OperatorBuilder = (input, op, ctx) => ({ op: 'limit', input, count: countExpr(op.Expression, ctx), columns: input.columns });

const top: OperatorBuilder = (input, op, ctx) => {
  const keys = sortKeys([op.ByExpression], scopeOf(input), ctx);
  const sorted: Plan = { op: 'sort', input, keys, columns: input.columns };
  return { op: 'limit', input: sorted, count: countExpr(op.Expression, ctx), columns: input.columns };
};

const distinct: OperatorBuilder = (input, op, ctx) => {
  const es = items(op.Expressions);
  const out = outColumns(op);
  if (es.length === 1 && kindOf(es[0]) === 'StarExpression') return { op: 'distinct', input, columns: input.columns };
  const scope = scopeOf(input);
  const exprs = es.map((e, i) => ({ name: out[i]!.name, expr: expr(unnamed(e), scope, ctx) }));
  const proj: Plan = { op: 'project', input, exprs, columns: out };
  return { op: 'distinct', input: proj, columns: out };
};

const count: OperatorBuilder = (input, op) => {
  const out = outColumns(op);
  return { op: 'summarize', input, keys: [], aggs: [{ name: out[0]!.name, expr: { k: 'agg', fn: 'count', args: [], type: 'long', pos: startOf(op) } }], columns: out };
};

const as: OperatorBuilder = (input, op, ctx) => {
  const name = nameText(op.Name);
  const ref = ctx.cte(input, false);
  ctx.asNames.set(name, ref);
  // later references to the name are bound by Kusto.Language to the declaration's symbol
  const sym = op.Name?.ReferencedSymbol;
  if (sym) ctx.symbols.set(sym, { kind: 'table', plan: ref });
  return ref;
};

const serialize: OperatorBuilder = (input, op, ctx) => {
  const es = items(op.Expressions);
  if (es.length === 0) {
    return markSerialized({ op: 'project', input, exprs: input.columns.map((c) => ({ name: c.name, expr: colRef(c) })), columns: input.columns });
  }
  const numbered = markSerialized({ op: 'project', input, exprs: input.columns.map((c) => ({ name: c.name, expr: colRef(c) })), columns: input.columns });
  const out = outColumns(op);
  // Kusto.Language appends one column per expression and renames a clash (serialize x = x * 10 -> x1)
  if (out.length === input.columns.length + es.length && input.columns.every((c, i) => out[i]!.name === c.name)) {
    const scope = scopeOf(numbered);
    const exprs: NamedExpr[] = [
      ...input.columns.map((c) => ({ name: c.name, expr: colRef(c) })),
      ...es.map((e, i) => ({ name: out[input.columns.length + i]!.name, expr: expr(unnamed(e), scope, ctx) })),
    ];
    return markSerialized({ op: 'project', input: numbered, exprs, columns: out });
  }
  return markSerialized(extend(numbered, op, ctx));
};

const getschema: OperatorBuilder = (input, op) => {
  const rows = input.columns.map((c, i) => [lit('string', c.name), lit('long', BigInt(i)), lit('string', dotnetType[c.type]), lit('string', c.type)]);
  return { op: 'values', rows, columns: outColumns(op) };
};

const dotnetType: Record<string, string> = {
  bool: 'System.SByte', int: 'System.Int32', long: 'System.Int64', real: 'System.Double', decimal: 'System.Data.SqlTypes.SqlDecimal', string: 'System.String',
  datetime: 'System.DateTime', timespan: 'System.TimeSpan', dynamic: 'System.Object', guid: 'System.Guid',
};

const render: OperatorBuilder = (input, op, ctx) => {
  const kind = tokenText(op.ChartType).toLowerCase();
  const properties: Record<string, unknown> = {};
  const props = op.WithClause ? items(op.WithClause.Properties) : [];
  for (const p of props) {
    const key = nameText(p.Name);
    const v = p.Expression;
    const k = kindOf(v);
    if (k === 'LiteralExpression') properties[key] = literalInfo(v).value?.toString?.() ?? literalInfo(v).text;
    else if (k === 'ExpressionList' || k === 'ParenthesizedExpression') properties[key] = items(v.Expressions ?? []).map((x: KNode) => nameText(x));
    else properties[key] = textOf(v).trim().replace(/^\(|\)$/g, '').split(',').map((s: string) => s.trim()).filter(Boolean).length > 1
      ? textOf(v).trim().replace(/^\(|\)$/g, '').split(',').map((s: string) => s.trim())
      : textOf(v).trim();
  }
  for (const [k, v] of namedParameters(op.Parameters)) properties[k] = v.text;
  ctx.render = { kind, properties };
  return input;
};

export const basicOperators: Record<string, OperatorBuilder> = {
  FilterOperator: where,
  ProjectOperator: project,
  ExtendOperator: extend,
  ProjectAwayOperator: keepOrder,
  ProjectKeepOperator: keepOrder,
  ProjectReorderOperator: keepOrder,
  ProjectRenameOperator: rename,
  SortOperator: sort,
  TakeOperator: take,
  TopOperator: top,
  DistinctOperator: distinct,
  CountOperator: count,
  AsOperator: as,
  SerializeOperator: serialize,
  GetSchemaOperator: getschema,
  RenderOperator: render,
};

// ---- sources ---------------------------------------------------------------------------

const print: SourceBuilder = (n, ctx) => {
  const out = outColumns(n);
  const es = items(n.Expressions);
  const scope: Scope = { columns: [] };
  if (!es.some((e) => tupleMembers(e))) {
    const row = es.map((e) => expr(unnamed(e), scope, ctx));
    return { op: 'values', rows: [row], columns: out };
  }
  // multi-column functions: a one-row table of the expressions (bags for those), then their members
  const cells: NamedExpr[] = [];
  const exprs: NamedExpr[] = [];
  let i = 0;
  for (const e of es) {
    const h = `__hb_print${cells.length}`;
    cells.push({ name: h, expr: expr(valueNode(e), scope, ctx) });
    const members = tupleMembers(e);
    if (members) {
      positional(out, i, members.length, e).forEach((name, j) => exprs.push({ name, expr: tupleMember(h, members[j]!, startOf(e)) }));
      i += members.length;
    } else {
      const c = out[i++];
      if (!c) throw new InvalidQuery('more expressions than result columns', startOf(e), widthOf(e));
      exprs.push({ name: c.name, expr: { k: 'col', name: h, type: cells[cells.length - 1]!.expr.type } });
    }
  }
  const values: Plan = { op: 'values', rows: [cells.map((c) => c.expr)], columns: cells.map((c) => ({ name: c.name, type: c.expr.type })) };
  return { op: 'project', input: values, exprs, columns: out };
};

const range: SourceBuilder = (n, ctx) => {
  const out = outColumns(n);
  const scope: Scope = { columns: [] };
  return { op: 'range', from: expr(n.From, scope, ctx), to: expr(n.To, scope, ctx), step: expr(n.Step, scope, ctx), columns: out };
};

const datatable: SourceBuilder = (n, ctx) => {
  const out = outColumns(n);
  const vals = items(n.Values);
  const scope: Scope = { columns: [] };
  if (out.length === 0) throw new InvalidQuery('datatable has no columns', startOf(n), widthOf(n));
  if (vals.length % out.length !== 0) throw new InvalidQuery(`datatable has ${vals.length} values for ${out.length} columns`, startOf(n), widthOf(n));
  const rows: Expr[][] = [];
  for (let i = 0; i < vals.length; i += out.length) {
    rows.push(out.map((c, j) => {
      const e = expr(vals[i + j], scope, ctx);
      return e.type === c.type ? e : { k: 'call', fn: `to${c.type}`, args: [e], type: c.type, pos: startOf(vals[i + j]) };
    }));
  }
  return { op: 'values', rows, columns: out };
};

export const basicSources: Record<string, SourceBuilder> = {
  PrintOperator: print,
  RangeOperator: range,
  DataTableExpression: datatable,
};

export { symbolColumns };
