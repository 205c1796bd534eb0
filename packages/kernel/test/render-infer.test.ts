/** Kusto's column inference for charts and the cell conversions behind it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inferRoles } from '../src/render/infer.ts';
import { toPoints } from '../src/render/points.ts';
import { parseDynamic, toIsoDatetime, toNumber } from '../src/render/values.ts';
import { anomalySeries, failedPerHour, logonSeries, render, topAccounts } from './render-fixtures.ts';

const names = (cols: { name: string }[]) => cols.map((c) => c.name);

test('cells: Kusto datetimes become ISO strings Vega parses, NaN and infinities are no number, dynamic text is parsed', () => {
  assert.equal(toIsoDatetime('2024-03-01T12:00:00.1234567Z'), '2024-03-01T12:00:00.123Z');
  assert.equal(toIsoDatetime('2024-03-01T12:00:00Z'), '2024-03-01T12:00:00Z');
  assert.equal(toIsoDatetime('2024-03-01 12:00'), '2024-03-01T12:00:00Z');
  assert.equal(toIsoDatetime(new Date(Date.UTC(2024, 2, 1))), '2024-03-01T00:00:00.000Z');
  assert.equal(toIsoDatetime('yesterday'), null);
  assert.equal(toNumber('NaN'), null);
  assert.equal(toNumber('-Infinity'), null);
  assert.equal(toNumber('12.5'), 12.5);
  assert.equal(toNumber(null), null);
  assert.deepEqual(parseDynamic('[1,2]'), [1, 2]);
  assert.equal(parseDynamic('not json ['), 'not json [');
});

test('timechart: x is the first datetime column, y every numeric column, series the string columns', () => {
  const roles = inferRoles(failedPerHour.columns, failedPerHour.rows, render('timechart'));
  assert.equal(roles.x?.name, 'TimeGenerated');
  assert.equal(roles.x?.measure, 'temporal');
  assert.deepEqual(names(roles.y), ['FailedLogons']);
  assert.deepEqual(names(roles.series), ['Computer']);
});

test('timechart looks past a leading string column for the datetime; other charts take the first column', () => {
  const columns = [{ name: 'Computer', type: 'string' }, { name: 'TimeGenerated', type: 'datetime' }, { name: 'n', type: 'long' }];
  const rows = [['DC01', '2024-03-01T00:00:00Z', 1]];
  assert.equal(inferRoles(columns, rows, render('timechart')).x?.name, 'TimeGenerated');
  const column = inferRoles(columns, rows, render('columnchart'));
  assert.equal(column.x?.name, 'Computer');
  assert.deepEqual(names(column.series), [], 'the datetime column is not a series');
});

test('xcolumn, ycolumns and series override the inference; the rest follows from what is left', () => {
  const roles = inferRoles(topAccounts.columns, topAccounts.rows, render('columnchart', { yColumns: 'Hosts' }));
  assert.equal(roles.x?.name, 'TargetAccount');
  assert.deepEqual(names(roles.y), ['Hosts'], 'Failures is not charted when ycolumns names Hosts');
  const bySeries = inferRoles(failedPerHour.columns, failedPerHour.rows, render('linechart', { xColumn: 'TimeGenerated', series: 'Computer, FailedLogons' }));
  assert.deepEqual(names(bySeries.series), ['Computer', 'FailedLogons']);
  assert.deepEqual(names(bySeries.y), [], 'a column named as series is not a y column');
});

test('column names are matched exactly, then ignoring case; unknown names become notes', () => {
  const roles = inferRoles(topAccounts.columns, topAccounts.rows, render('barchart', { yColumns: 'failures, Nope' }));
  assert.deepEqual(names(roles.y), ['Failures']);
  assert.deepEqual(roles.notes, ["ycolumns: the result has no column 'Nope'."]);
});

test('make-series: x is the datetime array, y the numeric arrays, series the scalar strings; points expand the arrays', () => {
  const roles = inferRoles(logonSeries.columns, logonSeries.rows, render('linechart'));
  assert.equal(roles.x?.name, 'TimeGenerated');
  assert.equal(roles.x?.array, true);
  assert.equal(roles.x?.measure, 'temporal');
  assert.deepEqual(names(roles.y), ['Logons']);
  assert.deepEqual(names(roles.series), ['UserPrincipalName']);
  const points = toPoints(roles, logonSeries.rows, false);
  assert.equal(points.length, 8);
  assert.deepEqual(points[2], { x: '2024-03-01T02:00:00.000Z', y: 40, measure: 'Logons', series: 'alice@contoso.com', key: 'alice@contoso.com' });
});

test('anomalychart: the series_decompose_anomalies flags are anomaly columns, not lines', () => {
  const roles = inferRoles(anomalySeries.columns, anomalySeries.rows, render('anomalychart'));
  assert.deepEqual(names(roles.anomalies), ['anomalies']);
  assert.deepEqual(names(roles.y), ['Logons', 'baseline']);
  const unnamed = [{ name: 'TimeGenerated', type: 'dynamic' }, { name: 'n', type: 'dynamic' }, { name: 'series_decompose_anomalies_n_ad_flag', type: 'dynamic' }];
  const r = inferRoles(unnamed, [[['2024-03-01T00:00:00Z'], [1], [0]]], render('anomalychart'));
  assert.deepEqual(names(r.anomalies), ['series_decompose_anomalies_n_ad_flag']);
  assert.deepEqual(names(r.y), ['n']);
});

test('several y columns with a series colour each point by series and column; accumulate sums per colour', () => {
  const columns = [{ name: 'Day', type: 'datetime' }, { name: 'Host', type: 'string' }, { name: 'Ok', type: 'long' }, { name: 'Failed', type: 'long' }];
  const rows = [['2024-03-01T00:00:00Z', 'DC01', 1, 2], ['2024-03-02T00:00:00Z', 'DC01', 3, 'NaN'], ['2024-03-03T00:00:00Z', 'DC01', 5, 4]];
  const roles = inferRoles(columns, rows, render('timechart'));
  const points = toPoints(roles, rows, true);
  assert.deepEqual(points.map((p) => p.key), ['DC01: Ok', 'DC01: Failed', 'DC01: Ok', 'DC01: Failed', 'DC01: Ok', 'DC01: Failed']);
  assert.deepEqual(points.map((p) => p.y), [1, 2, 4, null, 9, 6], 'running sums, a missing value stays missing');
});
