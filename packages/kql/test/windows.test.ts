/** Window functions over serialized rows, in every position: extend, where, summarize, sort, nested. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, error } from './helpers.ts';

const S = `datatable(user:string, t:long, v:long)['b', 2, 20, 'a', 3, 5, 'a', 1, 7, 'b', 1, 4, 'a', 2, 7]`;

test('prev/next in extend, with offset and default', async () => {
  const q = `range x from 1 to 4 step 1 | extend p = prev(x), n = next(x, 2), d = prev(x, 1, -1)`;
  assert.deepEqual(await rows(q), [[1, null, 3, -1], [2, 1, 4, 1], [3, 2, null, 2], [4, 3, null, 3]]);
});

test('prev() in where: keep rows that grew', async () => {
  const q = `datatable(x:long)[5, 3, 4, 9, 1] | serialize | where x > prev(x)`;
  assert.deepEqual(await rows(q), [[4], [9]]);
  assert.deepEqual(await rows(`range x from 1 to 6 step 1 | where row_number() % 2 == 0`), [[2], [4], [6]]);
});

test('window calls in summarize keys and aggregates', async () => {
  const q = `range x from 1 to 6 step 1 | summarize total = sum(x - prev(x, 1, 0)), n = count() by odd = row_number() % 2`;
  assert.deepEqual(await rows(`${q} | sort by odd asc`), [[0, 3, 3], [1, 3, 3]]);
});

test('a sort key made of a window call', async () => {
  assert.deepEqual(await rows(`datatable(x:long)[3, 1, 2] | serialize | sort by next(x, 1, 0) asc`), [[2], [3], [1]]);
});

test('row_number with a restart condition numbers each group from the start', async () => {
  const q = `${S} | sort by user asc, t asc | extend r = row_number(1, user != prev(user)) | project user, t, r`;
  assert.deepEqual(await rows(q), [['a', 1, 1], ['a', 2, 2], ['a', 3, 3], ['b', 1, 1], ['b', 2, 2]]);
  const z = `${S} | sort by user asc, t asc | extend r = row_number(0) | project r`;
  assert.deepEqual(await rows(z), [[0], [1], [2], [3], [4]]);
});

test('row_cumsum, plain and restarting per user', async () => {
  const q = `${S} | sort by user asc, t asc | extend c = row_cumsum(v), g = row_cumsum(v, user != prev(user)) | project user, c, g`;
  assert.deepEqual(await rows(q), [['a', 7, 7], ['a', 14, 14], ['a', 19, 19], ['b', 23, 4], ['b', 43, 24]]);
});

test('row_rank_dense and row_rank_min follow changes of the term in row order', async () => {
  const T = `datatable(g:string, v:long)['x', 5, 'x', 5, 'x', 8, 'x', 9, 'y', 9, 'y', 12]`;
  const q = `${T} | serialize | extend d = row_rank_dense(v), m = row_rank_min(v) | project v, d, m`;
  assert.deepEqual(await rows(q), [[5, 1, 1], [5, 1, 1], [8, 2, 3], [9, 3, 4], [9, 3, 4], [12, 4, 6]]);
  const r = `${T} | serialize | extend d = row_rank_dense(v, g != prev(g)), m = row_rank_min(v, g != prev(g)) | project g, d, m`;
  assert.deepEqual(await rows(r), [['x', 1, 1], ['x', 1, 1], ['x', 2, 3], ['x', 3, 4], ['y', 1, 1], ['y', 2, 2]]);
});

test('ties of the sort keys keep one order for every window of the query', async () => {
  const q = `datatable(k:long, s:string)[1, 'a', 1, 'b', 1, 'c', 2, 'd'] | sort by k asc | extend r = row_number(), p = prev(s) | extend same = p == prev(s)`;
  const out = await rows(q);
  assert.deepEqual(out.map((r) => r[2]), [1, 2, 3, 4]);
  for (let i = 1; i < out.length; i++) assert.equal(out[i]![3], out[i - 1]![1]);
});

test('window functions need serialized rows', async () => {
  const e = await error(`${S} | summarize c = count() by user | extend p = prev(c)`);
  assert.match(e.message, /serialized/);
});

/** rows of `q` put in the order of column `i` (a row number), for outputs whose order is free */
async function byColumn(q: string, i: number): Promise<unknown[][]> {
  return (await rows(q)).sort((a, b) => (a[i] as number) - (b[i] as number));
}

