/**
 * Encoding and hashing: base64, URL encoding, md5/sha1/sha256. Non-string arguments are hashed
 * or encoded through their Kusto text form (tostring), as Kusto does.
 */
import type { ScalarEmitter } from '../types.ts';
import { UnsupportedFeature } from '../../../errors.ts';
import { text, fullText } from './strings.ts';

export const encodingFunctions: Record<string, ScalarEmitter> = {
  base64_encode_tostring: ([a]) => `to_base64(encode(${text(a!)}))`,
  base64_encodestring: ([a]) => `to_base64(encode(${text(a!)}))`,
  // invalid base64 or bytes that are not UTF-8 give Kusto's null, which is '' for a string
  base64_decode_tostring: ([a]) => `COALESCE(TRY(decode(from_base64(${text(a!)}))), '')`,
  base64_decodestring: ([a]) => `COALESCE(TRY(decode(from_base64(${text(a!)}))), '')`,
  // .NET Guid byte order: the first three fields little-endian
  base64_encode_fromguid: ([g], _t, call) => {
    if (g!.type !== 'guid') throw new UnsupportedFeature('base64_encode_fromguid() of a value that is not a guid', call.pos);
    return `to_base64(unhex(hb_guid_swap(replace(CAST(${g!.sql} AS VARCHAR), '-', ''))))`;
  },
  base64_decode_toguid: ([a]) =>
    `TRY_CAST(hb_guid_dashes(hb_guid_swap(CASE WHEN octet_length(TRY(from_base64(${text(a!)}))) = 16 THEN lower(hex(TRY(from_base64(${text(a!)})))) END)) AS UUID)`,
  url_encode: ([a]) => `hb_url_encode(${text(a!)}, '+')`,
  url_encode_component: ([a]) => `hb_url_encode(${text(a!)}, '%20')`,
  url_decode: ([a]) => `COALESCE(TRY(url_decode(replace(${text(a!)}, '+', ' '))), '')`,
  hash_md5: ([a]) => `md5(${fullText(a!)})`,
  hash_sha1: ([a]) => `sha1(${fullText(a!)})`,
  hash_sha256: ([a]) => `sha256(${fullText(a!)})`,
  // hash() and hash_xxhash64(): udf-functions.ts
};

export const ENCODING_PRELUDE: readonly string[] = [
  // 32 hex digits of a guid <-> .NET's byte order (it is its own inverse)
  `CREATE OR REPLACE TEMP MACRO hb_guid_swap(h) AS
     substr(h, 7, 2) || substr(h, 5, 2) || substr(h, 3, 2) || substr(h, 1, 2) ||
     substr(h, 11, 2) || substr(h, 9, 2) || substr(h, 15, 2) || substr(h, 13, 2) || substr(h, 17, 16)`,
  `CREATE OR REPLACE TEMP MACRO hb_guid_dashes(h) AS
     substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-' || substr(h, 21, 12)`,
  // .NET HttpUtility-style encoding: letters, digits and -_.!*() stay; the rest is %xx of
  // each UTF-8 byte, lower-case hex; a space becomes sp ('+' or '%20')
  `CREATE OR REPLACE TEMP MACRO hb_url_encode(s, sp) AS
     array_to_string(list_transform(string_split(s, ''), c ->
       CASE WHEN regexp_full_match(c, '[A-Za-z0-9_.!*()-]') THEN c
            WHEN c = ' ' THEN sp
            ELSE regexp_replace(lower(hex(encode(c))), '(..)', '%\\1', 'g') END), '')`,
];
