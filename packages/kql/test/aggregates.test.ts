/** summarize aggregates: types, null handling, empty input, row picks, percentiles, make_* functions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, schema } from './helpers.ts';

const T = `datatable(G:string, I:int, L:long, R:real, S:string, D:dynamic)[
  'a', 1, 10, 0.5, 'x', dynamic({'k': 'p', 'n': 1}),
  'a', 2, long(null), 1.5, 'y', dynamic({'k': 'q', 'n': 2}),
  'b', int(null), 30, real(null), '', dynamic(null),
  'b', 4, 40, 4.0, 'x', dynamic({'k': 'p', 'n': 3})]`;

test('count, countif, dcount, dcountif, count_distinct are long', async () => {
  assert.deepEqual(await rows(`${T} | summarize count(), countif(L > 15), dcount(S), dcountif(S, I > 1), count_distinct(G) by G | order by G asc`), [['a', 2, 0, 2, 1, 1], ['b', 2, 2, 2, 1, 1]]);
  assert.deepEqual(await schema(`${T} | summarize count(), dcount(S), countif(true)`), ['count_:long', 'dcount_S:long', 'countif_:long']);
});

test('sum of int/long is long, of real is real; sumif; avg and avgif are real', async () => {
  assert.deepEqual(await schema(`${T} | summarize sum(I), sum(L), sum(R), avg(I), avgif(L, I > 0)`), ['sum_I:long', 'sum_L:long', 'sum_R:real', 'avg_I:real', 'avgif_L:real']);
  assert.deepEqual(await rows(`${T} | summarize sum(I), sum(L), sum(R), sumif(L, G == 'b'), avg(I), avgif(R, G == 'a')`), [[7, 80, 6, 70, 7 / 3, 1]]);
  // a huge long sum stays a long (DuckDB would widen to HUGEINT)
  const big = `datatable(x:long)[4000000000000000000, 4000000000000000000, -5000000000000000000]`;
  assert.deepEqual(await schema(`${big} | summarize s = sum(x)`), ['s:long']);
  assert.equal(await value(`${big} | summarize sum(x)`), await value(`print 3000000000000000000`));
});

test('an empty input without by gives one row of defaults; with by, no rows', async () => {
  assert.deepEqual(
    await rows(`${T} | where G == 'none' | summarize count(), sum(L), sumif(L, true), avg(L), dcount(S), max(L), min(S), stdev(R), variance(R), make_list(S), make_set(S), make_bag(D), percentile(L, 50), take_any(S)`),
    [[0, 0, 0, 'NaN', 0, null, '', 0, 0, [], [], {}, null, '']],
  );
  assert.deepEqual(await rows(`${T} | where G == 'none' | summarize count() by G`), []);
});

test('min, max, minif, maxif, take_any skip nulls; strings are never null', async () => {
  assert.deepEqual(await rows(`${T} | summarize min(L), max(L), minif(I, G == 'b'), maxif(R, G == 'a'), max(S) by G | order by G asc`), [['a', 10, 10, null, 1.5, 'y'], ['b', 30, 40, 4, null, 'x']]);
  assert.deepEqual(await rows(`${T} | where G == 'b' and isnull(I) | summarize take_any(I), take_anyif(S, false)`), [[null, '']]);
});

test('arg_max / arg_min pick one row, with * or a column list; null keys lose but still count', async () => {
  assert.deepEqual(await rows(`${T} | summarize arg_max(L, S, I) by G | order by G asc`), [['a', 10, 'x', 1], ['b', 40, 'x', 4]]);
  assert.deepEqual(await schema(`${T} | summarize arg_min(R, *) by G`), ['G:string', 'R:real', 'I:int', 'L:long', 'S:string', 'D:dynamic']);
  assert.deepEqual(await rows(`${T} | summarize arg_min(R, *) by G | project G, R, S | order by G asc`), [['a', 0.5, 'x'], ['b', 4, 'x']]);
  assert.deepEqual(await rows(`datatable(g:string, v:long, s:string)['z', long(null), 'only'] | summarize arg_max(v, s) by g`), [['z', null, 'only']]);
});

test('percentile is nearest-rank; percentiles gives one column per percentage; percentiles_array one array', async () => {
  const N = `range x from 1 to 10 step 1`;
  assert.deepEqual(await rows(`${N} | summarize percentile(x, 50), percentile(x, 95), percentile(x, 0), percentile(x, 11)`), [[5, 10, 1, 2]]);
  assert.deepEqual(await schema(`${N} | summarize percentiles(x, 25, 99.5)`), ['percentile_x_25:long', 'percentile_x_99_5:long']);
  assert.deepEqual(await rows(`${N} | summarize percentiles(x, 25, 99.5), (lo, hi) = percentiles(x, 10, 90)`), [[3, 10, 1, 9]]);
  assert.deepEqual(await rows(`${N} | summarize percentiles_array(x, 50, 100), percentiles_array(x, dynamic([10, 20]))`), [[[5, 10], [1, 2]]]);
  assert.deepEqual(await rows(`datatable(v:long, w:long)[1, 5, 2, 1, 3, 4] | summarize percentilew(v, w, 50), percentilesw(v, w, 60, 100)`), [[1, 2, 3]]);
});

test('stdev, variance (sample), stdevp, variancep (population) and their if-forms', async () => {
  const r = (await rows(`range x from 1 to 4 step 1 | summarize stdev(x), variance(x), stdevp(x), variancep(x), varianceif(x, x > 2), stdevif(x, x > 3)`))[0] as number[];
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}`);
  close(r[0]!, Math.sqrt(5 / 3)); close(r[1]!, 5 / 3); close(r[2]!, Math.sqrt(1.25)); close(r[3]!, 1.25); close(r[4]!, 0.5); close(r[5]!, 0);
});

test('make_list / make_set ignore nulls and honour maxSize; make_set expands arrays; legacy names', async () => {
  assert.deepEqual(await rows(`${T} | summarize make_list(L), make_list_if(S, I > 1), make_list_with_nulls(I) by G | order by G asc`), [['a', [10], ['y'], [1, 2]], ['b', [30, 40], ['x'], [null, 4]]]);
  const sets = await rows(`${T} | summarize s = make_set(S), d = make_set(D.k), n = array_length(make_set(G, 1)), l = makelist(G), m = makeset(I)`);
  const [s, d, n, l, m] = sets[0] as [string[], string[], number, string[], number[]];
  assert.deepEqual([...s].sort(), ['', 'x', 'y']);
  assert.deepEqual([...d].sort(), ['p', 'q']);
  assert.equal(n, 1);
  assert.deepEqual([...l].sort(), ['a', 'a', 'b', 'b']);
  assert.deepEqual([...m].sort(), [1, 2, 4]);
  const flat = await value(`datatable(a:dynamic)[dynamic(['x', 'y']), dynamic(['y', 'z']), dynamic('w')] | summarize make_set(a)`) as string[];
  assert.deepEqual([...flat].sort(), ['w', 'x', 'y', 'z']);
});

test('make_bag merges property bags (first value of a key wins), make_bag_if filters', async () => {
  assert.deepEqual(await value(`datatable(k:string, v:long)['a', 1, 'b', 2, 'c', 3] | summarize make_bag(bag_pack(k, v))`), { a: 1, b: 2, c: 3 });
  assert.deepEqual(await value(`datatable(k:string, v:long)['a', 1, 'b', 2, 'c', 3] | summarize make_bag_if(bag_pack(k, v), v != 2)`), { a: 1, c: 3 });
  assert.deepEqual(await value(`${T} | summarize make_bag(D)`), { k: 'p', n: 1 });
});

test('expressions over aggregates and by expressions', async () => {
  assert.deepEqual(await rows(`${T} | summarize twice = count() * 2, spread = max(L) - min(L), ratio = todouble(sum(L)) / count()`), [[8, 30, 20]]);
  assert.deepEqual(await rows(`${T} | summarize n = count() by k = tostring(D.k) | order by k asc`), [['', 1], ['p', 2], ['q', 1]]);
  assert.deepEqual(
    await rows(`datatable(T:datetime, n:long)[datetime(2024-01-01 10:10), 1, datetime(2024-01-01 10:50), 2, datetime(2024-01-01 11:10), 3] | summarize sum(n) by bin(T, 1h) | order by T asc`),
    [['2024-01-01T10:00:00Z', 3], ['2024-01-01T11:00:00Z', 3]],
  );
  assert.deepEqual(await schema(`${T} | summarize count() by tostring(D.k)`), ['D_k:string', 'count_:long']);
});

test('make_list over a sorted input tracks the input order, even on large inputs', async () => {
  assert.deepEqual(
    await rows(`range x from 1 to 200000 step 1 | sort by x desc | summarize l = make_list(x) | project hi = l[0], lo = l[-1]`),
    [[200000, 1]],
  );
  assert.deepEqual(
    await rows(`range x from 1 to 200000 step 1 | order by x asc | extend y = -x | summarize l = make_list(y) by g = x % 2 | project g, a = l[0], b = l[1] | order by g asc`),
    [[0, -2, -4], [1, -1, -3]],
  );
});
