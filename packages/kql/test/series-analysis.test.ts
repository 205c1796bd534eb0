/** make-series without from/to, and the model-fitting series functions (fit, fill, outliers, decomposition, anomalies). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, run, schema, value } from './helpers.ts';

const DATA = `let data = datatable(timestamp:datetime, metric:real, k:string)
[ datetime(2016-12-31T06:00), 50, 'a', datetime(2017-01-01), 4, 'a', datetime(2017-01-03T03:00), 6, 'b',
  datetime(2017-01-05T13:40), 13, 'b', datetime(2017-01-10T05:00), 5, 'a' ];`;
const day = (d: string): string => `${d}T00:00:00.0000000Z`;

test('make-series without from/to spans the bins of the whole input, shared by every series', async () => {
  const r = await rows(`${DATA} data | make-series n = count() on timestamp step 1d by k | order by k asc`);
  const axis = ['2016-12-31', '2017-01-01', '2017-01-02', '2017-01-03', '2017-01-04', '2017-01-05', '2017-01-06', '2017-01-07', '2017-01-08', '2017-01-09', '2017-01-10'].map(day);
  assert.deepEqual(r, [
    ['a', [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1], axis],
    ['b', [0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0], axis],
  ]);
});

test('make-series with only from, or only to; numeric axes are bin-aligned too', async () => {
  assert.deepEqual(await rows(`${DATA} data | make-series count() on timestamp from datetime(2017-01-02) step 2d`), [
    [[1, 1, 0, 0, 1], ['2017-01-02', '2017-01-04', '2017-01-06', '2017-01-08', '2017-01-10'].map(day)],
  ]);
  assert.deepEqual(await rows(`${DATA} data | make-series count() on timestamp to datetime(2017-01-04) step 1d`), [
    [[1, 1, 0, 1], ['2016-12-31', '2017-01-01', '2017-01-02', '2017-01-03'].map(day)],
  ]);
  assert.deepEqual(await rows(`range x from 1 to 10 step 1 | make-series sum(x) on x step 3`), [[[3, 12, 21, 19], [0, 3, 6, 9]]]);
});

test('make-series without from/to over an empty input: no row, or empty series with kind=nonempty', async () => {
  assert.deepEqual(await rows(`${DATA} data | where metric > 1000 | make-series count() on timestamp step 1d`), []);
  assert.deepEqual(await rows(`${DATA} data | where metric > 1000 | make-series kind=nonempty count() on timestamp step 1d`), [[[], []]]);
});

test('series_fit_line: the documented example, as columns and as a bag', async () => {
  const y = 'dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30])';
  const [[rsq, slope, variance, rvar, icpt, line]] = await rows(`print y = ${y}
    | extend (RSquare, Slope, Variance, RVariance, Interception, LineFit) = series_fit_line(y) | project-away y`) as [number, number, number, number, number, number[]][];
  assert.deepEqual([rsq, slope, variance, rvar, icpt].map((v) => Math.round(v * 1000) / 1000), [0.983, 2.731, 98.629, 1.686, -1.667]);
  assert.deepEqual(line.map((v) => Math.round(v * 100) / 100), [1.06, 3.79, 6.53, 9.26, 11.99, 14.72, 17.45, 20.18, 22.91, 25.64, 28.37, 31.1]);
  const bag = await value(`print series_fit_line_dynamic(${y})`) as Record<string, unknown>;
  assert.deepEqual(Object.keys(bag), ['rsquare', 'slope', 'variance', 'rvariance', 'interception', 'line_fit']);
  assert.equal(bag.slope, slope);
  assert.deepEqual(await schema(`print y = ${y} | project series_fit_line(y)`), [
    'series_fit_line_y_rsquare:real', 'series_fit_line_y_slope:real', 'series_fit_line_y_variance:real',
    'series_fit_line_y_rvariance:real', 'series_fit_line_y_interception:real', 'series_fit_line_y_line_fit:dynamic',
  ]);
});

test('series_fill_linear: interpolation, edges, constant for an all-missing array, whole numbers stay whole', async () => {
  const r = await rows(`datatable(arr: dynamic) [ dynamic([null, 111, null, 36, 41, null, null, 16, 61, 33, null, null]), dynamic([null, null]) ]
    | project a = series_fill_linear(arr), b = series_fill_linear(arr, double(null), false), c = series_fill_linear(arr, double(null), true, 3.5)`);
  assert.deepEqual(r, [
    [[111, 111, 73, 36, 41, 32, 24, 16, 61, 33, 33, 33], [null, 111, 73, 36, 41, 32, 24, 16, 61, 33, null, null], [111, 111, 73, 36, 41, 32, 24, 16, 61, 33, 33, 33]],
    [[0, 0], [0, 0], [3.5, 3.5]],
  ]);
  // reals (as make-series makes them) interpolate exactly
  const [[reals]] = await rows(`range t from 0 to 3 step 1 | extend v = iff(t in (1, 2), real(null), 10.0 * t + 0.5)
    | make-series v = avg(v) default = real(null) on t from 0 to 4 step 1 | project series_fill_linear(v)`) as [[number[]]];
  assert.deepEqual(reals, [0.5, 10.5, 20.5, 30.5]);
  assert.equal(await value(`print tostring(series_fill_linear(dynamic([1.5, null, 2.5])))`), '[1.5,2.0,2.5]');
  assert.deepEqual(await value(`print series_fill_linear(dynamic([1, 0, 3]), 0)`), [1, 2, 3]);
});

test('series_outliers: Tukey fences; nulls and ignored values score 0', async () => {
  const s = 'dynamic([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, null])';
  const [[ctukey, tukey, ignored]] = await rows(`print a = series_outliers(${s}), b = series_outliers(${s}, 'tukey'), c = series_outliers(dynamic([5, 1, 2, 3, 4, -999]), 'tukey', -999)`) as [[number[], number[], number[]]];
  // ctukey: 10th / 90th percentiles of the 11 present values are 2 and 10
  assert.deepEqual(ctukey.slice(0, 11).map((v) => Math.round(v * 1000) / 1000), [-0.125, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11.25]);
  assert.equal(ctukey[11], 0);
  // tukey: quartiles 3.5 and 8.5
  assert.equal(tukey[10], (100 - 8.5) / 5);
  assert.deepEqual(tukey.slice(0, 10).map((v) => Math.round(v * 10) / 10), [-0.5, -0.3, -0.1, 0, 0, 0, 0, 0, 0.1, 0.3]);
  // -999 is left out of the quartiles (2 and 4 of 1..5) and scores 0
  assert.deepEqual(ignored, [0.5, -0.5, 0, 0, 0, 0]);
});

/** An hourly series over two weeks: a daily pattern plus deterministic noise, with spikes and a dip. */
function dailySeries(): { values: number[]; ups: number[]; downs: number[] } {
  const values: number[] = [];
  for (let i = 0; i < 24 * 14; i++) values.push(100 + 50 * Math.sin((2 * Math.PI * i) / 24) + ((i * 7919) % 13) - 6);
  const ups = [40, 200, 300];
  const downs = [100];
  for (const i of ups) values[i]! += 120;
  for (const i of downs) values[i]! -= 120;
  return { values, ups, downs };
}

