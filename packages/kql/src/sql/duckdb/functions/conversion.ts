/** to*() conversions, null and emptiness tests, coalesce, gettype. */
import type { KType } from '../../../plan/types.ts';
import { convert } from '../coerce.ts';
import { str } from '../quote.ts';
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
  toguid: to('guid'),
  todecimal: to('decimal'),
  todynamic: ([a]) => parseJson(a!),
  parse_json: ([a]) => parseJson(a!),
  gettype: ([a]) => gettype(a!),
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

/** parse_json / todynamic: JSON text -> dynamic; text that is not JSON stays a dynamic string. */
function parseJson(a: Arg): string {
  if (a.type !== 'string') return convert(a.sql, a.type, 'dynamic');
  return `(CASE WHEN ${a.sql} IS NULL OR trim(${a.sql}) = '' THEN CAST('null' AS JSON) ELSE COALESCE(TRY_CAST(${a.sql} AS JSON), to_json(${a.sql})) END)`;
}

/** Kusto's runtime type names; dynamic values report the type of what they hold. */
function gettype(a: Arg): string {
  if (a.type !== 'dynamic') return str(a.type);
  const t = `json_type(${a.sql})`;
  const v = `json_extract_string(${a.sql}, '$')`;
  return `(CASE ${t} WHEN 'OBJECT' THEN 'dictionary' WHEN 'ARRAY' THEN 'array' WHEN 'VARCHAR' THEN 'string' WHEN 'BOOLEAN' THEN 'bool' WHEN 'DOUBLE' THEN 'real'
    WHEN 'BIGINT' THEN (CASE WHEN TRY_CAST(${v} AS INTEGER) IS NOT NULL THEN 'int' ELSE 'long' END)
    WHEN 'UBIGINT' THEN (CASE WHEN TRY_CAST(${v} AS INTEGER) IS NOT NULL THEN 'int' ELSE 'long' END)
    ELSE 'null' END)`;
}

function empty(a: Arg): string {
  if (a.type === 'string') return `(${a.sql} IS NULL OR ${a.sql} = '')`;
  if (a.type === 'dynamic') return `(${a.sql} IS NULL OR json_type(${a.sql}) = 'NULL' OR (json_type(${a.sql}) = 'VARCHAR' AND json_extract_string(${a.sql}, '$') = ''))`;
  return `(${a.sql} IS NULL)`;
}
