/**
 * evaluate pivot(col [, aggregation] [, groupcols...]) [: (schema)].
 *
 * The output columns are the group columns (default: every input column except the pivot column
 * and the columns the aggregation reads) followed by one column per distinct value of `col`,
 * named by the value's text (tostring), holding the aggregate over the group's rows with that value.
 *
 * With a schema clause the value columns are the declared ones and the plan is static:
 *   summarize cell = agg by groups, key = tostring(col)          (one row per group and value)
 *   summarize v1 = take_anyif(cell, key == 'v1'), ... by groups  (rotate)
 *   project   groups, coalesce(v1, <agg over no rows>), ...      (declared order, missing cells)
 * Without one, the first build stops with `NeedsDiscovery`: its plan lists the distinct values,
 * and its `splice` writes them into the query text as a schema clause. The query is then parsed
 * again, so Kusto.Language knows the new columns and their types for every later operator.
 * Values only reach SQL as string literals and through ident(); as query text they are written as
 * \u escapes inside ['...'] and the re-parsed names are checked against the values.
 */
import { kindOf, startOf, widthOf, parseAndBind, tableColumns, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { expr, lit, callArgs } from '../expr.ts';
import type { BuildContext } from '../context.ts';
import type { Column, Expr, KType, NamedExpr, Plan } from '../types.ts';
import { colRef, outColumns, scopeOf } from './basic.ts';
import { NeedsDiscovery, isQueryRoot } from './evaluate.ts';

/** The most distinct values pivot turns into columns. */
export const MAX_PIVOT_COLUMNS = 1000;

const AGGREGATES = new Set(['min', 'max', 'take_any', 'sum', 'dcount', 'avg', 'stdev', 'variance', 'make_list', 'make_bag', 'make_set', 'count']);
const KEY = '__hb_pivot_key';
const CELL = '__hb_pivot_cell';
const ROWS = '__hb_pivot_rows';

/** The value of a cell whose group has no row with that pivot value. */
function missing(fn: string, type: KType): Expr | undefined {
  if (fn === 'count' || fn === 'dcount' || fn === 'sum') {
    switch (type) {
      case 'int': case 'long': case 'timespan': return lit(type, 0n);
      case 'real': return lit('real', 0);
      case 'decimal': return lit('decimal', '0');
      default: return undefined;
    }
  }
  if (fn === 'make_list' || fn === 'make_set') return lit('dynamic', { json: [] });
  if (fn === 'make_bag') return lit('dynamic', { json: {} });
  if (type === 'string') return lit('string', '');
  return undefined;
}

function columnsOf(e: Expr, out: Set<string>): Set<string> {
  switch (e.k) {
    case 'col': out.add(e.name); break;
    case 'call': case 'agg': case 'win': e.args.forEach((a) => columnsOf(a, out)); break;
    case 'list': e.items.forEach((a) => columnsOf(a, out)); break;
    case 'case': e.whens.forEach((w) => { columnsOf(w.cond, out); columnsOf(w.then, out); }); columnsOf(e.else, out); break;
    default: break;
  }
  return out;
}

function containsOuterRow(p: Plan): boolean {
  if (p.op === 'outerrow') return true;
  for (const v of Object.values(p)) {
    if (v && typeof v === 'object' && 'op' in v && 'columns' in v && containsOuterRow(v as Plan)) return true;
    if (Array.isArray(v) && v.some((x) => x && typeof x === 'object' && 'op' in x && 'columns' in x && containsOuterRow(x as Plan))) return true;
  }
  return false;
}

export function pivot(input: Plan, op: KNode, ctx: BuildContext): Plan {
  const call = op.FunctionCall;
  const args = callArgs(call);
  if (!args.length) throw new InvalidQuery('pivot needs a column', startOf(op), widthOf(op));
  const scope = scopeOf(input);
  const pc = expr(args[0], scope, ctx);
  if (pc.k !== 'col') throw new UnsupportedFeature('pivot of an expression (pivot a column)', startOf(args[0]), widthOf(args[0]));
  const pos = startOf(call);

  let agg: Expr = { k: 'agg', fn: 'count', args: [], type: 'long', pos };
  let explicit: Column[] | undefined;
  args.slice(1).forEach((a, i) => {
    const e = expr(a, scope, ctx);
    if (i === 0 && e.k === 'agg') {
      if (!AGGREGATES.has(e.fn)) throw new UnsupportedFeature(`${e.fn}() as the pivot aggregation`, startOf(a), widthOf(a), `use one of ${[...AGGREGATES].join(', ')}`);
      if (e.fn === 'count' && e.args.length) throw new UnsupportedFeature('count() with an argument in pivot', startOf(a), widthOf(a));
      agg = e;
      return;
    }
    if (e.k !== 'col' || kindOf(a) !== 'NameReference') throw new UnsupportedFeature('a pivot argument that is neither an aggregation nor a column', startOf(a), widthOf(a));
    explicit ??= [];
    if (e.name === pc.name || explicit.some((c) => c.name === e.name)) throw new InvalidQuery(`the column '${e.name}' is listed twice in pivot`, startOf(a), widthOf(a));
    explicit.push(input.columns.find((c) => c.name === e.name)!);
  });
  if (agg.k !== 'agg') throw new InvalidQuery('pivot needs an aggregation', pos);
  const aggFn = agg.fn;
  const cellType = agg.type;

  const read = columnsOf(agg, new Set());
  const groups: Column[] = explicit ?? input.columns.filter((c) => c.name !== pc.name && !read.has(c.name));
  for (const g of groups) {
    if (g.name === KEY || g.name === CELL || g.name === ROWS) throw new UnsupportedFeature(`pivot with a column named '${g.name}'`, startOf(op), widthOf(op));
  }

  if (!op.Schema) {
    const open = outColumns(op).map((c) => c.name);
    if (open.join('\u0000') !== groups.map((c) => c.name).join('\u0000')) {
      throw new UnsupportedFeature('pivot whose aggregation reads columns in a way Kusto.Language groups differently', startOf(op), widthOf(op), 'list the columns to keep: evaluate pivot(col, agg, col1, col2)');
    }
    if (!isQueryRoot(op.Root)) throw new UnsupportedFeature('evaluate pivot without a schema inside a function body', startOf(op), widthOf(op), 'give the schema: evaluate pivot(col) : (Col1:string, Value1:long, ...)');
    if (containsOuterRow(input)) throw new UnsupportedFeature('evaluate pivot without a schema inside mv-apply', startOf(op), widthOf(op), 'give the schema: evaluate pivot(col) : (Col1:string, Value1:long, ...)');
    const key: Expr = { k: 'call', fn: 'tostring', args: [pc], type: 'string', pos };
    const values: Plan = { op: 'distinctkeys', input, expr: key, of: 'value', columns: [{ name: 'key', type: 'string' }] };
    const limited: Plan = { op: 'limit', input: values, count: lit('long', BigInt(MAX_PIVOT_COLUMNS + 1)), columns: values.columns };
    const at = startOf(call) + widthOf(call);
    throw new NeedsDiscovery({ lets: [...ctx.lets], root: limited }, {
      at,
      text: (keys) => schemaText(keys, pc.type, groups, cellType, op),
    });
  }

  // the schema clause fixes the columns: Kusto.Language computed them
  const declared = outColumns(op);
  const valueCols: Column[] = [];
  for (const c of declared) {
    const g = groups.find((x) => x.name === c.name);
    if (g) {
      if (g.type !== c.type) throw new UnsupportedFeature(`the schema column '${c.name}' as ${c.type} (the input column is ${g.type})`, startOf(op.Schema), widthOf(op.Schema));
      continue;
    }
    if (c.type !== cellType) throw new UnsupportedFeature(`the pivoted column '${c.name}' as ${c.type} (${aggFn}() here gives ${cellType})`, startOf(op.Schema), widthOf(op.Schema));
    valueCols.push(c);
  }

  const keyExpr: Expr = { k: 'call', fn: 'tostring', args: [pc], type: 'string', pos };
  const keys: NamedExpr[] = groups.map((g) => ({ name: g.name, expr: colRef(g) }));
  const cells: Plan = {
    op: 'summarize', input, keys: [...keys, { name: KEY, expr: keyExpr }], aggs: [{ name: CELL, expr: agg }],
    columns: [...groups, { name: KEY, type: 'string' }, { name: CELL, type: cellType }],
  };
  const cell: Expr = { k: 'col', name: CELL, type: cellType };
  const keyCol: Expr = { k: 'col', name: KEY, type: 'string' };
  const rotated: NamedExpr[] = valueCols.map((c, i) => ({
    name: `__hb_pivot_v${i}`,
    expr: { k: 'agg', fn: 'take_anyif', args: [cell, { k: 'call', fn: '==', args: [keyCol, lit('string', c.name)], type: 'bool', pos }], type: cellType, pos },
  }));
  if (!groups.length) rotated.push({ name: ROWS, expr: { k: 'agg', fn: 'count', args: [], type: 'long', pos } });
  let plan: Plan = {
    op: 'summarize', input: cells, keys: groups.map((g) => ({ name: g.name, expr: colRef(g) })), aggs: rotated,
    columns: [...groups, ...rotated.map((r) => ({ name: r.name, type: r.expr.type }))],
  };
  if (!groups.length) {
    // no group columns: one row, unless the input is empty
    plan = { op: 'filter', input: plan, cond: { k: 'call', fn: '>', args: [{ k: 'col', name: ROWS, type: 'long' }, lit('long', 0n)], type: 'bool', pos }, columns: plan.columns };
  }
  const fill = missing(aggFn, cellType);
  const exprs: NamedExpr[] = declared.map((c) => {
    const i = valueCols.indexOf(c);
    if (i < 0) return { name: c.name, expr: colRef(c) };
    const v: Expr = { k: 'col', name: `__hb_pivot_v${i}`, type: cellType };
    return { name: c.name, expr: fill ? { k: 'call', fn: 'coalesce', args: [v, fill], type: cellType, pos } : v };
  });
  return { op: 'project', input: plan, exprs, columns: declared };
}

const NUMERIC = new Set<KType>(['int', 'long', 'real', 'decimal']);

/** The schema clause for the discovered values: ` : (group:type, ..., ['value']:aggtype, ...)`. */
function schemaText(found: readonly string[], pivotType: KType, groups: readonly Column[], cellType: KType, op: KNode): string {
  const where = startOf(op);
  const width = widthOf(op);
  if (found.length > MAX_PIVOT_COLUMNS) {
    throw new UnsupportedFeature(`pivot into more than ${MAX_PIVOT_COLUMNS} columns (the data has more distinct values)`, where, width, 'filter or bin the pivot column first');
  }
  if (found.includes('')) throw new UnsupportedFeature('pivot over empty or null values (they cannot name a column)', where, width, 'filter them out first: where isnotempty(col)');
  const values = [...found];
  if (NUMERIC.has(pivotType) && values.every((v) => Number.isFinite(Number(v)))) values.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
  else values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // DuckDB names are case-insensitive: two columns that differ only by case cannot be told apart
  const seen = new Map<string, string>();
  for (const n of [...groups.map((g) => g.name), ...values]) {
    const k = n.toLowerCase();
    const prev = seen.get(k);
    if (prev !== undefined) throw new UnsupportedFeature(`pivot values that name the same column twice ('${clip(prev)}' and '${clip(n)}', case-insensitively)`, where, width);
    seen.set(k, n);
  }
  if (!groups.length && !values.length) throw new UnsupportedFeature('pivot of an empty input with no other columns (no output columns)', where, width);
  const names = [...groups.map((g) => g.name), ...values];
  const types = [...groups.map((g) => g.type), ...values.map(() => cellType)];
  const text = `(${names.map((n, i) => `${quoteName(n)}:${types[i]}`).join(', ')})`;
  // the names Kusto.Language reads back must be the values, exactly
  const back = parsedColumns(`datatable${text}[]`);
  if (!back || back.length !== names.length || back.some((c, i) => c.name !== names[i] || c.type !== types[i])) {
    throw new UnsupportedFeature('pivot values that Kusto.Language cannot read back as column names', where, width);
  }
  return ` : ${text}`;
}

/** Result columns of a one-expression query, as Kusto.Language binds them. */
function parsedColumns(text: string): Column[] | undefined {
  const parsed = parseAndBind(text);
  if (parsed.diagnostics.length) return undefined;
  const find = (n: KNode): KNode | undefined => {
    if (kindOf(n) === 'DataTableExpression') return n;
    for (let i = 0; i < (n?.ChildCount ?? 0); i++) {
      const c = n.GetChild(i);
      const f = c ? find(c) : undefined;
      if (f) return f;
    }
    return undefined;
  };
  const dt = find(parsed.root);
  return dt ? tableColumns(dt) : undefined;
}

function clip(s: string): string { return s.length > 40 ? `${s.slice(0, 40)}...` : s; }

/** A column name as Kusto text: ['...'] with every character outside [A-Za-z0-9_] as a \u escape. */
export function quoteName(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    out += /[A-Za-z0-9_ ]/.test(ch) ? ch : `\\u${name.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return `['${out}']`;
}