test('series_decompose_anomalies flags exactly the injected spikes of a daily pattern (period detected)', async () => {
  const { values, ups, downs } = dailySeries();
  const r = await run(`print y = dynamic(${JSON.stringify(values.map((v) => Math.round(v * 100) / 100))})
    | extend (flag, score, baseline) = series_decompose_anomalies(y) | extend series_decompose_anomalies(y)`);
  assert.deepEqual(r.columns.map((c) => c.name), ['y', 'flag', 'score', 'baseline', 'series_decompose_anomalies_y_ad_flag', 'series_decompose_anomalies_y_ad_score', 'series_decompose_anomalies_y_baseline']);
  const [, flag, score, baseline, flag2] = r.rows[0] as [unknown, number[], number[], number[], number[]];
  assert.deepEqual(flag.flatMap((f, i) => (f === 1 ? [i] : [])), ups);
  assert.deepEqual(flag.flatMap((f, i) => (f === -1 ? [i] : [])), downs);
  assert.deepEqual(flag2, flag);
  assert.ok(ups.every((i) => score[i]! > 1.5) && downs.every((i) => score[i]! < -1.5));
  // the baseline follows the daily pattern, not the spikes
  assert.ok(Math.abs(baseline[40]! - (100 + 50 * Math.sin((2 * Math.PI * 40) / 24))) < 10);
  assert.equal(baseline[40], baseline[64]);
});

