/** union -> UNION ALL of the legs, each already projected onto the result columns by the planner. */
import type { Plan } from '../../../plan/types.ts';
import type { DuckDbEmitter } from '../emit.ts';
import { ident, str } from '../quote.ts';

type UnionPlan = Plan & { op: 'union' };

export function emitUnion(p: UnionPlan, em: DuckDbEmitter): string {
  return p.inputs.map((leg, i) => {
    const cols = p.columns.map((c) => (c.name === p.sourceColumn ? `${str(p.names[i] ?? '')} AS ${ident(c.name)}` : ident(c.name)));
    return `SELECT ${cols.join(', ')} FROM ${em.from(leg)}`;
  }).join('\nUNION ALL\n');
}
