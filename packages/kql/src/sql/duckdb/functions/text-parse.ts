/**
 * Text parsing: extract, extract_all, parse_url, parse_urlquery, parse_path,
 * parse_command_line, parse_csv. Results of type dynamic are DuckDB JSON. The parsers are
 * TEMP macros (TEXT_PARSE_PRELUDE); the character-by-character ones fold a state struct over
 * the code points with list_reduce.
 */
import type { ScalarEmitter, Arg } from '../types.ts';
import { litNumber, litString } from '../types.ts';
import { convert } from '../coerce.ts';
import { str } from '../quote.ts';
import { InvalidQuery, UnsupportedFeature } from '../../../errors.ts';
import { text } from './strings.ts';

/** Capture groups of an RE2 pattern, in order, with their names (undefined when unnamed). */
export function captureGroups(re: string): (string | undefined)[] {
  const groups: (string | undefined)[] = [];
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') {
      inClass = true;
      if (re[i + 1] === '^') i++;
      if (re[i + 1] === ']') i++; // a leading ] is literal
      continue;
    }
    if (c !== '(') continue;
    if (re[i + 1] !== '?') { groups.push(undefined); continue; }
    const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(re.slice(i));
    if (named) groups.push(named[1]);
  }
  return groups;
}

function groupIndex(g: unknown, groups: (string | undefined)[], pos: number): number {
  if (typeof g === 'number' && Number.isInteger(g) && g >= 1 && g <= groups.length) return g;
  if (typeof g === 'string') {
    const i = groups.indexOf(g);
    if (i >= 0) return i + 1;
  }
  throw new InvalidQuery(`extract_all(): ${JSON.stringify(g)} is not a capture group of the regular expression`, pos);
}

function literalJson(a: Arg): unknown {
  return a.e.k === 'lit' && a.e.value !== null && typeof a.e.value === 'object' ? (a.e.value as { json: unknown }).json : undefined;
}

export const textParseFunctions: Record<string, ScalarEmitter> = {
  extract: ([re, g, s], type, call) => {
    const group = litNumber(g);
    if (group === undefined) throw new UnsupportedFeature('extract() with a capture group that is not a constant', call.pos);
    const lit = litString(re);
    if (lit !== undefined && group > captureGroups(lit).length) return type === 'string' ? "''" : `CAST(NULL AS ${type === 'dynamic' ? 'JSON' : 'VARCHAR'})`;
    const sql = `regexp_extract(${text(s!)}, ${text(re!)}, ${group})`;
    if (type === 'string') return `COALESCE(${sql}, '')`;
    // typeof(T): no match (or an empty group) is null, then Kusto's conversion
    return convert(`NULLIF(${sql}, '')`, 'string', type);
  },
  extract_all: (args, _t, call) => {
    const [re, sel, s] = args.length === 3 ? args : [args[0], undefined, args[1]];
    const lit = litString(re);
    if (lit === undefined) throw new UnsupportedFeature('extract_all() with a regular expression that is not a constant', call.pos);
    const groups = captureGroups(lit);
    if (groups.length < 1 || groups.length > 16) throw new InvalidQuery('extract_all() needs a regular expression with 1 to 16 capture groups', call.pos);
    let picked = groups.map((_g, i) => i + 1);
    if (sel) {
      const j = literalJson(sel);
      if (!Array.isArray(j) || j.length === 0) throw new UnsupportedFeature('extract_all() with capture groups that are not a constant array', call.pos);
      picked = j.map((g) => groupIndex(g, groups, call.pos));
    }
    const src = text(s!);
    const lists = picked.map((g) => `regexp_extract_all(${src}, ${str(lit)}, ${g})`);
    const first = `regexp_extract_all(${src}, ${str(lit)}, 0)`;
    const value = lists.length === 1
      ? `to_json(${lists[0]})`
      : `to_json(list_transform(list_zip(${lists.join(', ')}), z -> [${picked.map((_g, i) => `z[${i + 1}]`).join(', ')}]))`;
    return `(CASE WHEN len(${first}) = 0 THEN NULL ELSE ${value} END)`;
  },
  parse_url: ([u]) => `hb_parse_url(${text(u!)})`,
  parse_urlquery: ([q]) => `json_object('Query Parameters', hb_url_query(regexp_replace(${text(q!)}, '^\\?', '')))`,
  parse_path: ([p]) => `hb_parse_path(${text(p!)})`,
  parse_command_line: ([c, kind], _t, call) => {
    if (litString(kind)?.toLowerCase() !== 'windows') throw new UnsupportedFeature("parse_command_line() with a parser other than the literal 'windows'", call.pos);
    return `hb_cmdline(${text(c!)})`;
  },
  parse_csv: ([c]) => `hb_parse_csv(${text(c!)})`,
  // parse_xml() and parse_user_agent(): udf-functions.ts
};

