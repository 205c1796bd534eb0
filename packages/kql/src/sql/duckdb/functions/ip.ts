/**
 * IPv4 / IPv6 functions, with string and integer arithmetic (no inet extension).
 * IPv4 addresses are BIGINTs; IPv6 addresses are lists of 8 BIGINT groups (IPv4 maps to ::ffff:a.b.c.d).
 * A text may carry a /prefix; invalid input gives null (false for the has_* functions).
 */
import { UnsupportedFeature } from '../../../errors.ts';
import type { Arg, ScalarEmitter } from '../types.ts';

const V4 = `\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}`;

/** TEMP macros the IP functions rely on (appended to DUCKDB_PRELUDE). */
export const IP_PRELUDE: readonly string[] = [
  // least() that is null when either side is (DuckDB's least skips nulls)
  `CREATE OR REPLACE TEMP MACRO hb_least(a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a < b THEN a ELSE b END`,
  // dotted quad (no prefix) -> BIGINT, null when invalid
  `CREATE OR REPLACE TEMP MACRO hb_ipv4_addr(a) AS
     CASE WHEN regexp_full_match(a, '${V4}') AND list_bool_and(list_transform(string_split(a, '.'), lambda _hb_o: CAST(_hb_o AS BIGINT) <= 255))
     THEN list_reduce(list_transform(string_split(a, '.'), lambda _hb_o: CAST(_hb_o AS BIGINT)), lambda _hb_x, _hb_y: _hb_x * 256 + _hb_y) END`,
  // the /prefix of an IPv4 text (32 when absent), null when invalid
  `CREATE OR REPLACE TEMP MACRO hb_ipv4_prefix(s) AS
     CASE WHEN NOT contains(s, '/') THEN 32
          WHEN regexp_full_match(trim(split_part(s, '/', 2)), '\\d{1,2}') AND CAST(trim(split_part(s, '/', 2)) AS INTEGER) <= 32
          THEN CAST(trim(split_part(s, '/', 2)) AS INTEGER) END`,
  `CREATE OR REPLACE TEMP MACRO hb_ipv4_netmask(p) AS CAST((1::BIGINT << 32) - (1::BIGINT << (32 - p)) AS BIGINT)`,
  // the effective prefix: the text's prefix, narrowed by an extra one (0..32)
  `CREATE OR REPLACE TEMP MACRO hb_ipv4_eff(s, extra) AS
     CASE WHEN extra BETWEEN 0 AND 32 THEN hb_least(hb_ipv4_prefix(s), extra) END`,
  // IPv4 text -> address masked by its prefix and `extra`; null when invalid
  `CREATE OR REPLACE TEMP MACRO hb_ipv4(s, extra) AS
     hb_ipv4_addr(trim(split_part(s, '/', 1))) & hb_ipv4_netmask(hb_ipv4_eff(s, extra))`,
  `CREATE OR REPLACE TEMP MACRO hb_ipv4_text(n) AS
     CAST(n >> 24 AS VARCHAR) || '.' || CAST((n >> 16) & 255 AS VARCHAR) || '.' || CAST((n >> 8) & 255 AS VARCHAR) || '.' || CAST(n & 255 AS VARCHAR)`,
  // comparison of two IPv4 texts on their common prefix (and `extra`)
  `CREATE OR REPLACE TEMP MACRO hb_ipv4_cmp(a, b, extra) AS
     sign(hb_ipv4(a, hb_least(hb_ipv4_eff(a, extra), hb_ipv4_prefix(b))) - hb_ipv4(b, hb_least(hb_ipv4_eff(a, extra), hb_ipv4_prefix(b))))`,
  `CREATE OR REPLACE TEMP MACRO hb_ipv4_in_range(ip, r) AS
     hb_ipv4(ip, hb_ipv4_prefix(r)) = hb_ipv4(r, 32)`,
  // valid IPv4 addresses that stand as terms in a text (delimiters doubled so neighbours can share one)
  `CREATE OR REPLACE TEMP MACRO hb_ipv4_terms(s) AS
     list_filter(regexp_extract_all(regexp_replace(s, '([^0-9.])', '\\1\\1', 'g'),
       '(?:^|[^0-9A-Za-z.])(${V4})(?:$|[^0-9A-Za-z.]|\\.$|\\.[^0-9])', 1), lambda _hb_t: hb_ipv4_addr(_hb_t) IS NOT NULL)`,
  `CREATE OR REPLACE TEMP MACRO hb_has_ipv4(s, ip) AS
     COALESCE(list_contains(list_transform(hb_ipv4_terms(s), lambda _hb_t: hb_ipv4_addr(_hb_t)), hb_ipv4_addr(trim(ip))), FALSE)`,
  // a prefix is 1 to 3 octets followed by a dot, or a whole address
  `CREATE OR REPLACE TEMP MACRO hb_has_ipv4_prefix(s, p) AS
     COALESCE((regexp_full_match(p, '(\\d{1,3}\\.){1,3}') AND list_bool_and(list_transform(string_split(rtrim(p, '.'), '.'), lambda _hb_o: CAST(_hb_o AS BIGINT) <= 255))
       OR hb_ipv4_addr(p) IS NOT NULL)
       AND len(list_filter(hb_ipv4_terms(s), lambda _hb_t: starts_with(_hb_t || '.', CASE WHEN ends_with(p, '.') THEN p ELSE p || '.' END))) > 0, FALSE)`,

  // IPv6: 8 hex groups -> list of BIGINT, null when invalid
  `CREATE OR REPLACE TEMP MACRO hb_ip6_groups(l) AS
     CASE WHEN len(l) = 8 AND list_bool_and(list_transform(l, lambda _hb_g: regexp_full_match(_hb_g, '[0-9A-Fa-f]{1,4}')))
     THEN list_transform(l, lambda _hb_g: CAST('0x' || _hb_g AS BIGINT)) END`,
  `CREATE OR REPLACE TEMP MACRO hb_ip6_split(x) AS CASE WHEN x = '' THEN []::VARCHAR[] ELSE string_split(x, ':') END`,
  `CREATE OR REPLACE TEMP MACRO hb_ip6_hex(a) AS
     CASE WHEN NOT regexp_full_match(a, '[0-9A-Fa-f:]+') OR contains(a, ':::') OR len(string_split(a, '::')) > 2 THEN NULL
          WHEN contains(a, '::') THEN
            CASE WHEN len(hb_ip6_split(split_part(a, '::', 1))) + len(hb_ip6_split(split_part(a, '::', 2))) < 8 THEN
              hb_ip6_groups(list_concat(hb_ip6_split(split_part(a, '::', 1)),
                list_transform(range(8 - len(hb_ip6_split(split_part(a, '::', 1))) - len(hb_ip6_split(split_part(a, '::', 2)))), lambda _hb_z: '0'),
                hb_ip6_split(split_part(a, '::', 2)))) END
          ELSE hb_ip6_groups(string_split(a, ':')) END`,
  `CREATE OR REPLACE TEMP MACRO hb_ip6_from4(n) AS CASE WHEN n IS NOT NULL THEN [0, 0, 0, 0, 0, 65535, n >> 16, n & 65535] END`,
  // address part (no prefix) -> groups; a trailing dotted quad after '::' or '::ffff:' is IPv4-mapped
  `CREATE OR REPLACE TEMP MACRO hb_ip6_addr(a) AS
     CASE WHEN regexp_full_match(a, '${V4}') THEN hb_ip6_from4(hb_ipv4_addr(a))
          WHEN regexp_matches(a, ':${V4}$') THEN
            CASE WHEN lower(regexp_replace(a, '${V4}$', '')) IN ('::', '::ffff:') THEN hb_ip6_from4(hb_ipv4_addr(regexp_extract(a, '(${V4})$', 1)))
                 WHEN hb_ipv4_addr(regexp_extract(a, '(${V4})$', 1)) IS NULL THEN NULL
                 ELSE hb_ip6_hex(regexp_replace(a, '${V4}$', '') || printf('%x:%x', hb_ipv4_addr(regexp_extract(a, '(${V4})$', 1)) >> 16,
                                                                           hb_ipv4_addr(regexp_extract(a, '(${V4})$', 1)) & 65535)) END
          ELSE hb_ip6_hex(a) END`,
  // prefix of an IPv6 text in IPv6 bits (an IPv4 prefix counts after the 96 mapped bits)
  `CREATE OR REPLACE TEMP MACRO hb_ip6_prefix(s) AS
     CASE WHEN NOT contains(s, '/') THEN 128
          WHEN NOT regexp_full_match(trim(split_part(s, '/', 2)), '\\d{1,3}') THEN NULL
          WHEN regexp_matches(trim(split_part(s, '/', 1)), '${V4}$') THEN
            CASE WHEN CAST(trim(split_part(s, '/', 2)) AS INTEGER) <= 32 THEN 96 + CAST(trim(split_part(s, '/', 2)) AS INTEGER) END
          WHEN CAST(trim(split_part(s, '/', 2)) AS INTEGER) <= 128 THEN CAST(trim(split_part(s, '/', 2)) AS INTEGER) END`,
  `CREATE OR REPLACE TEMP MACRO hb_ip6_mask(g, p) AS
     list_transform(range(8), lambda _hb_i: g[_hb_i + 1] & ((65535 << (16 - least(greatest(p - 16 * _hb_i, 0), 16))) & 65535))`,
  `CREATE OR REPLACE TEMP MACRO hb_ip6_eff(s, extra) AS
     CASE WHEN extra BETWEEN 0 AND 128 THEN hb_least(hb_ip6_prefix(s), extra) END`,
  // IPv6 text -> groups masked by its prefix and `extra`; null when invalid
  `CREATE OR REPLACE TEMP MACRO hb_ip6(s, extra) AS
     CASE WHEN hb_ip6_eff(s, extra) IS NOT NULL THEN hb_ip6_mask(hb_ip6_addr(trim(split_part(s, '/', 1))), hb_ip6_eff(s, extra)) END`,
  `CREATE OR REPLACE TEMP MACRO hb_ip6_text(g) AS
     CASE WHEN g IS NOT NULL THEN array_to_string(list_transform(g, lambda _hb_x: printf('%04x', _hb_x)), ':') END`,
  `CREATE OR REPLACE TEMP MACRO hb_ip6_cmp(a, b, extra) AS
     CASE WHEN hb_ip6(a, hb_least(hb_ip6_eff(a, extra), hb_ip6_prefix(b))) < hb_ip6(b, hb_least(hb_ip6_eff(a, extra), hb_ip6_prefix(b))) THEN -1
          WHEN hb_ip6(a, hb_least(hb_ip6_eff(a, extra), hb_ip6_prefix(b))) > hb_ip6(b, hb_least(hb_ip6_eff(a, extra), hb_ip6_prefix(b))) THEN 1
          WHEN hb_ip6(a, hb_least(hb_ip6_eff(a, extra), hb_ip6_prefix(b))) = hb_ip6(b, hb_least(hb_ip6_eff(a, extra), hb_ip6_prefix(b))) THEN 0 END`,
  `CREATE OR REPLACE TEMP MACRO hb_ip6_in_range(ip, r) AS hb_ip6(ip, hb_ip6_prefix(r)) = hb_ip6(r, 128)`,
];

