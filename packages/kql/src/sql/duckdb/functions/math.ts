/** Math functions. */
import type { ScalarEmitter } from '../types.ts';

export const mathFunctions: Record<string, ScalarEmitter> = {
  abs: ([a]) => `abs(${a!.sql})`,
  sqrt: ([a]) => `sqrt(${a!.sql})`,
};
