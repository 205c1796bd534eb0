/**
 * mv-apply -> a LATERAL join: the input rows (numbered, to keep their order) joined with the
 * subquery, whose leaf ('outerrow') selects the current row's columns through the outer
 * alias. DuckDB decorrelates the subquery (aggregates, LIMIT, ORDER BY, windows included).
 * A result column comes from the subquery when it has one of that name, else from the row.
 */
import type { Plan } from '../../../plan/types.ts';
import { orderOf } from '../../../plan/order.ts';
import type { DuckDbEmitter } from '../emit.ts';
import { ident } from '../quote.ts';

const outerAlias = (id: number): string => ident(`_hb_ma${id}`);
const RID = ident('__hb_ma_rid');

export function emitMvApply(p: Plan & { op: 'mvapply' }, em: DuckDbEmitter): string {
  const o = outerAlias(p.id);
  const s = ident(`_hb_mas${p.id}`);
  const subNames = new Set(p.sub.columns.map((c) => c.name));
  const cols = p.columns.map((c) => `${subNames.has(c.name) ? s : o}.${ident(c.name)} AS ${ident(c.name)}`);
  const order = [`${o}.${RID}`];
  // the subquery's own order (sort, top) where it is still visible in its output columns
  const keys = orderOf(p.sub);
  if (keys && keys.every((k) => k.expr.k === 'col' && subNames.has(k.expr.name))) order.push(em.orderBy(keys, { ...em.env, qualifier: s }));
  const outer = `SELECT *, row_number() OVER () AS ${RID} FROM ${em.from(p.input)}`;
  return `SELECT ${cols.join(', ')} FROM (${outer}) AS ${o}, LATERAL (${em.plan(p.sub)}) AS ${s} ORDER BY ${order.join(', ')}`;
}

export function emitOuterRow(p: Plan & { op: 'outerrow' }): string {
  const o = outerAlias(p.id);
  return `SELECT ${p.columns.map((c) => `${o}.${ident(c.name)} AS ${ident(c.name)}`).join(', ')}`;
}

export const mvapplyEmitters = { mvapply: emitMvApply, outerrow: emitOuterRow };