/** Text of an IP argument (a dynamic holding a string is accepted). */
function text(a: Arg): string {
  if (a.type === 'string') return a.sql;
  if (a.type === 'dynamic') return `json_extract_string(${a.sql}, '$')`;
  throw new UnsupportedFeature(`an IP address of type ${a.type}`, a.e.k === 'call' ? a.e.pos : 0);
}

/** `ipv4_is_in_any_range(ip, r1, r2, ...)` / `(ip, dynamic([...]))`: the ranges as a SQL list of text. */
function textList(args: Arg[]): string {
  const parts = args.map((a) => (a.type === 'dynamic'
    ? `COALESCE(list_transform(hb_arr(${a.sql}), lambda _hb_r: json_extract_string(_hb_r, '$')), [json_extract_string(${a.sql}, '$')])`
    : `[${text(a)}]`));
  return parts.reduce((acc, p) => `list_concat(${acc}, ${p})`);
}

/** An address given as text or as a long (format_ipv4). */
function v4Masked(a: Arg, prefix: string): string {
  if (a.type === 'long' || a.type === 'int') {
    return `(CASE WHEN ${a.sql} BETWEEN 0 AND 4294967295 AND ${prefix} BETWEEN 0 AND 32 THEN ${a.sql} & hb_ipv4_netmask(${prefix}) END)`;
  }
  return `hb_ipv4(${text(a)}, ${prefix})`;
}
function v4Prefix(a: Arg, prefix: string): string {
  if (a.type === 'long' || a.type === 'int') return `(CASE WHEN ${prefix} BETWEEN 0 AND 32 THEN ${prefix} END)`;
  return `hb_ipv4_eff(${text(a)}, ${prefix})`;
}

