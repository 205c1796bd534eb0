/** to*() conversions, null and emptiness tests, coalesce, gettype. */
import type { KType } from '../../../plan/types.ts';
import { convert } from '../coerce.ts';
import type { ScalarEmitter, Arg } from '../types.ts';

const to = (t: KType): ScalarEmitter => ([a]) => convert(a!.sql, a!.type, t);

export const conversionFunctions: Record<string, ScalarEmitter> = {
  tostring: to('string'),
  toint: to('int'),
  tolong: to('long'),
  toreal: to('real'),
  todouble: to('real'),
  tobool: to('bool'),
  toboolean: to('bool'),
  todatetime: to('datetime'),
  totimespan: to('timespan'),
  toguid: ([a]) => (a!.type === 'string' ? `TRY_CAST(${a!.sql} AS UUID)` : convert(a!.sql, a!.type, 'guid')),
  todecimal: to('decimal'),
  todynamic: ([a]) => (a!.type === 'string' ? `TRY_CAST(${a!.sql} AS JSON)` : convert(a!.sql, a!.type, 'dynamic')),
  parse_json: ([a]) => (a!.type === 'string' ? `COALESCE(TRY_CAST(${a!.sql} AS JSON), to_json(${a!.sql}))` : convert(a!.sql, a!.type, 'dynamic')),
  isnull: ([a]) => (a!.type === 'string' ? 'FALSE' : a!.type === 'dynamic' ? `(${a!.sql} IS NULL OR json_type(${a!.sql}) = 'NULL')` : `(${a!.sql} IS NULL)`),
  isnotnull: ([a]) => (a!.type === 'string' ? 'TRUE' : a!.type === 'dynamic' ? `(${a!.sql} IS NOT NULL AND json_type(${a!.sql}) <> 'NULL')` : `(${a!.sql} IS NOT NULL)`),
  isempty: ([a]) => empty(a!),
  isnotempty: ([a]) => `(NOT ${empty(a!)})`,
  coalesce: (args, t) => {
    if (t === 'string') return `COALESCE(${args.map((a) => `NULLIF(${a.sql}, '')`).join(', ')}, '')`;
    if (t === 'dynamic') return `COALESCE(${args.map((a) => `CASE WHEN json_type(${a.sql}) = 'NULL' THEN NULL ELSE ${a.sql} END`).join(', ')})`;
    return `COALESCE(${args.map((a) => a.sql).join(', ')})`;
  },
};

function empty(a: Arg): string {
  if (a.type === 'string') return `(${a.sql} IS NULL OR ${a.sql} = '')`;
  if (a.type === 'dynamic') return `(${a.sql} IS NULL OR json_type(${a.sql}) = 'NULL' OR (json_type(${a.sql}) = 'VARCHAR' AND json_extract_string(${a.sql}, '$') = ''))`;
  return `(${a.sql} IS NULL)`;
}
