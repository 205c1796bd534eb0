/** Dynamic (JSON) functions: arrays, bags, sets. Dynamic values are DuckDB JSON. */
import type { ScalarEmitter } from '../types.ts';

export const dynamicFunctions: Record<string, ScalarEmitter> = {
  array_length: ([a]) => `CASE WHEN json_type(${a!.sql}) = 'ARRAY' THEN CAST(json_array_length(${a!.sql}) AS BIGINT) ELSE NULL END`,
};
