/** String functions. */
import type { ScalarEmitter } from '../types.ts';
import { convert } from '../coerce.ts';

export const stringFunctions: Record<string, ScalarEmitter> = {
  strlen: ([a]) => `CAST(length(${a!.sql}) AS BIGINT)`,
  tolower: ([a]) => `lower(${a!.sql})`,
  toupper: ([a]) => `upper(${a!.sql})`,
  strcat: (args) => (args.length ? `concat(${args.map((a) => (a.type === 'string' ? a.sql : convert(a.sql, a.type, 'string'))).join(', ')})` : "''"),
};
