/**
 * Miscellaneous scalar functions: format_bytes, jaccard_index, ingestion_time; and the ones
 * that need a Kusto cluster (principals, cursors, extents) or Kusto's own hash values, which
 * are refused by name.
 */
import type { ScalarEmitter } from '../types.ts';
import { litNumber, litString, refused } from '../types.ts';
import { str } from '../quote.ts';
import { UnsupportedFeature } from '../../../errors.ts';

const UNITS = ['Bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/**
 * format_bytes(size [, precision [, units]]): size / 1024^k rounded to `precision` digits
 * (half to even, as .NET's Math.Round), then its Kusto text and the unit. Without units, the
 * largest unit the size reaches is used.
 */
const formatBytes: ScalarEmitter = ([size, precision, units], _t, call) => {
  const p = precision ? litNumber(precision) : 0;
  if (p === undefined || !Number.isInteger(p) || p < 0) throw new UnsupportedFeature('format_bytes() with a precision that is not a constant whole number', call.pos);
  const u = units ? litString(units) : '';
  if (u === undefined) throw new UnsupportedFeature('format_bytes() with computed units', call.pos);
  const x = `CAST(${size!.sql} AS DOUBLE)`;
  const fmt = (k: string, name: string) => `hb_format_real(round_even(${x} / pow(1024.0, ${k}), ${p})) || ' ' || ${name}`;
  if (u !== '') {
    const k = UNITS.indexOf(u);
    if (k < 0) throw new UnsupportedFeature(`format_bytes() with the units '${u}'`, call.pos);
    return `COALESCE(${fmt(String(k), str(UNITS[k]!))}, '')`;
  }
  const k = `(CASE ${UNITS.map((_n, i) => i).reverse().filter((i) => i > 0).map((i) => `WHEN abs(${x}) >= pow(1024.0, ${i}) THEN ${i}`).join(' ')} ELSE 0 END)`;
  const name = `[${UNITS.map(str).join(', ')}][CAST(${k} AS BIGINT) + 1]`;
  return `COALESCE(CASE WHEN isfinite(${x}) THEN ${fmt(k, name)} END, '')`;
};

export const miscFunctions: Record<string, ScalarEmitter> = {
  format_bytes: formatBytes,
  // |distinct(a) ∩ distinct(b)| / |distinct(a) ∪ distinct(b)|
  jaccard_index: ([a, b], t) => {
    const sql = `hb_jaccard(hb_arr(${a!.sql}), hb_arr(${b!.sql}))`;
    return t === 'dynamic' ? `to_json(${sql})` : sql;
  },
  // tables here have no ingestion metadata
  ingestion_time: () => 'CAST(NULL AS TIMESTAMP_NS)',
};

/** Functions that need a Kusto cluster or Kusto's internal algorithms: refused by name. */
const REFUSED: Record<string, string> = {
  hash_combine: "hash_combine() (it combines Kusto's xxhash64 hash() values, which are not reproduced)",
  hash_many: "hash_many() (Kusto's xxhash64-based values are not reproduced)",
  current_principal: 'current_principal() (there is no Kusto principal here)',
  current_principal_details: 'current_principal_details() (there is no Kusto principal here)',
  current_principal_is_member_of: 'current_principal_is_member_of() (there is no Kusto principal here)',
  current_cluster_endpoint: 'current_cluster_endpoint() (there is no Kusto cluster here)',
  current_database: 'current_database() (there is no Kusto database here)',
  cursor_after: 'cursor_after() (database cursors are not supported)',
  cursor_before_or_at: 'cursor_before_or_at() (database cursors are not supported)',
  cursor_current: 'cursor_current() (database cursors are not supported)',
  extent_id: 'extent_id() (tables here have no extents)',
  extent_tags: 'extent_tags() (tables here have no extents)',
  bin_auto: 'bin_auto() (the query_bin_auto_size setting is not supported)',
  estimate_data_size: "estimate_data_size() (Kusto's size estimates are not reproduced)",
  dynamic_to_json: 'dynamic_to_json() (canonical sorted-key JSON text is not reproduced)',
};
Object.assign(miscFunctions, refused(REFUSED));

export const MISC_PRELUDE: readonly string[] = [
  `CREATE OR REPLACE TEMP MACRO hb_jaccard(x, y) AS
     CASE WHEN x IS NULL OR y IS NULL THEN NULL
          WHEN len(x) = 0 AND len(y) = 0 THEN error('jaccard_index() of two empty sets is not supported')
          ELSE CAST(len(hb_distinct(list_filter(x, _e -> hb_has_elem(y, _e)))) AS DOUBLE) / len(hb_distinct(list_concat(x, y))) END`,
];