test('prev, next and row_number over ties read one row order, also when the consumer ignores the order', async () => {
  // 3000 rows, 3 distinct sort keys: the order among ties is whatever the sort made of it, but the
  // same for every window call; summarize by every column keeps the rows and drops the order
  const q = `range i from 1 to 3000 step 1 | extend k = i % 3, s = tostring(i) | sort by k asc
| extend r = row_number(), p = prev(s), n = next(s) | summarize by r, k, s, p, n`;
  const out = await byColumn(q, 0);
  assert.equal(out.length, 3000);
  out.forEach((row, j) => {
    assert.equal(row[0], j + 1);
    if (j > 0) assert.ok((row[1] as number) >= (out[j - 1]![1] as number), 'rows follow the sort key');
    // (a string's prev before the first row is '': strings are never null)
    assert.equal(row[3], j > 0 ? out[j - 1]![2] : '', 'prev is the row before in row_number order');
    assert.equal(row[4], j + 1 < out.length ? out[j + 1]![2] : '', 'next is the row after');
  });
  // prev crosses from one key to the next (no partition by the sort key)
  const firsts = out.filter((row, j) => j > 0 && row[1] !== out[j - 1]![1]);
  assert.equal(firsts.length, 2);
  assert.ok(firsts.every((row) => row[3] !== ''));
});

test('a window computed from another window over ties sees the same order (restart groups)', async () => {
  // g counts rows since the last change of s; its restart reads prev(s) in the order row_cumsum uses
  const q = `range i from 1 to 600 step 1 | extend k = i % 2, s = tostring(i % 5) | sort by k asc
| extend r = row_number(), p = prev(s), g = row_number(1, s != prev(s)) | summarize by r, s, p, g`;
  const out = await byColumn(q, 0);
  out.forEach((row, j) => {
    assert.equal(row[2], j > 0 ? out[j - 1]![1] : '');
    assert.equal(row[3], j > 0 && row[1] === out[j - 1]![1] ? (out[j - 1]![3] as number) + 1 : 1);
  });
});

test('sorted input reached through where, take and project; and an order made by earlier windows', async () => {
  const T = `datatable(x:long, k:long)[1, 3, 2, 1, 3, 2, 4, 1, 5, 3]`;
  assert.deepEqual(await rows(`${T} | sort by k asc, x desc | where x > 1 | extend p = prev(x) | project x, p`), [[4, null], [2, 4], [3, 2], [5, 3]]);
  assert.deepEqual(await rows(`${T} | sort by k asc, x asc | take 3 | project x | extend r = row_number()`), [[2, 1], [4, 2], [3, 3]]);
  // the key is renamed by project: the rows keep the order they come in
  assert.deepEqual(await rows(`${T} | sort by x desc | project y = x | extend p = prev(y)`), [[5, null], [4, 5], [3, 4], [2, 3], [1, 2]]);
  // an order that only earlier windows define (sorted by k, ties by position)
  assert.deepEqual(await rows(`${T} | sort by k asc, x asc | extend r = row_number() | extend q = prev(r) | project x, r, q`),
    [[2, 1, null], [4, 2, 1], [3, 3, 2], [1, 4, 3], [5, 5, 4]]);
  // descending string keys with nulls last, and an expression as the key
  assert.deepEqual(await rows(`datatable(s:string, v:long)['b', 1, 'c', long(null), 'a', 3] | sort by s desc | extend p = prev(v) | project s, p`),
    [['c', null], ['b', null], ['a', 1]]);
  assert.deepEqual(await rows(`datatable(s:string)['ccc', 'a', 'bb'] | sort by strlen(s) asc | extend p = prev(s)`), [['a', ''], ['bb', 'a'], ['ccc', 'bb']]);
});

test('prev after sort into summarize, distinct and join: the order-free consumers', async () => {
  const T = `datatable(h:string, t:long)['a', 3, 'b', 1, 'a', 1, 'a', 2, 'b', 5]`;
  const gaps = `${T} | sort by h asc, t asc | extend gap = iff(prev(h) == h, t - prev(t), long(null))`;
  assert.deepEqual(await rows(`${gaps} | summarize n = count(), total = sum(gap), most = max(gap) by h | sort by h asc`), [['a', 3, 2, 1], ['b', 2, 4, 4]]);
  assert.deepEqual(await rows(`${gaps} | distinct gap | sort by gap asc`), [[null], [1], [4]]);
  assert.deepEqual(await rows(`${gaps} | join kind=inner (datatable(h:string, w:string)['b', 'x']) on h | project t, gap, w | sort by t asc`), [[1, null, 'x'], [5, 4, 'x']]);
  assert.deepEqual(await rows(`${gaps} | count`), [[5]]);
});
