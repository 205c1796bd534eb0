/** String functions: Kusto semantics on DuckDB (code points, never-null strings, regex trims). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, schema, error, db } from './helpers.ts';

test('strlen counts code points and string_size counts UTF-8 bytes', async () => {
  assert.deepEqual(await rows('print strlen("hello"), strlen("⒦⒰"), strlen("e\\u0301"), string_size("⒦⒰"), string_size("abc")'), [[5, 2, 2, 6, 3]]);
  assert.deepEqual(await schema('print n = strlen("a")'), ['n:long']);
});

test('strcat, strcat_delim convert their arguments with tostring', async () => {
  assert.deepEqual(await rows('print strcat("a", 1, 2.5, true), strcat_delim("|", "x", 3, 2s), strcat_delim(", ", "one", "two")'), [['a12.5true', 'x|3|00:00:02', 'one, two']]);
});

test('null strings from storage behave as empty strings', async () => {
  const d = await db();
  await d.sql(`CREATE OR REPLACE TABLE str_nulls AS SELECT * FROM (VALUES (1, NULL::VARCHAR), (2, 'ab')) t(id, s)`);
  d.invalidateSchema();
  assert.deepEqual(await rows('str_nulls | order by id asc | project strlen(s), toupper(s), strcat(s, "!"), substring(s, 1), reverse(s), strcat_delim("-", s, "z")'), [
    [0, '', '!', '', '', '-z'],
    [2, 'AB', 'ab!', 'b', 'ba', 'ab-z'],
  ]);
});

test('substring: zero-based start, negative start from the end, length clamped', async () => {
  assert.deepEqual(await rows('print substring("123456", 1), substring("123456", 2, 2), substring("ABCD", 0, 2), substring("123456", -2, 2)'), [['23456', '34', 'AB', '56']]);
  assert.deepEqual(await rows('print substring("abc", 5), substring("abc", 1, 100), substring("abc", -10, 2), substring("a👍b", 1, 1)'), [['', 'bc', 'ab', '👍']]);
});

test('tolower, toupper and strcmp', async () => {
  assert.deepEqual(await rows('print tolower("ÀBC"), toupper("àbc"), strcmp("a", "b"), strcmp("b", "a"), strcmp("x", "x"), strcmp("abcd", "abc")'), [['àbc', 'ÀBC', -1, 1, 0, 1]]);
});

test('trim, trim_start, trim_end take a regular expression and remove all leading/trailing matches', async () => {
  assert.deepEqual(await rows('print trim("--", "--x.com--"), trim_start("https://", "https://bing.com"), trim_end(".com", "bing.com")'), [['x.com', 'bing.com', 'bing']]);
  assert.deepEqual(await rows('print trim(@"\\s+", "  hi there  "), trim_start(@"[^\\w]+", "-- a//"), trim_end(@"[^\\w]+", "-- a//")'), [['hi there', 'a//', '-- a']]);
  assert.deepEqual(await rows('print trim("ab", "ababxab"), trim("b+", "bbabb")'), [['x', 'a']]);
  // the regular expression must be a constant; a let-bound one is
  assert.deepEqual(await rows('let re = "[0-9]"; print t = trim(re, "12a34")'), [['a']]);
});

test('split returns a dynamic array; with an index, a one-element array or an empty one', async () => {
  assert.deepEqual(await rows('print split("aa_bb", "_"), split("a__b", "_"), split("", "_"), split("aabbcc", "bb")'), [[['aa', 'bb'], ['a', '', 'b'], [''], ['aa', 'cc']]]);
  assert.deepEqual(await rows('print split("x_y_z", "_", 2), split("x_y_z", "_", 7)'), [[['z'], []]]);
  assert.deepEqual(await schema('print s = split("a", ",")'), ['s:dynamic']);
  assert.equal(await value('print tostring(split("a.b.c", ".")[1])'), 'b');
});

test('replace_string is literal, replace_regex rewrites with \\1 backreferences', async () => {
  assert.deepEqual(await rows('print replace_string("a cat and a cat", "cat", "dog"), replace_string("a.b", ".", "*")'), [['a dog and a dog', 'a*b']]);
  assert.deepEqual(await rows('print replace_regex("Number is 42", @"is (\\d+)", @"was: \\1"), replace_regex("aaa", "a", "b"), replace_regex("k=v;x=y", @"(\\w)=(\\w)", @"\\2=\\1")'), [['Number was: 42', 'bbb', 'v=k;y=x']]);
});

test('reverse works on code points and on the text of other types', async () => {
  assert.deepEqual(await rows('print reverse("abc"), reverse("añ👍"), reverse(123), reverse(3h), reverse(""), reverse(datetime(2020-01-02))'), [['cba', '👍ña', '321', '00:00:30', '', 'Z0000000.00:00:00T20-10-0202']]);
});

test('countof: plain matches overlap, regex matches do not', async () => {
  assert.deepEqual(await rows('print countof("aaa", "a"), countof("aaaa", "aa"), countof("ababa", "ab", "normal"), countof("ababa", "aba")'), [[3, 3, 2, 2]]);
  assert.deepEqual(await rows('print countof("ababa", "aba", "regex"), countof("abcabc", "a.c", "regex"), countof("a1b22c333", @"\\d+", "regex")'), [[1, 2, 3]]);
});

test('indexof with start, length and occurrence', async () => {
  assert.deepEqual(await rows('print indexof("hello world", "o"), indexof("hello", "z"), indexof("abc", ""), indexof("a👍cde", "cd")'), [[4, -1, 0, 2]]);
  assert.deepEqual(await rows('print indexof("abcdefg", "cde", 1, 4), indexof("abcdefg", "cde", 1, 2), indexof("abcdefg", "cde", 3, 4), indexof("abcdefg", "cde", -5)'), [[2, -1, -1, 2]]);
  assert.deepEqual(await rows('print indexof(7654321, 2), indexof("abcdefg", "cde", 2, -1), indexof("xyzxyzxyz", "xyz", 0, -1, 3), indexof("xyzxyz", "xyz", 0, -1, 3)'), [[5, 2, 6, -1]]);
  assert.deepEqual(await rows('print indexof("abcdefgabcdefg", "cde", 1, 10, 2), indexof("abc", "b", 0, -2), indexof("abc", "b", -9)'), [[9, null, null]]);
});

test('strrep repeats with a delimiter; translate maps characters', async () => {
  assert.deepEqual(await rows('print strrep("xy", 3), strrep(7, 2, "+"), strrep(2s, 2, " "), strrep("a", 0)'), [['xyxyxy', '7+7', '00:00:02 00:00:02', '']]);
  assert.deepEqual(await rows('print translate("abc", "x", "abc"), translate("abc", "", "ab"), translate("krasp", "otsku", "spark"), translate("ab", "AB", "abcab")'), [['xxx', '', 'kusto', 'ABcAB']]);
});

test('unicode code points to and from strings; make_string', async () => {
  assert.deepEqual(await rows('print unicode_codepoints_from_string("Ku👍"), unicode_codepoints_to_string(75, 117), unicode_codepoints_to_string(dynamic([75, 117]), 115)'), [[[75, 117, 128077], 'Ku', 'Kus']]);
  assert.deepEqual(await rows('print make_string(72, 105), unicode_codepoints_to_string(unicode_codepoints_from_string("round trip ✓"))'), [['Hi', 'round trip ✓']]);
});

test('isascii, isutf8, has_any_index', async () => {
  assert.deepEqual(await rows('print isascii("plain"), isascii("café"), isutf8("café")'), [[true, false, true]]);
  assert.deepEqual(await rows('print has_any_index("this is an example", dynamic(["this", "example"])), has_any_index("this is an example", dynamic(["nope", "example"])), has_any_index("this is an example", dynamic(["exam"])), has_any_index("x", dynamic([]))'), [[0, 1, -1, -1]]);
  assert.deepEqual(await rows('print has_any_index("Item 2 of 3", dynamic([1, 2]))'), [[1]]);
});

test('unsupported forms are refused, not guessed', async () => {
  assert.match((await error('print split("a_b", "_", -1)')).message, /split\(\) with a negative index/);
  assert.match((await error('print indexof("abab", "b", 0, -1, 0)')).message, /indexof\(\) with occurrence 0/);
});