const EMPTY_ARGS = 'CAST([] AS VARCHAR[])';

export const TEXT_PARSE_PRELUDE: readonly string[] = [
  // URL-decoding of a query component ('+' is a space); undecodable text stays as it is
  `CREATE OR REPLACE TEMP MACRO hb_url_unescape(x) AS COALESCE(TRY(url_decode(replace(x, '+', ' '))), x)`,
  // a query string -> JSON object; pieces without '=' are dropped, repeated keys join their values with ','
  `CREATE OR REPLACE TEMP MACRO hb_url_query_kv(ks, vs) AS
     to_json(map(
       list_transform(list_filter(range(1, len(ks) + 1), i -> list_position(ks, ks[i]) = i), i -> ks[i]),
       list_transform(list_filter(range(1, len(ks) + 1), i -> list_position(ks, ks[i]) = i),
         i -> array_to_string(list_transform(list_filter(range(1, len(ks) + 1), j -> ks[j] = ks[i]), j -> vs[j]), ','))))`,
  `CREATE OR REPLACE TEMP MACRO hb_url_query_pairs(ps) AS
     hb_url_query_kv(list_transform(ps, p -> hb_url_unescape(split_part(p, '=', 1))),
                     list_transform(ps, p -> hb_url_unescape(substr(p, strpos(p, '=') + 1))))`,
  `CREATE OR REPLACE TEMP MACRO hb_url_query(q) AS
     hb_url_query_pairs(list_filter(string_split(q, '&'), p -> contains(p, '=')))`,
  // scheme://[user:password@]host[:port][/path][?query][#fragment]; anything else: every part empty
  `CREATE OR REPLACE TEMP MACRO hb_parse_url_parts(scheme, auth, path, query, fragment) AS
     json_object(
       'Scheme', scheme,
       'Host', CASE WHEN contains(regexp_replace(auth, '^[^:@]*:[^@]*@', ''), ':') THEN regexp_extract(regexp_replace(auth, '^[^:@]*:[^@]*@', ''), '^(.*):', 1) ELSE regexp_replace(auth, '^[^:@]*:[^@]*@', '') END,
       'Port', regexp_extract(regexp_replace(auth, '^[^:@]*:[^@]*@', ''), ':([^:]*)$', 1),
       'Path', path,
       'Username', regexp_extract(auth, '^([^:@]*):[^@]*@', 1),
       'Password', regexp_extract(auth, '^[^:@]*:([^@]*)@', 1),
       'Query Parameters', hb_url_query(query),
       'Fragment', fragment)`,
  `CREATE OR REPLACE TEMP MACRO hb_parse_url(u) AS
     hb_parse_url_parts(
       regexp_extract(u, '^([^:/?#]+)://', 1),
       regexp_extract(u, '^[^:/?#]+://([^/?#]*)', 1),
       regexp_extract(u, '^[^:/?#]+://[^/?#]*([^?#]*)', 1),
       regexp_extract(u, '^[^:/?#]+://[^?#]*\\?([^#]*)', 1),
       regexp_extract(u, '^[^:/?#]+://[^#]*#(.*)$', 1))`,
  // paths: [scheme://][root]dir\\...\\file.ext[:stream], with / or \\ separators
  `CREATE OR REPLACE TEMP MACRO hb_parse_path_rest(scheme, rest) AS
     json_object(
       'Scheme', scheme,
       'RootPath', regexp_extract(rest, '^([A-Za-z]:)', 1),
       'DirectoryPath', regexp_extract(rest, '^(.*)[\\\\/]', 1),
       'DirectoryName', regexp_extract(regexp_extract(rest, '^(.*)[\\\\/]', 1), '([^\\\\/]*)$', 1),
       'Filename', regexp_extract(regexp_extract(rest, '([^\\\\/]*)$', 1), '^([^:]*)', 1),
       'Extension', regexp_extract(regexp_extract(regexp_extract(rest, '([^\\\\/]*)$', 1), '^([^:]*)', 1), '\\.([^.]*)$', 1),
       'AlternateDataStreamName', regexp_extract(regexp_extract(rest, '([^\\\\/]*)$', 1), ':(.*)$', 1))`,
  `CREATE OR REPLACE TEMP MACRO hb_parse_path(p) AS
     hb_parse_path_rest(regexp_extract(p, '^([A-Za-z][A-Za-z0-9+.-]*)://', 1), regexp_replace(p, '^[A-Za-z][A-Za-z0-9+.-]*://', ''))`,
  // Windows command lines (CommandLineToArgvW): whitespace separates arguments outside quotes;
  // 2n backslashes + quote: n backslashes and the quote toggles quoting; 2n+1: n backslashes and a
  // literal quote; other backslashes are literal
  `CREATE OR REPLACE TEMP MACRO hb_cmdline_state(ch) AS
     struct_pack(q := FALSE, bs := CAST(0 AS BIGINT), cur := '', has := FALSE, args := ${EMPTY_ARGS}, c := ch)`,
  `CREATE OR REPLACE TEMP MACRO hb_cmdline_end(r) AS
     to_json(CASE WHEN r.has OR r.bs > 0 THEN list_append(r.args, r.cur || repeat('\\', r.bs)) ELSE r.args END)`,
  `CREATE OR REPLACE TEMP MACRO hb_cmdline(s) AS
     hb_cmdline_end(list_reduce(
       list_prepend(hb_cmdline_state(''), list_transform(CASE WHEN s = '' THEN ${EMPTY_ARGS} ELSE string_split(s, '') END, ch -> hb_cmdline_state(ch))),
       (a, x) -> CASE
         WHEN x.c = '\\' THEN struct_pack(q := a.q, bs := a.bs + 1, cur := a.cur, has := a.has, args := a.args, c := '')
         WHEN x.c = '"' THEN struct_pack(q := CASE WHEN a.bs % 2 = 1 THEN a.q ELSE NOT a.q END, bs := CAST(0 AS BIGINT),
           cur := a.cur || repeat('\\', a.bs // 2) || CASE WHEN a.bs % 2 = 1 THEN '"' ELSE '' END, has := TRUE, args := a.args, c := '')
         WHEN (x.c = ' ' OR x.c = chr(9)) AND NOT a.q THEN struct_pack(q := FALSE, bs := CAST(0 AS BIGINT), cur := '', has := FALSE,
           args := CASE WHEN a.has OR a.bs > 0 THEN list_append(a.args, a.cur || repeat('\\', a.bs)) ELSE a.args END, c := '')
         ELSE struct_pack(q := a.q, bs := CAST(0 AS BIGINT), cur := a.cur || repeat('\\', a.bs) || x.c, has := TRUE, args := a.args, c := '')
       END))`,
  // one CSV record (the first): commas separate fields, quotes group, "" inside quotes is a quote
  `CREATE OR REPLACE TEMP MACRO hb_csv_state(ch) AS
     struct_pack(q := FALSE, closed := FALSE, done := FALSE, cur := '', args := ${EMPTY_ARGS}, c := ch)`,
  `CREATE OR REPLACE TEMP MACRO hb_csv_end(r) AS to_json(list_append(r.args, r.cur))`,
  `CREATE OR REPLACE TEMP MACRO hb_parse_csv(s) AS
     hb_csv_end(list_reduce(
       list_prepend(hb_csv_state(''), list_transform(CASE WHEN s = '' THEN ${EMPTY_ARGS} ELSE string_split(s, '') END, ch -> hb_csv_state(ch))),
       (a, x) -> CASE
         WHEN a.done THEN a
         WHEN a.q AND x.c = '"' THEN struct_pack(q := FALSE, closed := TRUE, done := FALSE, cur := a.cur, args := a.args, c := '')
         WHEN a.q THEN struct_pack(q := TRUE, closed := FALSE, done := FALSE, cur := a.cur || x.c, args := a.args, c := '')
         WHEN x.c = '"' AND a.closed THEN struct_pack(q := TRUE, closed := FALSE, done := FALSE, cur := a.cur || '"', args := a.args, c := '')
         WHEN x.c = '"' THEN struct_pack(q := TRUE, closed := FALSE, done := FALSE, cur := a.cur, args := a.args, c := '')
         WHEN x.c = ',' THEN struct_pack(q := FALSE, closed := FALSE, done := FALSE, cur := '', args := list_append(a.args, a.cur), c := '')
         WHEN x.c = chr(10) THEN struct_pack(q := FALSE, closed := FALSE, done := TRUE, cur := a.cur, args := a.args, c := '')
         WHEN x.c = chr(13) THEN struct_pack(q := FALSE, closed := FALSE, done := FALSE, cur := a.cur, args := a.args, c := '')
         ELSE struct_pack(q := FALSE, closed := FALSE, done := FALSE, cur := a.cur || x.c, args := a.args, c := '')
       END))`,
];
