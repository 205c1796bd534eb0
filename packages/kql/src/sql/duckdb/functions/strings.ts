/**
 * String functions. Kusto counts characters in Unicode code points, which is what DuckDB's
 * length/substring/instr count too (DuckDB's reverse() works on grapheme clusters, so
 * reverse goes through a code-point list). String results are never NULL.
 */
import type { ScalarEmitter, Arg } from '../types.ts';
import { litNumber, litString } from '../types.ts';
import { toStringSql } from '../coerce.ts';
import { str } from '../quote.ts';
import { UnsupportedFeature } from '../../../errors.ts';

/** SQL text of an argument as a never-null VARCHAR (non-strings converted Kusto-style). */
export function text(a: Arg): string {
  return a.type === 'string' ? `COALESCE(${a.sql}, '')` : toStringSql(a.sql, a.type);
}

/** Text of an argument with datetimes in full (7 fraction digits), as reverse() and the hashes see them. */
export function fullText(a: Arg): string {
  return a.type === 'datetime' ? `COALESCE(hb_format_datetime(${a.sql}), '')` : text(a);
}

/** A regex argument: a literal stays a literal (DuckDB then compiles it once). */
function regexWrap(a: Arg, before: string, after: string): string {
  const lit = litString(a);
  return lit !== undefined ? str(before + lit + after) : `(${str(before)} || ${text(a)} || ${str(after)})`;
}

/** Kusto clamps strrep's multiplier. */
const STRREP_MAX = 1024;

export const stringFunctions: Record<string, ScalarEmitter> = {
  strlen: ([a]) => `CAST(length(${text(a!)}) AS BIGINT)`,
  string_size: ([a]) => `CAST(octet_length(encode(${text(a!)})) AS BIGINT)`,
  tolower: ([a]) => `lower(${text(a!)})`,
  toupper: ([a]) => `upper(${text(a!)})`,
  strcat: (args) => (args.length ? `concat(${args.map(text).join(', ')})` : "''"),
  strcat_delim: ([d, ...rest]) => `concat_ws(${text(d!)}, ${rest.map(text).join(', ')})`,
  strcmp: ([a, b]) => `(CASE WHEN ${text(a!)} < ${text(b!)} THEN -1 WHEN ${text(a!)} > ${text(b!)} THEN 1 ELSE 0 END)`,
  substring: ([s, st, ln]) => {
    const src = text(s!);
    // negative start counts from the end; the start is clamped into the string
    const start = `(CASE WHEN ${st!.sql} < 0 THEN greatest(length(${src}) + ${st!.sql}, 0) ELSE ${st!.sql} END)`;
    if (!ln) return `COALESCE(substring(${src}, ${start} + 1), '')`;
    return `COALESCE(CASE WHEN ${ln.sql} < 0 THEN '' ELSE substring(${src}, ${start} + 1, ${ln.sql}) END, '')`;
  },
  reverse: ([a]) => `array_to_string(list_reverse(string_split(${fullText(a!)}, '')), '')`,
  trim: ([re, s]) => `regexp_replace(regexp_replace(${text(s!)}, ${regexWrap(re!, '^(?:', ')+')}, ''), ${regexWrap(re!, '(?:', ')+$')}, '')`,
  trim_start: ([re, s]) => `regexp_replace(${text(s!)}, ${regexWrap(re!, '^(?:', ')+')}, '')`,
  trim_end: ([re, s]) => `regexp_replace(${text(s!)}, ${regexWrap(re!, '(?:', ')+$')}, '')`,
  split: ([s, d, i], _t, call) => {
    const parts = `string_split(${text(s!)}, ${text(d!)})`;
    if (!i) return `to_json(${parts})`;
    const n = litNumber(i);
    if (n !== undefined && n < 0) throw new UnsupportedFeature('split() with a negative index', call.pos);
    // the requested part as a one-element array, or an empty array when it does not exist
    return `to_json(CASE WHEN ${i.sql} >= 0 AND ${i.sql} < len(${parts}) THEN [${parts}[${i.sql} + 1]] ELSE CAST([] AS VARCHAR[]) END)`;
  },
  replace_string: ([s, l, r]) => `replace(${text(s!)}, ${text(l!)}, ${text(r!)})`,
  replace: ([re, r, s]) => `regexp_replace(${text(s!)}, ${text(re!)}, ${text(r!)}, 'g')`,
  replace_regex: ([s, re, r]) => `regexp_replace(${text(s!)}, ${text(re!)}, ${text(r!)}, 'g')`,
  countof: ([s, t, kind], _t, call) => {
    const k = kind ? litString(kind) : 'normal';
    if (k === 'regex') return `CAST(len(regexp_extract_all(${text(s!)}, ${text(t!)})) AS BIGINT)`;
    if (k !== 'normal') throw new UnsupportedFeature(`countof() with a kind that is not the literal 'normal' or 'regex'`, call.pos);
    return `hb_countof(${text(s!)}, ${text(t!)})`;
  },
  indexof: ([s, t, start, length, occurrence], _t, call) => {
    const occ = occurrence ? litNumber(occurrence) : 1;
    if (occurrence && occ === undefined) throw new UnsupportedFeature('indexof() with an occurrence that is not a constant', call.pos);
    if (occ !== undefined && occ === 0) throw new UnsupportedFeature('indexof() with occurrence 0', call.pos);
    if (occ !== undefined && occ < 0) return 'CAST(NULL AS BIGINT)';
    if (!start && !length && occ === 1) return `CAST(instr(${text(s!)}, ${text(t!)}) - 1 AS BIGINT)`;
    return `hb_indexof(${text(s!)}, ${text(t!)}, ${start ? start.sql : '0'}, ${length ? length.sql : '-1'}, ${occ})`;
  },
  strrep: ([v, n, d]) => {
    const s = text(v!);
    const delim = d ? text(d) : "''";
    return `(CASE WHEN COALESCE(${n!.sql}, 0) < 1 THEN '' ELSE repeat(${s} || ${delim}, CAST(least(${n!.sql}, ${STRREP_MAX}) AS BIGINT) - 1) || ${s} END)`;
  },
  translate: ([from, to, s]) => {
    const f = text(from!);
    const t = text(to!);
    // a shorter replacement list repeats its last character; an empty one deletes
    return `translate(${text(s!)}, ${f}, CASE WHEN ${t} = '' THEN '' ELSE rpad(${t}, CAST(greatest(length(${f}), 1) AS INTEGER), right(${t}, 1)) END)`;
  },
  isascii: ([a]) => `(NOT regexp_matches(${text(a!)}, '[^\\x00-\\x7F]'))`,
  // DuckDB VARCHARs are always valid UTF-8
  isutf8: ([a]) => `(${text(a!)} IS NOT NULL)`,
  has_any_index: ([s, arr]) =>
    `COALESCE(CAST(list_position(list_transform(CAST(${arr!.sql} AS JSON[]), x -> hb_has(${text(s!)}, COALESCE(json_extract_string(x, '$'), ''))), TRUE) AS BIGINT) - 1, -1)`,
  unicode_codepoints_from_string: ([a]) => `to_json(list_transform(string_split(${text(a!)}, ''), c -> CAST(unicode(c) AS BIGINT)))`,
  unicode_codepoints_to_string: (args) => codepointsToString(args),
  make_string: (args) => codepointsToString(args),
};

