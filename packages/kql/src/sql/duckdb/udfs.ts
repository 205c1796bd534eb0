/**
 * Scalar functions that SQL macros cannot express well, written in JavaScript and handed to
 * the store as data: the store registers each one on its DuckDB connection (right after the
 * prelude macros) and calls `fn` once per row with the row's argument values. The kql
 * package itself never opens a database.
 *
 * Values: VARCHAR <-> string, BIGINT <-> bigint, DOUBLE <-> number, BOOLEAN <-> boolean,
 * SQL NULL <-> null. `fn` receives nulls (DuckDB folds only constant NULL arguments itself).
 * Dynamic results are JSON text (VARCHAR); the emitters cast them to JSON.
 */
import { xxh64Int64, xxh64String } from './udf-impl/xxhash64.ts';
import { parseXmlToJson } from './udf-impl/xml.ts';
import { parseUserAgentToJson } from './udf-impl/user-agent.ts';
import { anomaliesJson, decomposeJson, fillLinearJson, fitLineJson, outliersJson } from './udf-impl/series.ts';

export type UdfSqlType = 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN';
export type UdfValue = string | bigint | number | boolean | null;

export interface DuckDbUdf {
  /** SQL name; always `hb_udf_*` */
  readonly name: string;
  readonly args: readonly UdfSqlType[];
  readonly returns: UdfSqlType;
  readonly fn: (...args: UdfValue[]) => UdfValue;
}

/** Kusto's % on longs: never negative; null for a zero divisor. */
function kustoMod(h: bigint, m: UdfValue): bigint | null {
  if (typeof m !== 'bigint' || m === 0n) return null;
  const a = m < 0n ? -m : m;
  return ((h % a) + a) % a;
}

const str = (v: UdfValue): string | null => (typeof v === 'string' ? v : null);
const num = (v: UdfValue): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);
const int = (v: UdfValue): bigint | null => (typeof v === 'bigint' ? v : typeof v === 'number' ? BigInt(Math.trunc(v)) : null);

export const DUCKDB_UDFS: readonly DuckDbUdf[] = [
  // hash()/hash_xxhash64() of a string: XXH64 (seed 0) of its UTF-8 bytes
  { name: 'hb_udf_xxhash64_str', args: ['VARCHAR'], returns: 'BIGINT', fn: (s) => (typeof s === 'string' ? xxh64String(s) : null) },
  { name: 'hb_udf_xxhash64_str_mod', args: ['VARCHAR', 'BIGINT'], returns: 'BIGINT', fn: (s, m) => (typeof s === 'string' ? kustoMod(xxh64String(s), m) : null) },
  // ... of a datetime: XXH64 of its .NET ticks (since 0001-01-01) as 8 little-endian bytes
  { name: 'hb_udf_xxhash64_i64', args: ['BIGINT'], returns: 'BIGINT', fn: (v) => (typeof v === 'bigint' ? xxh64Int64(v) : null) },
  { name: 'hb_udf_xxhash64_i64_mod', args: ['BIGINT', 'BIGINT'], returns: 'BIGINT', fn: (v, m) => (typeof v === 'bigint' ? kustoMod(xxh64Int64(v), m) : null) },
  { name: 'hb_udf_parse_xml', args: ['VARCHAR'], returns: 'VARCHAR', fn: (s) => (typeof s === 'string' ? parseXmlToJson(s) : null) },
  // targets: a comma-separated list of 'browser', 'os', 'device' (checked by the emitter)
  {
    name: 'hb_udf_parse_user_agent', args: ['VARCHAR', 'VARCHAR'], returns: 'VARCHAR',
    fn: (ua, targets) => (typeof targets === 'string' ? parseUserAgentToJson(typeof ua === 'string' ? ua : '', targets) : null),
  },
  // series_* model fitting (udf-impl/series.ts): JSON array text in, JSON text out
  { name: 'hb_udf_series_fit_line', args: ['VARCHAR'], returns: 'VARCHAR', fn: (s) => fitLineJson(str(s)) },
  // optional arguments arrive as (value, is_null) pairs: DuckDB folds a call with a constant NULL argument to NULL
  {
    name: 'hb_udf_series_fill_linear', args: ['VARCHAR', 'DOUBLE', 'BOOLEAN', 'BOOLEAN', 'DOUBLE', 'BOOLEAN'], returns: 'VARCHAR',
    fn: (s, ph, phNull, edges, c, cNull) => fillLinearJson(str(s), phNull === true ? null : num(ph), edges !== false, cNull === true ? null : num(c) ?? 0),
  },
  {
    name: 'hb_udf_series_outliers', args: ['VARCHAR', 'VARCHAR', 'DOUBLE', 'BOOLEAN', 'DOUBLE', 'DOUBLE'], returns: 'VARCHAR',
    fn: (s, kind, ignore, ignoreNull, lo, hi) => outliersJson(str(s), str(kind), ignoreNull === true ? null : num(ignore), num(lo), num(hi)),
  },
  {
    name: 'hb_udf_series_decompose', args: ['VARCHAR', 'BIGINT', 'VARCHAR', 'BIGINT', 'DOUBLE'], returns: 'VARCHAR',
    fn: (s, seas, trend, tp, st) => decomposeJson(str(s), { seasonality: int(seas), trend: str(trend), testPoints: int(tp), seasonalityThreshold: num(st) }),
  },
  {
    name: 'hb_udf_series_decompose_anomalies', args: ['VARCHAR', 'DOUBLE', 'BIGINT', 'VARCHAR', 'BIGINT', 'VARCHAR', 'DOUBLE'], returns: 'VARCHAR',
    fn: (s, th, seas, trend, tp, method, st) =>
      anomaliesJson(str(s), num(th), { seasonality: int(seas), trend: str(trend), testPoints: int(tp), seasonalityThreshold: num(st) }, str(method)),
  },
];
