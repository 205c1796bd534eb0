/**
 * SQL that converts what a reader yields (its DuckDB type) into a stored Kusto type, and
 * Kusto's tostring text of stored values (for widening a column to string).
 */
import type { KType } from '@huntbook/kql';

/** DuckDB's storage type of each Kusto type (the storage contract). */
export const STORAGE: Record<KType, string> = {
  bool: 'BOOLEAN', int: 'INTEGER', long: 'BIGINT', real: 'DOUBLE', decimal: 'DECIMAL(38,18)', string: 'VARCHAR',
  datetime: 'TIMESTAMP_NS', timespan: 'INTERVAL', dynamic: 'JSON', guid: 'UUID',
};

export interface Conversion {
  sql: string;
  /** the conversion can fail on a value (a cast that may not parse) */
  fallible: boolean;
}

/** Kusto's tostring text of a stored value of Kusto type `from` (NULL stays NULL). */
export function kustoText(e: string, from: KType): string {
  switch (from) {
    case 'string': return e;
    case 'bool': return `CASE WHEN ${e} THEN 'true' WHEN NOT ${e} THEN 'false' END`;
    case 'datetime': {
      const ns = `((epoch_ns(${e}) % 1000000000 + 1000000000) % 1000000000)`;
      return `(strftime(CAST(${e} AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S') || CASE WHEN ${ns} = 0 THEN '' ELSE '.' || lpad(CAST(${ns} // 100 AS VARCHAR), 7, '0') END || 'Z')`;
    }
    default: return `CAST(${e} AS VARCHAR)`;
  }
}

/**
 * Convert expression `e` of reader type `read` (DuckDB spelling) to Kusto type `to`.
 * `emptyIsNull` (CSV text): '' is null for every type but string.
 */
export function convert(e: string, read: string, to: KType, emptyIsNull = false): Conversion {
  const r = read.toUpperCase();
  if (r === 'JSON') {
    if (to === 'dynamic') return { sql: e, fallible: false };
    const text = `json_extract_string(${e}, '$')`;
    if (to === 'string') return { sql: `COALESCE(CASE json_type(${e}) WHEN 'VARCHAR' THEN ${text} WHEN 'NULL' THEN NULL ELSE CAST(${e} AS VARCHAR) END, '')`, fallible: false };
    return { sql: `CAST(${text} AS ${STORAGE[to]})`, fallible: true };
  }
  if (r === 'VARCHAR') {
    if (to === 'string') return { sql: `COALESCE(${e}, '')`, fallible: false };
    if (to === 'dynamic') return { sql: `CASE WHEN ${e} = '' THEN NULL WHEN json_valid(${e}) THEN CAST(${e} AS JSON) ELSE to_json(${e}) END`, fallible: false };
    return { sql: `CAST(${emptyIsNull ? `NULLIF(${e}, '')` : e} AS ${STORAGE[to]})`, fallible: true };
  }
  // native types (parquet, or a reader's BOOLEAN/BIGINT/DOUBLE)
  if (to === 'string') return { sql: `COALESCE(${kustoText(e, nativeKind(r))}, '')`, fallible: false };
  if (to === 'dynamic') return { sql: `CAST(to_json(${e}) AS JSON)`, fallible: false };
  if (to === 'datetime' && r.includes('WITH TIME ZONE')) return { sql: `CAST(timezone('UTC', ${e}) AS TIMESTAMP_NS)`, fallible: false };
  if (STORAGE[to] === r) return { sql: e, fallible: false };
  return { sql: `CAST(${e} AS ${STORAGE[to]})`, fallible: true };
}

function nativeKind(r: string): KType {
  if (r === 'BOOLEAN') return 'bool';
  if (r.startsWith('TIMESTAMP') || r === 'DATE') return r.includes('WITH TIME ZONE') ? 'string' : 'datetime';
  if (r === 'JSON') return 'dynamic';
  return 'string';
}
