/** summarize: group keys and aggregates, arg_max/arg_min with * or column lists. */
import { kindOf, items, startOf, widthOf, referenced, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { expr, callArgs, nameText } from '../expr.ts';
import { outColumns, scopeOf, colRef } from './basic.ts';
import type { BuildContext, Scope } from '../context.ts';
import type { Expr, NamedExpr, Plan } from '../types.ts';
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
    const consumed = aggregateColumns(a, scope, ctx, keyNames, out.slice(idx).map((c) => c.name));
    for (const c of consumed) aggs.push(c);
    idx += consumed.length;
  }
  if (idx !== out.length) throw new InvalidQuery(`summarize produced ${idx} columns where Kusto expects ${out.length}`, startOf(op), widthOf(op));
  return { op: 'summarize', input, keys, aggs, columns: out };
};

function unnamed(n: KNode): KNode { return kindOf(n) === 'SimpleNamedExpression' ? n.Expression : n; }

/** One aggregate item -> one or more output columns (arg_max(x, *) makes several). */
function aggregateColumns(a: KNode, scope: Scope, ctx: BuildContext, keyNames: Set<string>, names: string[]): NamedExpr[] {
  const kind = kindOf(a);
  let inner = a;
  if (kind === 'SimpleNamedExpression' || kind === 'CompoundNamedExpression') inner = a.Expression;
  const fname = kindOf(inner) === 'FunctionCallExpression' ? String(referenced(inner)?.name ?? '').toLowerCase() : '';
  if (fname === 'arg_max' || fname === 'arg_min' || (kind === 'CompoundNamedExpression' && (fname === 'take_any' || fname === 'any'))) {
    return argPick(inner, fname, scope, ctx, keyNames, names);
  }
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

function containsAgg(e: Expr): boolean {
  switch (e.k) {
    case 'agg': return true;
    case 'call': return e.args.some(containsAgg);
    case 'case': return e.whens.some((w) => containsAgg(w.cond) || containsAgg(w.then)) || containsAgg(e.else);
    default: return false;
  }
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
