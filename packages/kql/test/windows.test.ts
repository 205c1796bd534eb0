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
