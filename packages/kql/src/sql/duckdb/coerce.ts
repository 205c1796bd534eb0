/** Conversions between Kusto types in DuckDB SQL (the to*() functions and implicit coercions). */
import type { KType } from '../../plan/types.ts';
import { SQL_TYPE } from './quote.ts';

/** .NET ticks (100 ns since 0001-01-01) of the Unix epoch: Kusto's datetime <-> long offset. */
export const EPOCH_DOTNET_TICKS = '621355968000000000';

/** Text of a dynamic scalar ('$'), NULL for JSON null. */
const jtext = (sql: string): string => `json_extract_string(${sql}, '$')`;

/** Integer text -> int/long, truncating fractions ("2.7" -> 2), null when not a number. */
function intFromText(text: string, to: 'int' | 'long'): string {
  const t = SQL_TYPE[to];
  // DuckDB's own text -> integer cast rounds '2.7' to 3, so only plain integers take that path
  return `(CASE WHEN regexp_full_match(${text}, '[+-]?[0-9]+') THEN TRY_CAST(${text} AS ${t}) ELSE TRY_CAST(trunc(TRY_CAST(${text} AS DOUBLE)) AS ${t}) END)`;
}

/** SQL that converts `sql` of Kusto type `from` to Kusto type `to`, Kusto-style (null on failure). */
export function convert(sql: string, from: KType, to: KType): string {
  if (from === to) return sql;
  if (from === 'dynamic') return fromDynamic(sql, to);
  switch (to) {
    case 'string': return toStringSql(sql, from);
    case 'dynamic': return toDynamicSql(sql, from);
    case 'bool':
      if (from === 'string') return `(CASE lower(trim(${sql})) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE ELSE TRY_CAST(TRY_CAST(trim(${sql}) AS BIGINT) <> 0 AS BOOLEAN) END)`;
      if (from === 'real' || from === 'decimal') return `(CASE WHEN isnan(CAST(${sql} AS DOUBLE)) THEN NULL ELSE ${sql} <> 0 END)`;
      if (from === 'int' || from === 'long') return `(${sql} <> 0)`;
      return `TRY_CAST(${sql} AS BOOLEAN)`;
    case 'int': case 'long':
      if (from === 'real' || from === 'decimal') return `TRY_CAST(trunc(${sql}) AS ${SQL_TYPE[to]})`;
      if (from === 'string') return intFromText(`trim(${sql})`, to);
      if (from === 'datetime') return `TRY_CAST(epoch_ns(${sql}) // 100 + ${EPOCH_DOTNET_TICKS} AS ${SQL_TYPE[to]})`;
      return `TRY_CAST(${sql} AS ${SQL_TYPE[to]})`;
    case 'real':
      if (from === 'string') return `TRY_CAST(trim(${sql}) AS DOUBLE)`;
      if (from === 'datetime') return `CAST(epoch_ns(${sql}) // 100 + ${EPOCH_DOTNET_TICKS} AS DOUBLE)`;
      return `TRY_CAST(${sql} AS DOUBLE)`;
    case 'decimal':
      if (from === 'string') return `TRY_CAST(trim(${sql}) AS DECIMAL(38,18))`;
      if (from === 'real') return `(CASE WHEN isfinite(${sql}) THEN TRY_CAST(${sql} AS DECIMAL(38,18)) END)`;
      return `TRY_CAST(${sql} AS DECIMAL(38,18))`;
    case 'datetime':
      if (from === 'string') return `hb_datetime_from_string(${sql})`;
      if (from === 'long' || from === 'int') return `make_timestamp_ns((CAST(${sql} AS BIGINT) - ${EPOCH_DOTNET_TICKS}) * 100)`;
      return `TRY_CAST(${sql} AS TIMESTAMP_NS)`;
    case 'timespan':
      if (from === 'string') return `hb_timespan_from_string(${sql})`;
      if (from === 'real' || from === 'decimal') return `TRY_CAST(round(${sql}) AS BIGINT)`;
      if (from === 'int' || from === 'long') return `CAST(${sql} AS BIGINT)`;
      return `CAST(NULL AS BIGINT)`;
    case 'guid':
      if (from === 'string') return `TRY_CAST(trim(${sql}) AS UUID)`;
      return `CAST(NULL AS UUID)`;
  }
}

