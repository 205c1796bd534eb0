/**
 * top-nested N1 of key1 [with others = c1] by agg1 [asc|desc], top-nested N2 of key2 ...
 *
 * Each level groups the rows of every selected path of the previous level by its key and keeps
 * the N best groups by its aggregate (all groups without N). Rows outside the top N of a level
 * form an "others" bucket under their path; it is reported (one row) when this or a deeper level
 * has `with others`: a level with `with others` shows its value and the aggregate over the
 * bucket's rows, a level without shows nulls (Kusto's documented output). Columns (two per level)
 * and their names (`aggregated_State` ...) come from Kusto.Language.
 */
import { kindOf, items, startOf, widthOf, tokenText, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { expr } from '../expr.ts';
import type { Expr, Plan, TopNestedLevel } from '../types.ts';
import type { OperatorBuilder } from '../operators.ts';
import { outColumns, scopeOf } from './basic.ts';

function unnamed(n: KNode): KNode { return kindOf(n) === 'SimpleNamedExpression' ? n.Expression : n; }

function hasAgg(e: Expr): boolean {
  switch (e.k) {
    case 'agg': return true;
    case 'call': return e.args.some(hasAgg);
    case 'case': return e.whens.some((w) => hasAgg(w.cond) || hasAgg(w.then)) || hasAgg(e.else);
    default: return false;
  }
}

function hasColumnOrWindow(e: Expr): boolean {
  switch (e.k) {
    case 'col': case 'win': case 'agg': case 'scalar': case 'tableset': return true;
    case 'call': return e.args.some(hasColumnOrWindow);
    case 'case': return e.whens.some((w) => hasColumnOrWindow(w.cond) || hasColumnOrWindow(w.then)) || hasColumnOrWindow(e.else);
    case 'list': return e.items.some(hasColumnOrWindow);
    default: return false;
  }
}

function hasWindow(e: Expr): boolean {
  switch (e.k) {
    case 'win': return true;
    case 'call': case 'agg': return e.args.some(hasWindow);
    case 'case': return e.whens.some((w) => hasWindow(w.cond) || hasWindow(w.then)) || hasWindow(e.else);
    default: return false;
  }
}

const topNested: OperatorBuilder = (input, op, ctx) => {
  const out = outColumns(op);
  const clauses = items(op.Clauses);
  if (out.length !== clauses.length * 2) throw new InvalidQuery(`top-nested produced ${out.length} columns where ${clauses.length * 2} were expected`, startOf(op), widthOf(op));
  const scope = scopeOf(input);
  const levels: TopNestedLevel[] = clauses.map((c: KNode, i: number) => {
    const keyCol = out[2 * i]!;
    const aggCol = out[2 * i + 1]!;
    let n: number | undefined;
    if (c.Expression) {
      const e = expr(c.Expression, scope, ctx);
      if (e.k !== 'lit' || (typeof e.value !== 'bigint' && typeof e.value !== 'number')) throw new UnsupportedFeature('top-nested with a count that is not a constant number', startOf(c.Expression), widthOf(c.Expression));
      n = Number(e.value);
      if (!Number.isSafeInteger(n)) throw new InvalidQuery('the top-nested count must be a whole number', startOf(c.Expression), widthOf(c.Expression));
    }
    const key = expr(unnamed(c.OfExpression), scope, ctx);
    if (hasAgg(key) || hasWindow(key)) throw new UnsupportedFeature('a top-nested value with an aggregate or window function', startOf(c.OfExpression), widthOf(c.OfExpression));
    let byNode = c.ByExpression;
    let desc = true;
    if (kindOf(byNode) === 'OrderedExpression') {
      desc = tokenText(byNode.Ordering?.AscOrDescKeyword).toLowerCase() !== 'asc';
      if (byNode.Ordering?.NullsClause) throw new UnsupportedFeature('nulls first/last in top-nested', startOf(byNode.Ordering), widthOf(byNode.Ordering));
      byNode = byNode.Expression;
    }
    const agg = expr(unnamed(byNode), scope, ctx);
    if (!hasAgg(agg)) throw new InvalidQuery('top-nested needs an aggregation after by (count(), sum(x) ...)', startOf(byNode), widthOf(byNode));
    if (hasWindow(agg)) throw new UnsupportedFeature('a window function in a top-nested aggregation', startOf(byNode), widthOf(byNode));
    let others: Expr | undefined;
    if (c.WithOthersClause) {
      const w = c.WithOthersClause.Expression;
      others = expr(w, scope, ctx);
      if (hasColumnOrWindow(others)) throw new InvalidQuery('the top-nested others value must be a constant', startOf(w), widthOf(w));
    }
    if (key.type !== keyCol.type) throw new UnsupportedFeature(`a top-nested value of type ${key.type} where Kusto.Language expects ${keyCol.type}`, startOf(c.OfExpression), widthOf(c.OfExpression));
    if (agg.type !== aggCol.type) throw new UnsupportedFeature(`a top-nested aggregation of type ${agg.type} where Kusto.Language expects ${aggCol.type}`, startOf(byNode), widthOf(byNode));
    return { key, agg, n, others, desc };
  });
  const plan: Plan = { op: 'topnested', input, levels, ids: [ctx.id(), ctx.id()], columns: out };
  return plan;
};

export const topNestedOperators: Record<string, OperatorBuilder> = { TopNestedOperator: topNested };
