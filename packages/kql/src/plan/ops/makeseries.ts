/**
 * make-series [kind=nonempty] [Name=]Agg [default=D], ... on Axis [from Start] [to End] step Step [by Keys].
 * Without `from`, Start is the bin (bin(Axis, Step)) of the smallest axis value of the whole input;
 * without `to`, End is the end of the bin (aligned on Start) of the largest one: every series
 * shares one axis.
 * Rows with Start <= Axis < End are summarized per (keys, bin index), bin = floor((Axis - Start) / Step);
 * the dialect then builds, per key, one dynamic array per aggregate over the ceil((End - Start) / Step)
 * bins (D, or 0, where a bin has no rows) and the axis array of bin starts.
 * Without `by`, an empty input gives no row (a row of defaults with kind=nonempty).
 */
import { kindOf, items, startOf, widthOf, namedParameters, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { expr, lit } from '../expr.ts';
import type { BuildContext } from '../context.ts';
import type { Column, Expr, KType, NamedExpr, Plan } from '../types.ts';
import type { OperatorBuilder } from '../operators.ts';
import { outColumns, scopeOf } from './basic.ts';

const NUMERIC: ReadonlySet<KType> = new Set(['int', 'long', 'real', 'decimal']);

function call(fn: string, args: Expr[], type: KType, pos: number): Expr {
  return { k: 'call', fn, args, type, pos };
}

function unnamed(n: KNode): KNode { return kindOf(n) === 'SimpleNamedExpression' ? n.Expression : n; }

const makeSeries: OperatorBuilder = (inputPlan, op, ctx: BuildContext) => {
  let input = inputPlan;
  const pos = startOf(op);
  const params = namedParameters(op.Parameters);
  const kind = (params.get('kind')?.text ?? 'default').toLowerCase();
  if (kind !== 'default' && kind !== 'nonempty') throw new UnsupportedFeature(`make-series kind=${kind}`, pos, widthOf(op));
  for (const k of params.keys()) if (k !== 'kind') throw new UnsupportedFeature(`the make-series parameter '${k}'`, pos, widthOf(op));
  const range = op.RangeClause;
  if (range && kindOf(range) === 'MakeSeriesInRangeClause') {
    throw new UnsupportedFeature('make-series ... in range(start, stop, step)', startOf(range), widthOf(range), 'write: on Axis from Start to End step Step');
  }
  if (!range || kindOf(range) !== 'MakeSeriesFromToStepClause' || !range.MakeSeriesStepClause) {
    throw new UnsupportedFeature('this make-series range', startOf(range ?? op), widthOf(range ?? op), 'write: on Axis [from Start] [to End] step Step');
  }

  const out = outColumns(op);
  const byNodes = op.ByClause ? items(op.ByClause.Expressions) : [];
  const aggNodes = items(op.Aggregates);
  if (out.length !== byNodes.length + aggNodes.length + 1) throw new UnsupportedFeature("this make-series' result layout", pos, widthOf(op));
  // without from/to the bounds come from the whole input's axis values: the input is then read
  // once (a CTE) by both the bounds and the series
  const open = !range.MakeSeriesFromClause || !range.MakeSeriesToClause;
  if (open) input = ctx.cte(input, true);
  const scope = scopeOf(input);
  const empty = { columns: [] };

  const axisExpr = expr(op.OnClause.Expression, scope, ctx);
  const step = expr(range.MakeSeriesStepClause.Expression, empty, ctx);
  const at = axisExpr.type;
  const bound = (fn: 'min' | 'max'): Expr => {
    const aggs: NamedExpr[] = [{ name: fn, expr: { k: 'agg', fn, args: [axisExpr], type: at, pos } }];
    return { k: 'scalar', plan: { op: 'summarize', input, keys: [], aggs, columns: [{ name: fn, type: at }] }, type: at };
  };
  // Kusto: no `from` -> the first bin (of size step) that has data; no `to` -> the end of the last one
  const start = range.MakeSeriesFromClause ? expr(range.MakeSeriesFromClause.Expression, empty, ctx) : call('bin', [bound('min'), step], at, pos);
  const end = range.MakeSeriesToClause
    ? expr(range.MakeSeriesToClause.Expression, empty, ctx)
    : call('+', [call('bin_at', [bound('max'), step, start], at, pos), step], at, pos);
  if (at === 'datetime') {
    if (step.type !== 'timespan') throw new InvalidQuery('the step of a datetime axis must be a timespan', startOf(range), widthOf(range));
  } else if (!NUMERIC.has(at) && at !== 'timespan') {
    throw new UnsupportedFeature(`a make-series axis of type ${at}`, startOf(op.OnClause), widthOf(op.OnClause));
  }

  // rows inside [start, end)
  const inRange = call('and', [call('>=', [axisExpr, start], 'bool', pos), call('<', [axisExpr, end], 'bool', pos)], 'bool', pos);
  const filtered: Plan = { op: 'filter', input, cond: inRange, columns: input.columns };
  const diff = call('-', [axisExpr, start], at === 'datetime' ? 'timespan' : at, pos);
  const ratio = call('/', [diff, step], at === 'datetime' || at === 'timespan' ? 'real' : diff.type, pos);
  const bin = '__hb_bin';

  const keys: NamedExpr[] = byNodes.map((n, i) => ({ name: out[i]!.name, expr: expr(unnamed(n), scope, ctx) }));
  const aggs: NamedExpr[] = [];
  const series: { name: string; from: string; type: KType; default: Expr }[] = [];
  aggNodes.forEach((n, i) => {
    const col = out[byNodes.length + i]!;
    if (col.type !== 'dynamic') throw new UnsupportedFeature(`the series '${col.name}' (Kusto.Language types it ${col.type}, not an array)`, startOf(n), widthOf(n));
    const name = col.name;
    const e = expr(unnamed(n.Expression), scope, ctx);
    const from = `__hb_s${i}`;
    let dflt: Expr;
    if (n.DefaultExpression) dflt = expr(n.DefaultExpression.Expression, empty, ctx);
    else if (NUMERIC.has(e.type) || e.type === 'timespan') dflt = lit(e.type, e.type === 'real' ? 0 : e.type === 'decimal' ? '0' : 0n);
    else throw new UnsupportedFeature(`a ${e.type} series without default=`, startOf(n), widthOf(n), 'add default=<value>');
    aggs.push({ name: from, expr: e });
    series.push({ name, from, type: e.type, default: dflt });
  });
  const perBin: Plan = {
    op: 'summarize', input: filtered,
    keys: [...keys, { name: bin, expr: call('tolong', [ratio], 'long', pos) }],
    aggs,
    columns: [...keys.map((k) => ({ name: k.name, type: k.expr.type })), { name: bin, type: 'long' as KType }, ...aggs.map((a) => ({ name: a.name, type: a.expr.type }))],
  };
  const axisCol = out[out.length - 1]!;
  const columns: Column[] = out.map((c, i) => (i < keys.length ? { name: c.name, type: keys[i]!.expr.type } : c));
  return {
    op: 'makeseries', input: perBin, keys: keys.map((k) => k.name), bin, series,
    axis: { name: axisCol.name, type: at, start, end, step },
    nonempty: kind === 'nonempty', columns,
  };
};

export const makeSeriesOperators: Record<string, OperatorBuilder> = { MakeSeriesOperator: makeSeries };
