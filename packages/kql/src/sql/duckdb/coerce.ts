/** Conversions between Kusto types in DuckDB SQL (the to*() functions and implicit coercions). */
import type { KType } from '../../plan/types.ts';
import { SQL_TYPE } from './quote.ts';

/** SQL that converts `sql` of Kusto type `from` to Kusto type `to`, Kusto-style (null on failure). */
export function convert(sql: string, from: KType, to: KType): string {
  if (from === to) return sql;
  if (from === 'dynamic') {
    switch (to) {
      case 'string': return `COALESCE(json_extract_string(${sql}, '$'), '')`;
      case 'bool': return `TRY_CAST(json_extract_string(${sql}, '$') AS BOOLEAN)`;
      case 'datetime': return `TRY_CAST(json_extract_string(${sql}, '$') AS TIMESTAMP_NS)`;
      case 'timespan': return `hb_timespan_from_string(json_extract_string(${sql}, '$'))`;
      case 'int': case 'long': return `TRY_CAST(TRY_CAST(json_extract_string(${sql}, '$') AS DOUBLE) AS ${SQL_TYPE[to]})`;
      default: return `TRY_CAST(json_extract_string(${sql}, '$') AS ${SQL_TYPE[to]})`;
    }
  }
  switch (to) {
    case 'string': return toStringSql(sql, from);
    case 'dynamic': return toDynamicSql(sql, from);
    case 'bool':
      if (from === 'string') return `(CASE lower(trim(${sql})) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE ELSE TRY_CAST(TRY_CAST(${sql} AS BIGINT) <> 0 AS BOOLEAN) END)`;
      return `TRY_CAST(${sql} AS BOOLEAN)`;
    case 'int': case 'long':
      if (from === 'real' || from === 'decimal') return `TRY_CAST(trunc(${sql}) AS ${SQL_TYPE[to]})`;
      if (from === 'string') return `TRY_CAST(TRY_CAST(trim(${sql}) AS DECIMAL(38,9)) AS ${SQL_TYPE[to]})`;
      if (from === 'datetime') return `(epoch_ns(${sql}) // 100)`;
      return `TRY_CAST(${sql} AS ${SQL_TYPE[to]})`;
    case 'real':
      if (from === 'string') return `TRY_CAST(trim(${sql}) AS DOUBLE)`;
      if (from === 'datetime') return `CAST(epoch_ns(${sql}) // 100 AS DOUBLE)`;
      return `TRY_CAST(${sql} AS DOUBLE)`;
    case 'datetime':
      if (from === 'string') return `hb_datetime_from_string(${sql})`;
      if (from === 'long' || from === 'int') return `make_timestamp_ns(${sql} * 100)`;
      return `TRY_CAST(${sql} AS TIMESTAMP_NS)`;
    case 'timespan':
      if (from === 'string') return `hb_timespan_from_string(${sql})`;
      if (from === 'real') return `CAST(round(${sql}) AS BIGINT)`;
      return `TRY_CAST(${sql} AS BIGINT)`;
    default:
      return `TRY_CAST(${sql} AS ${SQL_TYPE[to]})`;
  }
}

/** Kusto's tostring() of every type. */
export function toStringSql(sql: string, from: KType): string {
  switch (from) {
    case 'string': return sql;
    case 'dynamic': return `COALESCE(json_extract_string(${sql}, '$'), '')`;
    case 'datetime': return `COALESCE(hb_format_datetime(${sql}), '')`;
    case 'timespan': return `COALESCE(hb_format_timespan(${sql}), '')`;
    case 'bool': return `COALESCE(CASE WHEN ${sql} THEN 'true' ELSE 'false' END, '')`;
    case 'real': return `COALESCE(hb_format_real(${sql}), '')`;
    default: return `COALESCE(CAST(${sql} AS VARCHAR), '')`;
  }
}

/** Kusto's todynamic() / pack of a typed value. */
export function toDynamicSql(sql: string, from: KType): string {
  switch (from) {
    case 'dynamic': return sql;
    case 'string': return `to_json(${sql})`;
    case 'datetime': return `to_json(hb_format_datetime(${sql}))`;
    case 'timespan': return `to_json(hb_format_timespan(${sql}))`;
    case 'guid': case 'decimal': return `to_json(CAST(${sql} AS VARCHAR))`;
    default: return `to_json(${sql})`;
  }
}
