/** replace_strings, strcat_array, byte arrays and base64, to_utf8, parse_version, regex_quote, refused codecs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, error, schema } from './helpers.ts';

test('replace_strings replaces every lookup, earlier lookups first, never inside an earlier match', async () => {
  assert.equal(await value(`print replace_strings("a fox met a hen", dynamic(['fox', 'hen']), dynamic(['hen', 'owl']))`), 'a hen met a owl');
  // 'is' first: it also matches inside 'This'; then 'This' no longer matches
  assert.equal(await value(`print replace_strings("This is it", dynamic(['is', 'This']), dynamic(['was', 'That']))`), 'Thwas was it');
  // 'This' first shields its 'is' from the second lookup
  assert.equal(await value(`print replace_strings("This is it", dynamic(['This', 'is']), dynamic(['That', 'was']))`), 'That was it');
});

test('replace_strings: empty rewrites delete, non-string rewrites leave the match, non-string lookups are skipped', async () => {
  assert.equal(await value(`print replace_strings("go north then go south", dynamic([' then go south', 'go']), dynamic(['', 'run']))`), 'run north');
  assert.equal(await value(`print replace_strings("This is it", dynamic(['This', 'is']), dynamic([42, 'was']))`), 'This was it');
  assert.equal(await value(`print replace_strings("abc", dynamic([1, 'b']), dynamic(['x', 'B']))`), 'aBc');
  assert.equal(await value(`print replace_strings("", dynamic(['a']), dynamic(['b']))`), '');
});

test('replace_strings with computed arrays is refused', async () => {
  const e = await error(`print s = "abc", l = dynamic(['a']) | extend r = replace_strings(s, l, dynamic(['b']))`);
  assert.match(e.message, /replace_strings\(\)/);
});

test('strcat_array joins the elements as text, with any scalar delimiter', async () => {
  assert.deepEqual(await rows(`print strcat_array(dynamic([3, "x", 1.5, true]), "|"), strcat_array(dynamic([]), ","), strcat_array(dynamic(["a", "b"]), '"'), strcat_array(dynamic([1, 2]), 0)`), [
    ['3|x|1.5|true', '', 'a"b', '102'],
  ]);
  assert.equal(await value(`print strcat_array(array_sort_desc(split("b,c,a", ",")), "-")`), 'c-b-a');
});

test('base64_decode_toarray gives the bytes; base64_encode_fromarray is its inverse', async () => {
  const b64 = Buffer.from('Hunt!').toString('base64');
  assert.deepEqual(await value(`print base64_decode_toarray("${b64}")`), [...Buffer.from('Hunt!')]);
  assert.equal(await value(`print base64_encode_fromarray(base64_decode_toarray("${b64}"))`), b64);
  assert.equal(await value(`print base64_encode_fromarray(dynamic([0, 255, 128]))`), Buffer.from([0, 255, 128]).toString('base64'));
  assert.deepEqual(await value(`print base64_decode_toarray("")`), []);
});

test('invalid base64 decodes to null, and bytes out of range encode to an empty string', async () => {
  assert.deepEqual(await rows(`print base64_decode_toarray("not base64!"), base64_encode_fromarray(dynamic([1, 256])), base64_encode_fromarray(dynamic(["a"])), base64_encode_fromarray(dynamic(null))`), [
    [null, '', '', ''],
  ]);
});

test('to_utf8 is the deprecated alias of unicode_codepoints_from_string', async () => {
  assert.deepEqual(await value(`print to_utf8("Aé✓")`), [65, 233, 10003]);
});

test('parse_version: four 8-digit groups as one decimal; missing parts are trailing zeros', async () => {
  assert.deepEqual(await schema(`print v = parse_version("1.2")`), ['v:decimal']);
  assert.deepEqual(await rows(`datatable(v:string)["3", "0.0.0.9", "2.10.0.1", "0.4.5", "99999999.1"] | project p = parse_version(v)`), [
    ['3000000000000000000000000'], ['9'], ['2000000100000000000000001'], ['400000005' + '00000000'], ['99999999000000010000000000000000'],
  ]);
});

test('parse_version of something that is not a version is null, and versions compare', async () => {
  assert.deepEqual(await rows(`datatable(v:string)["1.2.3.4.5", "x.1", "123456789", "", "1..2"] | project p = parse_version(v)`), [[null], [null], [null], [null], [null]]);
  assert.deepEqual(await rows(`datatable(v:string)["1.10", "1.9", "2"] | where parse_version(v) > parse_version("1.9.5") | project v`), [['1.10'], ['2']]);
});

test('regex_quote escapes regex metacharacters of a literal', async () => {
  assert.equal(await value(`print regex_quote(@"a.b*c(d)+^$|?[x{é\\")`), String.raw`a\.b\*c\(d\)\+\^\$\|\?\[x\{é\\`);
});

test('regex_quote is refused where escaping conventions differ', async () => {
  assert.match((await error(`print regex_quote("a-b c")`)).message, /regex_quote/);
});

test('gzip, zlib and punycode are refused by name', async () => {
  for (const q of [
    'print gzip_compress_to_base64_string("x")', 'print gzip_decompress_from_base64_string("x")',
    'print zlib_compress_to_base64_string("x")', 'print punycode_from_string("é")', 'print punycode_to_string("x")',
  ]) {
    const e = await error(q);
    assert.equal(e.code, 'HB001');
    assert.match(e.message, new RegExp(q.slice(6, q.indexOf('('))));
  }
});