test('series_decompose_anomalies on a clean daily pattern flags only the spikes; no seasonality flags the peaks', async () => {
  const values: number[] = Array.from({ length: 24 * 7 }, (_v, i) => (i % 24 >= 9 && i % 24 < 17 ? 100 : 10));
  values[30] = 400;
  values[130] = 500;
  const y = `dynamic(${JSON.stringify(values)})`;
  const r = await rows(`print y = ${y} | extend (f, s, b) = series_decompose_anomalies(y), (f2, s2, b2) = series_decompose_anomalies(y, 1.5, 24, 'linefit', 0, 'tukey') | project f, f2`);
  const [[f, f2]] = r as [[number[], number[]]];
  const up = (a: number[]): number[] => a.flatMap((v, i) => (v !== 0 ? [i] : []));
  assert.deepEqual(up(f), [30, 130]);
  assert.deepEqual(up(f2), [30, 130]);
});

test('series_decompose: components add up; seasonal is the per-phase median; trend linefit and test points', async () => {
  const y = 'dynamic([10, 20, 30, 11, 21, 31, 12, 22, 32, 13, 23, 33])';
  const [[baseline, seasonal, trend, residual]] = await rows(`print y = ${y} | project series_decompose(y, 3, 'none')`) as [[number[], number[], number[], number[]]];
  assert.deepEqual(seasonal, [11.5, 21.5, 31.5, 11.5, 21.5, 31.5, 11.5, 21.5, 31.5, 11.5, 21.5, 31.5]);
  assert.deepEqual(trend, new Array(12).fill(0));
  assert.deepEqual(baseline, seasonal);
  assert.deepEqual(residual, [-1.5, -1.5, -1.5, -0.5, -0.5, -0.5, 0.5, 0.5, 0.5, 1.5, 1.5, 1.5]);
  // a line and no seasonality: linefit recovers it, and extrapolates over the test points
  const [[b2]] = await rows(`print y = dynamic([1, 3, 5, 7, 9, 11, 100, 100]) | project (b, s, t, r) = series_decompose(y, 0, 'linefit', 2) | project b`) as [[number[]]];
  assert.deepEqual(b2.map((v) => Math.round(v * 1e9) / 1e9), [1, 3, 5, 7, 9, 11, 13, 15]);
  assert.deepEqual(await schema(`print y = ${y} | extend series_decompose(y)`), [
    'y:dynamic', 'series_decompose_y_baseline:dynamic', 'series_decompose_y_seasonal:dynamic', 'series_decompose_y_trend:dynamic', 'series_decompose_y_residual:dynamic',
  ]);
});

test('the Sentinel hunt shape: make-series without from/to, then anomalies per key', async () => {
  const r = await rows(`range h from 0 to 24 * 7 - 1 step 1
    | extend Timestamp = datetime(2024-01-01) + h * 1h, user = iff(h % 2 == 0, 'alice', 'bob')
    | extend n = iff(h == 100, 50, iff(hourofday(Timestamp) between (9 .. 17), 5, 1))
    | mv-expand i = range(1, n, 1) to typeof(long)
    | make-series logons = count() on Timestamp step 1h by user
    | extend (flag, score, baseline) = series_decompose_anomalies(logons, 3.0)
    | mv-expand Timestamp to typeof(datetime), flag to typeof(long)
    | where flag != 0 | project user, Timestamp, flag`);
  assert.deepEqual(r, [['alice', '2024-01-05T04:00:00Z', 1]]);
});

test('bad arguments are errors that name the function', async () => {
  await assert.rejects(run(`print series_outliers(dynamic([1, 2, 3]), 'zscore')`), /kind/);
  await assert.rejects(run(`print series_decompose(dynamic([1, 2, 3]), -1, 'quadratic')`), /Trend/);
});
