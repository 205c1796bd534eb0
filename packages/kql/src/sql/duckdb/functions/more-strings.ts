/**
 * More string functions: replace_strings, strcat_array, byte arrays <-> base64, to_utf8,
 * parse_version, regex_quote; and the compression / punycode functions we refuse by name.
 */
import type { ScalarEmitter, Arg } from '../types.ts';
import { litString, refused } from '../types.ts';
import { str } from '../quote.ts';
import { UnsupportedFeature } from '../../../errors.ts';
import { text, stringFunctions } from './strings.ts';

/** The elements of a literal dynamic array argument, or undefined when it is not one. */
function literalArray(a: Arg | undefined): unknown[] | undefined {
  if (!a || a.e.k !== 'lit') return undefined;
  const v = a.e.value as { json?: unknown } | null;
  return v && typeof v === 'object' && Array.isArray(v.json) ? v.json : undefined;
}

/**
 * replace_strings(text, lookups, rewrites): the first lookup is replaced everywhere, then the
 * second one in the text between those matches (never inside a match or a rewrite), and so on.
 * A lookup that is not a string (or is empty) is skipped; a rewrite that is not a string
 * leaves its matches as they are (they still shield their text from later lookups).
 */
const replaceStrings: ScalarEmitter = ([s, lk, rw], _t, call) => {
  const lookups = literalArray(lk);
  const rewrites = literalArray(rw);
  if (!lookups || !rewrites) {
    throw new UnsupportedFeature('replace_strings() with lookups or rewrites that are not literal dynamic arrays', call.pos);
  }
  const pairs: [string, string][] = [];
  lookups.forEach((l, i) => {
    if (typeof l !== 'string' || l === '') return;
    const r = rewrites[i];
    pairs.push([l, typeof r === 'string' ? r : l]);
  });
  const level = (i: number, v: string): string => {
    const p = pairs[i];
    if (!p) return v;
    const x = `_hb_rs${i}`;
    return `array_to_string(list_transform(string_split(${v}, ${str(p[0])}), ${x} -> ${level(i + 1, x)}), ${str(p[1])})`;
  };
  return `COALESCE(${level(0, text(s!))}, '')`;
};

/** Characters every regex-quoting convention (RE2's QuoteMeta, .NET's Regex.Escape) escapes. */
const REGEX_META = /[\\^$.|?*+()[{]/g;
/** Characters the conventions agree to leave alone: word characters and non-ASCII. */
const REGEX_PLAIN = /[A-Za-z0-9_]|[^\x00-\x7f]/;

export const moreStringFunctions: Record<string, ScalarEmitter> = {
  replace_strings: replaceStrings,
  // elements in their Kusto text (strings bare, numbers and bags as JSON); nulls are empty
  strcat_array: ([a, d]) =>
    `COALESCE(array_to_string(list_transform(hb_arr(${a!.sql}), _x -> COALESCE(json_extract_string(_x, '$'), '')), ${text(d!)}), '')`,
  // null for text that is not valid (padded) base64
  base64_decode_toarray: ([a]) => `to_json(hb_blob_bytes(TRY(from_base64(${text(a!)}))))`,
  // null ('') unless every element is an integer byte
  base64_encode_fromarray: ([a]) => `COALESCE(hb_base64_from_bytes(hb_arr(${a!.sql})), '')`,
  // a deprecated alias of unicode_codepoints_from_string (code points, not UTF-8 bytes)
  to_utf8: (args, t, call) => stringFunctions.unicode_codepoints_from_string!(args, t, call),
  // 1 to 4 dot-separated parts of up to 8 digits; each part is 8 decimal digits of the result
  parse_version: ([a]) => `hb_parse_version(${text(a!)})`,
  regex_quote: ([a], _t, call) => {
    const lit = litString(a);
    if (lit === undefined) throw new UnsupportedFeature('regex_quote() of a computed string', call.pos);
    // other ASCII punctuation, spaces and controls are escaped differently by RE2 and .NET
    if ([...lit].some((c) => !REGEX_PLAIN.test(c) && !/[\\^$.|?*+()[{]/.test(c))) {
      throw new UnsupportedFeature('regex_quote() of text with punctuation other than \\^$.|?*+()[{', call.pos);
    }
    return str(lit.replace(REGEX_META, (c) => '\\' + c));
  },
};

/** Functions whose algorithms DuckDB has no building block for: refused by name. */
const REFUSED: Record<string, string> = {
  gzip_compress_to_base64_string: 'gzip_compress_to_base64_string() (DuckDB has no gzip function)',
  gzip_decompress_from_base64_string: 'gzip_decompress_from_base64_string() (DuckDB has no gzip function)',
  zlib_compress_to_base64_string: 'zlib_compress_to_base64_string() (DuckDB has no zlib function)',
  zlib_decompress_from_base64_string: 'zlib_decompress_from_base64_string() (DuckDB has no zlib function)',
  punycode_from_string: 'punycode_from_string() (no punycode codec in SQL)',
  punycode_to_string: 'punycode_to_string() (no punycode codec in SQL)',
  punycode_domain_from_string: 'punycode_domain_from_string() (no punycode codec in SQL)',
  punycode_domain_to_string: 'punycode_domain_to_string() (no punycode codec in SQL)',
};
Object.assign(moreStringFunctions, refused(REFUSED));

export const MORE_STRINGS_PRELUDE: readonly string[] = [
  // a BLOB as a list of its byte values (NULL stays NULL)
  `CREATE OR REPLACE TEMP MACRO hb_blob_bytes(b) AS
     CASE WHEN b IS NOT NULL THEN list_transform(range(octet_length(b)),
       _i -> CAST('0x' || substr(hex(b), CAST(2 * _i + 1 AS BIGINT), 2) AS BIGINT)) END`,
  // a list of JSON byte values -> base64; NULL when an element is not an integer in 0..255
  `CREATE OR REPLACE TEMP MACRO hb_base64_from_bytes(l) AS
     CASE WHEN l IS NOT NULL AND COALESCE(list_bool_and(list_transform(l, _x ->
            COALESCE(json_type(_x) IN ('BIGINT', 'UBIGINT') AND TRY_CAST(_x AS BIGINT) BETWEEN 0 AND 255, FALSE))), TRUE)
          THEN to_base64(unhex(array_to_string(list_transform(l, _x -> lpad(hex(TRY_CAST(_x AS BIGINT)), 2, '0')), ''))) END`,
  `CREATE OR REPLACE TEMP MACRO hb_parse_version(s) AS
     CASE WHEN regexp_full_match(s, '[0-9]{1,8}(\\.[0-9]{1,8}){0,3}') THEN CAST(
       array_to_string(list_transform(string_split(s, '.'), _p -> lpad(_p, 8, '0')), '') ||
       repeat('0', CAST(8 * (4 - len(string_split(s, '.'))) AS BIGINT)) AS DECIMAL(38, 0)) END`,
];