function fromDynamic(sql: string, to: KType): string {
  switch (to) {
    case 'string': return `COALESCE(${jtext(sql)}, '')`;
    case 'dynamic': return sql;
    case 'bool':
      return `(CASE json_type(${sql}) WHEN 'BOOLEAN' THEN ${jtext(sql)} = 'true' WHEN 'VARCHAR' THEN ${convert(jtext(sql), 'string', 'bool')} WHEN 'BIGINT' THEN CAST(${jtext(sql)} AS DOUBLE) <> 0 WHEN 'UBIGINT' THEN CAST(${jtext(sql)} AS DOUBLE) <> 0 WHEN 'DOUBLE' THEN CAST(${jtext(sql)} AS DOUBLE) <> 0 END)`;
    case 'datetime': return `hb_datetime_from_string(${jtext(sql)})`;
    case 'timespan': return `(CASE json_type(${sql}) WHEN 'VARCHAR' THEN hb_timespan_from_string(${jtext(sql)}) WHEN 'BIGINT' THEN TRY_CAST(${jtext(sql)} AS BIGINT) WHEN 'DOUBLE' THEN TRY_CAST(round(TRY_CAST(${jtext(sql)} AS DOUBLE)) AS BIGINT) END)`;
    case 'int': case 'long':
      return `(CASE json_type(${sql}) WHEN 'BOOLEAN' THEN CAST(${jtext(sql)} = 'true' AS ${SQL_TYPE[to]}) ELSE ${intFromText(`trim(${jtext(sql)})`, to)} END)`;
    case 'real':
      return `(CASE json_type(${sql}) WHEN 'BOOLEAN' THEN CAST(${jtext(sql)} = 'true' AS DOUBLE) ELSE TRY_CAST(trim(${jtext(sql)}) AS DOUBLE) END)`;
    case 'guid': return `TRY_CAST(trim(${jtext(sql)}) AS UUID)`;
    case 'decimal': return `TRY_CAST(trim(${jtext(sql)}) AS DECIMAL(38,18))`;
  }
}

/** Kusto's tostring() of every type. */
export function toStringSql(sql: string, from: KType): string {
  switch (from) {
    case 'string': return sql;
    case 'dynamic': return `COALESCE(${jtext(sql)}, '')`;
    // .NET "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ": the fraction loses its trailing zeros (and its '.')
    case 'datetime': return `COALESCE(regexp_replace(hb_format_datetime(${sql}), '\\.?0*Z$', 'Z'), '')`;
    case 'timespan': return `COALESCE(hb_format_timespan(${sql}), '')`;
    case 'bool': return `COALESCE(CASE WHEN ${sql} THEN 'true' WHEN NOT ${sql} THEN 'false' END, '')`;
    case 'real': return `COALESCE(hb_format_real(${sql}), '')`;
    case 'decimal': return `COALESCE(regexp_replace(regexp_replace(CAST(${sql} AS VARCHAR), '(\\.[0-9]*[1-9])0+$|\\.0+$', '\\1'), '^-0$', '0'), '')`;
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
    case 'guid': return `to_json(CAST(${sql} AS VARCHAR))`;
    case 'decimal': return `to_json(${toStringSql(sql, 'decimal')})`;
    case 'real': return `(CASE WHEN isfinite(${sql}) THEN to_json(${sql}) WHEN ${sql} IS NOT NULL THEN to_json(hb_format_real(${sql})) END)`;
    default: return `to_json(${sql})`;
  }
}
