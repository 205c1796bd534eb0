/** format_bytes, jaccard_index, ingestion_time and the functions refused because they need a Kusto cluster. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, error } from './helpers.ts';

test('format_bytes picks the largest unit reached and rounds to the precision', async () => {
  assert.deepEqual(await rows(`print format_bytes(900), format_bytes(4096), format_bytes(5000, 2), format_bytes(3 * 1024 * 1024 + 1), format_bytes(1099511627776), format_bytes(0)`), [
    ['900 Bytes', '4 KB', '4.88 KB', '3 MB', '1 TB', '0 Bytes'],
  ]);
});

test('format_bytes with explicit units', async () => {
  assert.deepEqual(await rows(`print format_bytes(3145728, 0, "KB"), format_bytes(1536, 1, "KB"), format_bytes(2048, 0, "Bytes"), format_bytes(long(null))`), [
    ['3072 KB', '1.5 KB', '2048 Bytes', ''],
  ]);
  // units other than Kusto's own spelling are refused rather than guessed
  assert.match((await error(`print format_bytes(1, 0, "ZB")`)).message, /format_bytes/);
  assert.match((await error(`print format_bytes(1, 0, "kb")`)).message, /format_bytes/);
});

test('jaccard_index ignores duplicates', async () => {
  assert.equal(await value(`print jaccard_index(dynamic([1, 2, 2, 5]), dynamic([2, 5, 7, 9]))`), 0.4);
  assert.equal(await value(`print jaccard_index(dynamic(["a", "b"]), dynamic(["a", "b", "b"]))`), 1);
  assert.equal(await value(`print jaccard_index(dynamic([1]), dynamic([]))`), 0);
});

test('ingestion_time() is null: tables here carry no ingestion metadata', async () => {
  assert.deepEqual(await rows(`print t = ingestion_time() | extend isnull(t)`), [[null, true]]);
});

test('cluster-bound and Kusto-hash functions are refused by name', async () => {
  for (const f of ['current_principal()', 'current_principal_is_member_of("aaduser=x")', 'cursor_current()', 'extent_id()',
    'hash_many("a", "b")', 'hash_combine(1, 2)', 'dynamic_to_json(dynamic({"b":1,"a":2}))']) {
    const e = await error(`print ${f}`);
    assert.equal(e.code, 'HB001', f);
    assert.match(e.message, new RegExp(f.slice(0, f.indexOf('('))));
  }
});

test('geo functions are refused, naming the function', async () => {
  const e = await error('print geo_point_to_s2cell(-122.3, 47.6, 10)');
  assert.equal(e.code, 'HB001');
  assert.match(e.message, /geo_point_to_s2cell/);
});
