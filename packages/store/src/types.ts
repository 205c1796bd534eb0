/**
 * Storage types: how each Kusto scalar type is stored in DuckDB.
 * This mapping is a project-wide contract (ingestion, the sample generator and
 * the KQL runner all rely on it). Strings are never NULL in storage: an absent
 * string is ''. Every other type may be NULL.
 */
export type KustoType =
  | 'string' | 'int' | 'long' | 'real' | 'bool' | 'datetime'
  | 'timespan' | 'dynamic' | 'guid' | 'decimal';

export const KUSTO_TO_DUCKDB: Readonly<Record<KustoType, string>> = Object.freeze({
  string: 'VARCHAR',
  int: 'INTEGER',
  long: 'BIGINT',
  real: 'DOUBLE',
  bool: 'BOOLEAN',
  datetime: 'TIMESTAMP_NS',
  timespan: 'INTERVAL',
  dynamic: 'JSON',
  guid: 'UUID',
  decimal: 'DECIMAL(38,18)',
});

/** Aliases accepted on input (Kusto and .NET spellings). */
const ALIASES: Readonly<Record<string, KustoType>> = {
  string: 'string', 'system.string': 'string',
  int: 'int', int32: 'int', 'system.int32': 'int',
  long: 'long', int64: 'long', 'system.int64': 'long', bigint: 'long',
  real: 'real', double: 'real', 'system.double': 'real',
  bool: 'bool', boolean: 'bool', 'system.boolean': 'bool',
  datetime: 'datetime', date: 'datetime', 'system.datetime': 'datetime',
  timespan: 'timespan', time: 'timespan', 'system.timespan': 'timespan',
  dynamic: 'dynamic', object: 'dynamic', 'system.object': 'dynamic',
  guid: 'guid', uuid: 'guid', uniqueid: 'guid', 'system.guid': 'guid',
  decimal: 'decimal', 'system.decimal': 'decimal',
};

/** Normalises a Kusto type name ("String", "Int64", "datetime"...); throws on an unknown one. */
export function normalizeKustoType(t: string): KustoType {
  const k = ALIASES[t.trim().toLowerCase()];
  if (!k) throw new Error(`unknown Kusto type '${t}' (expected one of ${Object.keys(KUSTO_TO_DUCKDB).join(', ')})`);
  return k;
}

/** The DuckDB storage type of a Kusto scalar type, e.g. 'datetime' -> 'TIMESTAMP_NS'. */
export function kustoTypeToDuckDb(t: string): string {
  return KUSTO_TO_DUCKDB[normalizeKustoType(t)];
}
