/** series_* over dynamic numeric arrays: element-wise, aggregates, statistics, gap filling, refusals. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, error, run } from './helpers.ts';

test('element-wise + - * keep whole numbers whole; / and pow are real', async () => {
  const r = await run(`print a = series_add(dynamic([1, 2, 3]), dynamic([10, 0.5, -3])), s = series_subtract(dynamic([5, 5]), dynamic([2, 7])),
    m = series_multiply(dynamic([2, 3]), dynamic([4, 1.5])), d = series_divide(dynamic([3, 1]), dynamic([2, 4])), p = series_pow(dynamic([3, 9]), dynamic([2, 0.5]))
    | extend ta = tostring(a), td = tostring(d)`);
  assert.deepEqual(r.rows, [[[11, 2.5, 0], [3, -2], [8, 4.5], [1.5, 0.25], [9, 3], '[11,2.5,0]', '[1.5,0.25]']]);
});

test('arrays of different lengths and non-numeric elements give null elements', async () => {
  assert.deepEqual(await value(`print series_add(dynamic([1, "a", null, 4]), dynamic([1, 1, 1]))`), [2, null, null, null]);
});

test('a number is applied to every element, on either side', async () => {
  assert.deepEqual(await rows(`print series_multiply(dynamic([1, 2, 3]), 10), series_subtract(100, dynamic([1, 2])), series_greater(dynamic([1, 5, 9]), 4)`), [
    [[10, 20, 30], [99, 98], [false, true, true]],
  ]);
});

test('element-wise comparisons give bools', async () => {
  assert.deepEqual(await rows(`print s1 = dynamic([3, 2, 1]), s2 = dynamic([1, 2, 3])
    | project g = series_greater(s1, s2), ge = series_greater_equals(s1, s2), l = series_less(s1, s2), le = series_less_equals(s1, s2), e = series_equals(s1, s2), ne = series_not_equals(s1, s2)`), [
    [[true, false, false], [true, true, false], [false, false, true], [false, true, true], [false, true, false], [true, false, true]],
  ]);
});

test('unary element functions, with Kusto domain handling', async () => {
  const [[abs, sign, ceil, floor, log, asin, exp]] = await rows(`print series_abs(dynamic([-2, 3.5, 0])), series_sign(dynamic([-7, 0, 2.5])), series_ceiling(dynamic([-0.5, 2.1])),
    series_floor(dynamic([-0.5, 2.1])), series_log(dynamic([1, 0, -1])), series_asin(dynamic([1, 3])), tostring(series_exp(dynamic([0])))`) as unknown[][] as [unknown[]];
  assert.deepEqual([abs, sign, ceil, floor, exp], [[2, 3.5, 0], [-1, 0, 1], [-0, 3], [-1, 2], '[1.0]']);
  assert.deepEqual(log, [0, '-Infinity', null]);
  assert.deepEqual(asin, [Math.PI / 2, 'NaN']);
  assert.deepEqual(await value(`print series_cos(dynamic([0, 3.141592653589793]))`), [1, -1]);
});

test('sums, products, magnitude, dot product, cosine similarity and Pearson correlation', async () => {
  const [r] = await rows(`print series_sum(dynamic([1.5, 2, 3])), series_product(dynamic([2, 3, 4])), series_magnitude(dynamic([3, 4])),
    series_dot_product(dynamic([1, 2, 3]), dynamic([3, 2, 1])), series_dot_product(dynamic([1, 2, 3]), 2), series_sum(dynamic([])),
    series_cosine_similarity(dynamic([1, 0]), dynamic([1, 1])), series_pearson_correlation(dynamic([1, 2, 3]), dynamic([3, 2, 1]))`);
  const v = r as number[];
  assert.deepEqual(v.slice(0, 6), [6.5, 24, 5, 10, 12, 0]);
  assert.ok(Math.abs(v[6]! - Math.SQRT1_2) < 1e-12);
  assert.ok(Math.abs(v[7]! + 1) < 1e-12);
});

test('aggregates refuse nulls and arrays of different lengths at run time instead of guessing', async () => {
  assert.match((await error(`print series_sum(dynamic([1, null]))`)).message, /series_sum\(\)/);
  assert.match((await error(`print series_dot_product(dynamic([1, 2]), dynamic([1]))`)).message, /different lengths/);
});

test('series_stats_dynamic: min/max with first positions, sample variance and stdev', async () => {
  const s = await value(`print series_stats_dynamic(dynamic([4, 1, 9, 1, 9, 6]))`) as Record<string, number>;
  const xs = [4, 1, 9, 1, 9, 6];
  const avg = xs.reduce((a, b) => a + b) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - avg) ** 2, 0) / (xs.length - 1);
  assert.deepEqual(
    { ...s, stdev: undefined, variance: undefined },
    { min: 1, min_idx: 1, max: 9, max_idx: 2, avg, sum: 30, len: 6, stdev: undefined, variance: undefined },
  );
  assert.ok(Math.abs(s.variance! - variance) < 1e-9);
  assert.ok(Math.abs(s.stdev! - Math.sqrt(variance)) < 1e-9);
});

test('series_stats_dynamic with ignore_nonfinite skips nulls; without it they are refused', async () => {
  const s = await value(`print series_stats_dynamic(dynamic([null, 5, 3]), true)`) as Record<string, number>;
  assert.deepEqual([s.min, s.min_idx, s.max, s.max_idx, s.sum, s.len], [3, 2, 5, 1, 8, 2]);
  assert.match((await error(`print series_stats_dynamic(dynamic([null, 5]))`)).message, /ignore_nonfinite/);
});

test('gap filling: forward, backward, constant; rows keep their order', async () => {
  assert.deepEqual(await rows(`datatable(id:long, a:dynamic)[1, dynamic([null, 7, null, null, 2, null]), 2, dynamic([]), 3, dynamic([5, null])]
    | project id, f = series_fill_forward(a), b = series_fill_backward(a), c = series_fill_const(a, -1), z = series_fill_const(a)`), [
    [1, [null, 7, 7, 7, 2, 2], [7, 7, 2, 2, 2, null], [-1, 7, -1, -1, 2, -1], [0, 7, 0, 0, 2, 0]],
    [2, [], [], [], []],
    [3, [5, 5], [5, null], [5, -1], [5, 0]],
  ]);
  assert.deepEqual(await value(`print series_fill_const(dynamic([1, 0, 2]), 9, 0)`), [1, 9, 2]);
});

test('the model-fitting and signal functions are refused by name', async () => {
  for (const f of ['series_decompose_forecast(dynamic([1, 2, 3]), 1)', 'series_fit_2lines_dynamic(dynamic([1, 2]))', 'series_fft(dynamic([1, 2]))', 'series_periods_validate(dynamic([1, 2]), 2.0)']) {
    const e = await error(`print ${f}`);
    assert.equal(e.code, 'HB001');
    assert.match(e.message, new RegExp(f.slice(0, f.indexOf('('))));
  }
});
