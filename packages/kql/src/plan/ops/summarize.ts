/** summarize: group keys and aggregates, arg_max/arg_min with * or column lists. */
import { kindOf, items, startOf, widthOf, referenced, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { expr, callArgs, nameText } from '../expr.ts';
import { outColumns, scopeOf, colRef } from './basic.ts';
import type { BuildContext, Scope } from '../context.ts';
import type { Column, Expr, NamedExpr, Plan, SortKey } from '../types.ts';
import type { OperatorBuilder } from '../operators.ts';

let groupIds = 0;

const summarize: OperatorBuilder = (input, op, ctx) => {
  const out = outColumns(op);
  const scope = scopeOf(input);
  const byNodes = op.ByClause ? items(op.ByClause.Expressions) : [];
  const keys: NamedExpr[] = byNodes.map((n, i) => ({ name: out[i]!.name, expr: expr(unnamed(n), scope, ctx) }));
  const aggs: NamedExpr[] = [];
  let idx = byNodes.length;
  const keyNames = new Set(keys.map((k) => k.name));
  for (const a of items(op.Aggregates)) {
    const consumed = aggregateColumns(a, scope, ctx, keyNames, out.slice(idx));
    for (const c of consumed) aggs.push(c);
    idx += consumed.length;
  }
  if (scope.order?.length) aggs.forEach((a, i) => { aggs[i] = { name: a.name, expr: ordered(a.expr, scope.order!) }; });
  if (idx !== out.length) throw new InvalidQuery(`summarize produced ${idx} columns where Kusto expects ${out.length}`, startOf(op), widthOf(op));
  return { op: 'summarize', input, keys, aggs, columns: out };
};

function unnamed(n: KNode): KNode { return kindOf(n) === 'SimpleNamedExpression' ? n.Expression : n; }

/** One aggregate item -> one or more output columns (arg_max(x, *) makes several). */
function aggregateColumns(a: KNode, scope: Scope, ctx: BuildContext, keyNames: Set<string>, columns: Column[]): NamedExpr[] {
  const names = columns.map((c) => c.name);
  const kind = kindOf(a);
  let inner = a;
  if (kind === 'SimpleNamedExpression' || kind === 'CompoundNamedExpression') inner = a.Expression;
  const fname = kindOf(inner) === 'FunctionCallExpression' ? String(referenced(inner)?.name ?? '').toLowerCase() : '';
  if (fname === 'arg_max' || fname === 'arg_min' || (kind === 'CompoundNamedExpression' && (fname === 'take_any' || fname === 'any'))) {
    return argPick(inner, fname, scope, ctx, keyNames, names);
  }
  if (fname === 'percentiles' || fname === 'percentilesw') return percentiles(inner, fname, scope, ctx, columns);
  if (kind === 'CompoundNamedExpression') throw new UnsupportedFeature('(a, b) = ... with this aggregate', startOf(a), widthOf(a));
  if (fname === 'take_any' || fname === 'any') {
    const args = callArgs(inner);
    if (args.length > 1 || (args[0] && kindOf(args[0]) === 'StarExpression')) return argPick(inner, fname, scope, ctx, keyNames, names);
  }
  const e = expr(inner, scope, ctx);
  if (!containsAgg(e)) {
    // Kusto.Language accepted it, so it is an aggregate we do not know yet
    if (fname) throw new UnsupportedFeature(`the aggregation function ${fname}()`, startOf(inner), widthOf(inner));
    throw new InvalidQuery('summarize needs an aggregation function here (count(), sum(), ...)', startOf(a), widthOf(a));
  }
  return [{ name: names[0]!, expr: e }];
}

/** make_list over a sorted input keeps the input's order (Kusto: the list tracks a sorted input). */
const ORDERED = new Set(['make_list', 'makelist', 'make_list_if', 'make_list_with_nulls']);
function ordered(e: Expr, order: readonly SortKey[]): Expr {
  switch (e.k) {
    case 'agg': return ORDERED.has(e.fn) ? { ...e, order } : e;
    case 'call': return { ...e, args: e.args.map((a) => ordered(a, order)) };
    case 'case': return { ...e, whens: e.whens.map((w) => ({ cond: ordered(w.cond, order), then: ordered(w.then, order) })), else: ordered(e.else, order) };
    default: return e;
  }
}

function containsAgg(e: Expr): boolean {
  switch (e.k) {
    case 'agg': return true;
    case 'call': return e.args.some(containsAgg);
    case 'case': return e.whens.some((w) => containsAgg(w.cond) || containsAgg(w.then)) || containsAgg(e.else);
    default: return false;
  }
}

/**
 * percentiles(x, p1, p2, ...) and percentilesw(x, w, p1, ...): one column per percentage
 * (percentile_x_50 ...), each a single-percentage aggregate of the column's type.
 */
function percentiles(call: KNode, fname: string, scope: Scope, ctx: BuildContext, columns: Column[]): NamedExpr[] {
  const args = callArgs(call).map((n) => expr(n, scope, ctx));
  const fixed = fname === 'percentilesw' ? 2 : 1;
  let ps = args.slice(fixed);
  const pos = startOf(call);
  const only = ps[0];
  if (ps.length === 1 && only?.type === 'dynamic') {
    const json = only.k === 'lit' && only.value && typeof only.value === 'object' && 'json' in only.value ? only.value.json : undefined;
    if (!Array.isArray(json)) throw new UnsupportedFeature(`${fname}() with percentages that are not a constant array`, pos, widthOf(call));
    ps = json.map((x) => ({ k: 'lit', type: 'real', value: Number(x) }) as Expr);
  }
  if (ps.length > columns.length) throw new InvalidQuery(`${fname} produced more columns than Kusto expects`, pos, widthOf(call));
  const fn = fname === 'percentilesw' ? 'percentilew' : 'percentile';
  return ps.map((p, i) => ({
    name: columns[i]!.name,
    expr: { k: 'agg', fn, args: [...args.slice(0, fixed), p], type: columns[i]!.type, pos } as Expr,
  }));
}

/** arg_max(by, cols...) / arg_min / take_any(cols...): several columns from one picked row. */
function argPick(call: KNode, fname: string, scope: Scope, ctx: BuildContext, keyNames: Set<string>, names: string[]): NamedExpr[] {
  const args = callArgs(call);
  const group = ++groupIds;
  const pos = startOf(call);
  const isAny = fname === 'take_any' || fname === 'any';
  const by = isAny ? undefined : expr(args[0], scope, ctx);
  const rest = isAny ? args : args.slice(1);
  const values: Expr[] = [];
  if (by) values.push(by);
  for (const r of rest) {
    if (kindOf(r) === 'StarExpression') {
      const already = new Set<string>([...keyNames]);
      if (by?.k === 'col') already.add(by.name);
      for (const c of scope.columns) if (!already.has(c.name)) values.push(colRef(c));
    } else {
      values.push(expr(unnamed(r), scope, ctx));
    }
  }
  if (values.length > names.length) throw new InvalidQuery(`${fname} produced more columns than Kusto expects`, pos, widthOf(call));
  const fn = isAny ? 'take_any' : fname;
  return values.map((v, i) => ({
    name: names[i]!,
    expr: { k: 'agg', fn, args: by ? [by, v] : [v], type: v.type, pos, group } as Expr,
  }));
}

export const summarizeOperators: Record<string, OperatorBuilder> = {
  SummarizeOperator: summarize,
};

export type { Plan };
void nameText;
