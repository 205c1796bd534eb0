/** Emitters for the plan operators beyond the core (join, union, mv-expand ...), by plan op. */
import type { Plan } from '../../plan/types.ts';
import type { DuckDbEmitter } from './emit.ts';

export type OperatorEmitter<P extends Plan = Plan> = (p: P, em: DuckDbEmitter) => string;

export const OPERATOR_EMITTERS: Partial<Record<Plan['op'], OperatorEmitter<never>>> = {};