function codepointsToString(args: Arg[]): string {
  const parts = args.map((a) => {
    if (a.type === 'dynamic') {
      return `COALESCE(array_to_string(list_transform(TRY_CAST(${a.sql} AS BIGINT[]), c -> chr(CAST(c AS INTEGER))), ''), '')`;
    }
    return `COALESCE(chr(CAST(${a.sql} AS INTEGER)), '')`;
  });
  return parts.length ? `concat(${parts.join(', ')})` : "''";
}

/** Macros behind the string functions (added to the dialect's prelude). */
export const STRING_PRELUDE: readonly string[] = [
  // overlapping occurrences of t in s (Kusto's plain countof)
  `CREATE OR REPLACE TEMP MACRO hb_countof(s, t) AS
     CASE WHEN t = '' THEN CAST(0 AS BIGINT) ELSE
       CAST(len(list_filter(range(0, greatest(length(s) - length(t) + 1, 0)), i -> substring(s, i + 1, length(t)) = t)) AS BIGINT) END`,
  // indexof(s, t, start, count, occurrence): each search looks at `count` characters (-1: all)
  // from its start; the next occurrence is searched from one past the previous one
  `CREATE OR REPLACE TEMP MACRO hb_indexof(s, t, st, cnt, occ) AS
     CASE WHEN cnt < -1 OR (st < 0 AND length(s) + st < 0) THEN NULL ELSE
       (SELECT CASE WHEN len(p) < occ THEN -1
                    WHEN cnt = -1 THEN p[occ]
                    WHEN p[1] + length(t) > s0 + cnt THEN -1
                    WHEN occ > 1 AND len(list_filter(range(2, CAST(occ AS BIGINT) + 1), k -> p[k] + length(t) > p[k - 1] + 1 + cnt)) > 0 THEN -1
                    ELSE p[occ] END
        FROM (SELECT s0, list_filter(range(s0, greatest(length(s) - length(t) + 1, s0)), i -> substring(s, i + 1, length(t)) = t) AS p
              FROM (SELECT CAST(CASE WHEN st < 0 THEN length(s) + st ELSE st END AS BIGINT) AS s0)))
     END`,
];