const anyOf = (ip: string, ranges: string, test: (ip: string, r: string) => string): string =>
  `COALESCE(list_bool_or(list_transform(${ranges}, lambda _hb_r: COALESCE(${test(ip, '_hb_r')}, FALSE))), FALSE)`;

export const ipFunctions: Record<string, ScalarEmitter> = {
  parse_ipv4: ([a]) => `hb_ipv4(${text(a!)}, 32)`,
  parse_ipv4_mask: ([a, p]) => `hb_ipv4(${text(a!)}, ${p!.sql})`,
  ipv4_netmask_suffix: ([a]) => `CAST(CASE WHEN hb_ipv4(${text(a!)}, 32) IS NOT NULL THEN hb_ipv4_prefix(${text(a!)}) END AS BIGINT)`,
  ipv4_is_private: ([a]) => {
    const s = text(a!);
    const r = (range: string, bits: number) => `(hb_ipv4_in_range(${s}, '${range}') AND hb_ipv4_prefix(${s}) >= ${bits})`;
    return `(CASE WHEN hb_ipv4(${s}, 32) IS NOT NULL THEN ${r('10.0.0.0/8', 8)} OR ${r('172.16.0.0/12', 12)} OR ${r('192.168.0.0/16', 16)} END)`;
  },
  ipv4_is_in_range: ([ip, r]) => `hb_ipv4_in_range(${text(ip!)}, ${text(r!)})`,
  ipv4_is_in_any_range: ([ip, ...rs]) =>
    `(CASE WHEN hb_ipv4(${text(ip!)}, 32) IS NOT NULL THEN ${anyOf(text(ip!), textList(rs), (i, r) => `hb_ipv4_in_range(${i}, ${r})`)} END)`,
  ipv4_is_match: ([a, b, p]) => `(hb_ipv4_cmp(${text(a!)}, ${text(b!)}, ${p?.sql ?? '32'}) = 0)`,
  ipv4_compare: ([a, b, p]) => `CAST(hb_ipv4_cmp(${text(a!)}, ${text(b!)}, ${p?.sql ?? '32'}) AS BIGINT)`,
  format_ipv4: ([a, p]) => `COALESCE(hb_ipv4_text(${v4Masked(a!, p?.sql ?? '32')}), '')`,
  format_ipv4_mask: ([a, p]) => {
    const prefix = p?.sql ?? '32';
    return `COALESCE(hb_ipv4_text(${v4Masked(a!, prefix)}) || '/' || CAST(${v4Prefix(a!, prefix)} AS VARCHAR), '')`;
  },
  has_ipv4: ([s, ip]) => `hb_has_ipv4(${text(s!)}, ${text(ip!)})`,
  has_ipv4_prefix: ([s, p]) => `hb_has_ipv4_prefix(${text(s!)}, ${text(p!)})`,
  has_any_ipv4: ([s, ...ips]) => anyOf(text(s!), textList(ips), (t, ip) => `hb_has_ipv4(${t}, ${ip})`),
  has_any_ipv4_prefix: ([s, ...ps]) => anyOf(text(s!), textList(ps), (t, p) => `hb_has_ipv4_prefix(${t}, ${p})`),
  parse_ipv6: ([a]) => `COALESCE(hb_ip6_text(hb_ip6(${text(a!)}, 128)), '')`,
  parse_ipv6_mask: ([a, p]) => `COALESCE(hb_ip6_text(hb_ip6(${text(a!)}, ${p!.sql})), '')`,
  ipv6_compare: ([a, b, p]) => `CAST(hb_ip6_cmp(${text(a!)}, ${text(b!)}, ${p?.sql ?? '128'}) AS BIGINT)`,
  ipv6_is_match: ([a, b, p]) => `(hb_ip6_cmp(${text(a!)}, ${text(b!)}, ${p?.sql ?? '128'}) = 0)`,
  ipv6_is_in_range: ([ip, r]) => `hb_ip6_in_range(${text(ip!)}, ${text(r!)})`,
  ipv6_is_in_any_range: ([ip, ...rs]) =>
    `(CASE WHEN hb_ip6(${text(ip!)}, 128) IS NOT NULL THEN ${anyOf(text(ip!), textList(rs), (i, r) => `hb_ip6_in_range(${i}, ${r})`)} END)`,
};
