/** mv-apply: a subquery per row over that row's expanded arrays. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, schema, error } from './helpers.ts';

const T = `datatable(id:long, xs:dynamic)[1, dynamic([4, 9, 2]), 2, dynamic([7, 1, 8, 3])]`;

test('summarize per row: the row keeps its columns, gains the aggregates', async () => {
  const q = `${T} | mv-apply x = xs to typeof(long) on (summarize total = sum(x), n = count())`;
  assert.deepEqual(await rows(q), [[1, [4, 9, 2], 15, 3], [2, [7, 1, 8, 3], 19, 4]]);
  assert.deepEqual(await schema(q), ['id:long', 'xs:dynamic', 'total:long', 'n:long']);
});

test('top N per row, then make_list of the kept elements', async () => {
  const q = `${T} | mv-apply x = xs to typeof(long) on (top 2 by x | summarize best = make_list(x)) | project id, s = array_sort_asc(best)`;
  assert.deepEqual(await rows(q), [[1, [4, 9]], [2, [7, 8]]]);
  assert.deepEqual(await rows(`${T} | mv-apply x = xs to typeof(long) on (top 1 by x asc) | project id, x`), [[1, 2], [2, 1]]);
});

test('where filters the expanded rows; rows with nothing left disappear', async () => {
  const q = `${T} | mv-apply x = xs to typeof(long) on (where x > 7) | project id, x | sort by x asc`;
  assert.deepEqual(await rows(q), [[2, 8], [1, 9]]);
  assert.deepEqual(await rows(`${T} | mv-apply x = xs to typeof(long) on (where x > 100) | count`), [[0]]);
});

test('the subquery sees the outer columns', async () => {
  const q = `${T} | mv-apply x = xs to typeof(long) on (extend y = x * id | summarize m = max(y))`;
  assert.deepEqual(await rows(`${q} | project id, m`), [[1, 9], [2, 16]]);
});

test('with_itemindex adds the element position as the last subquery column', async () => {
  const q = `${T} | mv-apply with_itemindex = i x = xs to typeof(long) on (where i >= 2) | project id, x, i | sort by id asc, i asc`;
  assert.deepEqual(await rows(q), [[1, 2, 2], [2, 8, 2], [2, 3, 3]]);
  assert.deepEqual(await schema(`${T} | mv-apply with_itemindex = i x = xs on (take 1)`), ['id:long', 'xs:dynamic', 'x:dynamic', 'i:long']);
});

test('several arrays expand in parallel, the shorter padded with null', async () => {
  const q = `print a = dynamic(['p', 'q', 'r']), b = dynamic([1, 2]) | mv-apply u = a to typeof(string), v = b on (summarize l = make_list(strcat(u, '-', tostring(v))))`;
  assert.deepEqual((await rows(q)).map((r) => (r[2] as string[]).slice().sort()), [['p-1', 'q-2', 'r-']]);
});

test('expanding a column in place: the element replaces the array in the subquery', async () => {
  // the array column is gone unless the subquery passes the element through
  const q = `${T} | mv-apply xs to typeof(long) on (summarize s = sum(xs))`;
  assert.deepEqual(await rows(q), [[1, 15], [2, 19]]);
  assert.deepEqual(await schema(q), ['id:long', 's:long']);
  assert.deepEqual(await rows(`${T} | mv-apply xs to typeof(long) on (where xs == 1)`), [[2, 1]]);
});

test('bags expand into one-key bags, or [key, value] pairs with kind=array', async () => {
  const B = `print b = dynamic({"k1": 5, "k2": 6})`;
  assert.deepEqual(await rows(`${B} | mv-apply kind=array p = b on (summarize keys = make_set(tostring(p[0]))) | project k = array_sort_asc(keys)`), [[['k1', 'k2']]]);
  assert.deepEqual(await rows(`${B} | mv-apply p = b on (summarize n = count())`), [[{ k1: 5, k2: 6 }, 2]]);
});

test('an empty array gives the subquery no rows; summarize still makes one', async () => {
  const q = `datatable(id:long, xs:dynamic)[1, dynamic([]), 2, dynamic([5])] | mv-apply x = xs on (summarize n = count())`;
  assert.deepEqual(await rows(`${q} | project id, n`), [[1, 0], [2, 1]]);
  assert.deepEqual(await rows(`datatable(id:long, xs:dynamic)[1, dynamic([]), 2, dynamic([5])] | mv-apply x = xs on (take 5) | project id`), [[2]]);
});

test('nested mv-expand and sort inside the subquery, operators after mv-apply', async () => {
  const q = `print d = dynamic({"a": "x1", "b": "y2"}) | mv-apply e = d on (mv-expand kind=array e | where tostring(e[1]) startswith "y" | summarize gone = make_set(e[0])) | extend kept = bag_remove_keys(d, gone) | project kept`;
  assert.deepEqual(await rows(q), [[{ a: 'x1' }]]);
  const s = `${T} | mv-apply x = xs to typeof(long) on (sort by x asc | extend r = row_number() | where r == 1 | project lowest = x) | project id, lowest`;
  assert.deepEqual(await rows(s), [[1, 2], [2, 1]]);
});

test('an operator the engine lacks inside the subquery is refused by name', async () => {
  const e = await error(`${T} | mv-apply x = xs on (reduce by tostring(x))`);
  assert.equal(e.code, 'HB001');
  assert.match(e.message, /reduce/);
});
