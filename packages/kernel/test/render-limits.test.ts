/** What is not drawn (table, unsupported visualizations, nothing to chart), notes, and the row cap. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_MAX_ROWS, renderChart, renderToVegaLite } from '../src/render/index.ts';
import { assertNoUrls, compiles, failedPerHour, render, values, type Spec } from './render-fixtures.ts';

test('table and no visualization: no spec, no note (the grid shows the result)', () => {
  assert.equal(renderToVegaLite(failedPerHour.columns, failedPerHour.rows, render('table')), undefined);
  assert.equal(renderToVegaLite(failedPerHour.columns, failedPerHour.rows, render(null)), undefined);
  assert.deepEqual(renderChart(failedPerHour.columns, failedPerHour.rows, render('table')), { notes: [] });
});

test('ladderchart, pivotchart, timepivot, treemap: no spec and a note that the table is shown', () => {
  for (const viz of ['ladderchart', 'pivotchart', 'timepivot', 'treemap']) {
    const chart = renderChart(failedPerHour.columns, failedPerHour.rows, render(viz));
    assert.equal(chart.spec, undefined);
    assert.deepEqual(chart.notes, [`render ${viz} is not drawn by Huntbook: the result is shown as a table.`]);
  }
});

test('a chart with nothing numeric to draw: no spec and a note naming the x column', () => {
  const chart = renderChart([{ name: 'Account', type: 'string' }, { name: 'Host', type: 'string' }], [['a', 'b']], render('columnchart'));
  assert.equal(chart.spec, undefined);
  assert.deepEqual(chart.notes, ['render columnchart: no numeric column to chart against Account (set ycolumns, or project numeric columns).']);
});

test('visualization names and property values are read in any case', () => {
  const spec = renderToVegaLite(failedPerHour.columns, failedPerHour.rows, render('ColumnChart', { kind: 'Stacked', legend: 'Hidden' }));
  assert.equal(((spec?.encoding as Spec).y as Spec).stack, 'zero');
  assert.equal(((spec?.encoding as Spec).color as Spec).legend, null);
});

test('at most maxRows rows are embedded, and the subtitle and description say so', () => {
  const rows = Array.from({ length: 25 }, (_, i) => [new Date(Date.UTC(2024, 2, 1, i)).toISOString(), 'DC01', i]);
  const chart = renderChart(failedPerHour.columns, rows, render('timechart', { title: 'Capped' }), { maxRows: 10 });
  assert.equal(values(chart.spec).length, 10);
  assert.deepEqual(chart.notes, ['The chart shows the first 10 of 25 rows.']);
  assert.deepEqual(chart.spec?.title, { text: 'Capped', subtitle: ['The chart shows the first 10 of 25 rows.'], anchor: 'start' });
  assert.match(String(chart.spec?.description), /first 10 of 25 rows/);
  compiles(chart.spec);
  assertNoUrls(chart.spec);
});

test('the default cap is 10,000 rows', () => {
  assert.equal(DEFAULT_MAX_ROWS, 10_000);
  const rows = Array.from({ length: 10_001 }, (_, i) => [new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(), 'DC01', i % 7]);
  const chart = renderChart(failedPerHour.columns, rows, render('timechart'));
  assert.equal(values(chart.spec).length, 10_000);
  assert.deepEqual((chart.spec?.title as Spec).subtitle, ['The chart shows the first 10,000 of 10,001 rows.']);
  const under = renderChart(failedPerHour.columns, rows.slice(0, 10_000), render('timechart'));
  assert.deepEqual(under.notes, []);
  assert.equal(under.spec?.title, undefined);
});

test('an unknown column in a property is a note on the chart; the rest is inferred', () => {
  const chart = renderChart(failedPerHour.columns, failedPerHour.rows, render('timechart', { xColumn: 'Timestamp' }));
  assert.deepEqual(chart.notes, ["xcolumn: the result has no column 'Timestamp'."]);
  assert.equal(((chart.spec?.encoding as Spec).x as Spec).title, 'TimeGenerated');
  compiles(chart.spec);
});
