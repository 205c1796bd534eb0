/** sample: N rows in random order (a fresh draw each time the plan runs, like Kusto). */
import type { Plan } from '../../../plan/types.ts';
import type { DuckDbEmitter } from '../emit.ts';

export function emitSample(p: Plan & { op: 'sample' }, em: DuckDbEmitter): string {
  return `SELECT * FROM ${em.from(p.input)} ORDER BY random() LIMIT greatest(${em.expr(p.count)}, 0)`;
}

export const miscEmitters = { sample: emitSample };
