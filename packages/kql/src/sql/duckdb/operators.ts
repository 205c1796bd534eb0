/** Emitters for the plan operators beyond the core (join, union, mv-expand ...), by plan op. */
import type { Plan } from '../../plan/types.ts';
import type { DuckDbEmitter } from './emit.ts';
import { parseEmitters } from './ops/parse.ts';
import { miscEmitters } from './ops/misc.ts';
import { makeSeriesEmitters } from './ops/makeseries.ts';
import { evaluateEmitters } from './ops/evaluate.ts';
import { mvapplyEmitters } from './ops/mvapply.ts';
import { parsekvEmitters } from './ops/parsekv.ts';
import { topNestedEmitters } from './ops/topnested.ts';
import { emitJoin } from './ops/join.ts';
import { emitUnion } from './ops/union.ts';
import { emitMvExpand } from './ops/mvexpand.ts';

export type OperatorEmitter<P extends Plan = Plan> = (p: P, em: DuckDbEmitter) => string;

export const OPERATOR_EMITTERS: Partial<Record<Plan['op'], OperatorEmitter<never>>> = {
  ...parseEmitters,
  ...miscEmitters,
  ...makeSeriesEmitters,
  ...evaluateEmitters,
  ...mvapplyEmitters,
  ...parsekvEmitters,
  ...topNestedEmitters,
  join: emitJoin,
  union: emitUnion,
  mvexpand: emitMvExpand,
};
