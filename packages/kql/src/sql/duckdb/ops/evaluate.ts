/** distinctkeys: the discovery query of bag_unpack (bag keys) and pivot (values), sorted. */
import type { Plan } from '../../../plan/types.ts';
import type { DuckDbEmitter } from '../emit.ts';
import { convert } from '../coerce.ts';
import { ident } from '../quote.ts';

export function emitDistinctKeys(p: Plan & { op: 'distinctkeys' }, em: DuckDbEmitter): string {
  const col = ident(p.columns[0]!.name);
  const e = em.expr(p.expr);
  if (p.of === 'bag') {
    const keys = `SELECT unnest(json_keys(CASE WHEN json_type(${e}) = 'OBJECT' THEN ${e} END)) AS ${col} FROM ${em.from(p.input)}`;
    return `SELECT DISTINCT ${col} FROM (${keys}) AS ${em.next()} WHERE ${col} IS NOT NULL ORDER BY ${col}`;
  }
  // values: a null is reported as '' (the caller decides what an empty name means)
  const values = `SELECT COALESCE(${convert(e, p.expr.type, 'string')}, '') AS ${col} FROM ${em.from(p.input)}`;
  return `SELECT DISTINCT ${col} FROM (${values}) AS ${em.next()} ORDER BY ${col}`;
}

export const evaluateEmitters = { distinctkeys: emitDistinctKeys };
