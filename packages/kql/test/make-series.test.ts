/** make-series: per-key arrays over a datetime or numeric axis, defaults for empty bins, kind=nonempty. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, schema, error } from './helpers.ts';

const Ev = `datatable(T:datetime, K:string, Bytes:long)[
  datetime(2024-01-01 00:10), 'a', 10,
  datetime(2024-01-01 00:20), 'a', 5,
  datetime(2024-01-01 02:05), 'a', 1,
  datetime(2024-01-01 01:00), 'b', 7,
  datetime(2023-12-31 23:59), 'b', 100,
  datetime(2024-01-01 03:00), 'c', 9]`;
const H = ['2024-01-01T00:00:00.0000000Z', '2024-01-01T01:00:00.0000000Z', '2024-01-01T02:00:00.0000000Z'];

test('count() by key over hourly bins: end is exclusive, rows outside the range are dropped', async () => {
  const q = `${Ev} | make-series n = count() default = 0 on T from datetime(2024-01-01) to datetime(2024-01-01 03:00) step 1h by K | order by K asc`;
  assert.deepEqual(await schema(q), ['K:string', 'n:dynamic', 'T:dynamic']);
  assert.deepEqual(await rows(q), [['a', [2, 0, 1], H], ['b', [0, 1, 0], H]]);
});

test('several aggregates, the default default is 0, explicit defaults fill empty bins', async () => {
  const q = `${Ev} | where K == 'a' | make-series sum(Bytes), mx = max(Bytes) default = -1, avg(Bytes) on T from datetime(2024-01-01) to datetime(2024-01-01 03:00) step 1h`;
  assert.deepEqual(await schema(q), ['sum_Bytes:dynamic', 'mx:dynamic', 'avg_Bytes:dynamic', 'T:dynamic']);
  assert.deepEqual(await rows(q), [[[15, 0, 1], [10, -1, 1], [7.5, 0, 1], H]]);
});

test('the number of bins rounds up; a numeric axis works too', async () => {
  assert.deepEqual(await rows('range x from 1 to 10 step 1 | make-series s = sum(x) on x from 0 to 10 step 3'), [[[3, 12, 21, 9], [0, 3, 6, 9]]]);
});

test('empty input: no row, or a row of defaults with kind=nonempty', async () => {
  const base = `${Ev} | where K == 'zz'`;
  assert.deepEqual(await rows(`${base} | make-series count() on T from datetime(2024-01-01) to datetime(2024-01-01 02:00) step 1h`), []);
  assert.deepEqual(await rows(`${base} | make-series kind=nonempty c = count() default = 4 on T from datetime(2024-01-01) to datetime(2024-01-01 02:00) step 1h`),
    [[[4, 4], H.slice(0, 2)]]);
});

test('make-series results expand back into rows with mv-expand', async () => {
  const q = `${Ev} | make-series n = count() on T from datetime(2024-01-01) to datetime(2024-01-01 03:00) step 1h by K
    | where K == 'a' | mv-expand n to typeof(long), T to typeof(datetime) | project T, n`;
  assert.deepEqual(await rows(q), [['2024-01-01T00:00:00Z', 2], ['2024-01-01T01:00:00Z', 0], ['2024-01-01T02:00:00Z', 1]]);
});

test('make-series refuses what it cannot do exactly', async () => {
  assert.equal((await error(`${Ev} | make-series max(K) on T from datetime(2024-01-01) to datetime(2024-01-02) step 1h`)).code, 'HB001');
});
