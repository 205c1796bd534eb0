/** make-series results (arrays in cells) as timecharts, and anomalychart over series_decompose_anomalies. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderChart, renderToVegaLite } from '../src/render/index.ts';
import { anomalySeries, assertNoUrls, compiles, drawn, encoding, logonSeries, marks, render, values, type Spec } from './render-fixtures.ts';

test('timechart over make-series (dynamic cells as JSON text): one temporal line per series, arrays expanded to points', async () => {
  const spec = renderToVegaLite(logonSeries.columns, logonSeries.rows, render('timechart'));
  const enc = encoding(spec);
  assert.equal(enc.x!.type, 'temporal');
  assert.equal(enc.x!.title, 'TimeGenerated');
  assert.equal(enc.y!.title, 'Logons');
  assert.equal(enc.color!.field, 'key');
  const points = values(spec);
  assert.equal(points.length, 8);
  assert.deepEqual(points.filter((p) => p.series === 'bob@contoso.com').map((p) => [p.x, p.y]), [
    ['2024-03-01T00:00:00.000Z', 0], ['2024-03-01T01:00:00.000Z', 1], ['2024-03-01T02:00:00.000Z', 0], ['2024-03-01T03:00:00.000Z', 2],
  ]);
  assertNoUrls(spec);
  assert.equal(marks(await drawn(spec), 'line mark'), 2);
});

test('make-series with several measures and ysplit=panels: a panel per measure', () => {
  const columns = [{ name: 'Total', type: 'dynamic' }, { name: 'Failed', type: 'dynamic' }, { name: 'TimeGenerated', type: 'dynamic' }];
  const rows = [[[10, 12, 30], [1, 2, 25], ['2024-03-01T00:00:00Z', '2024-03-01T01:00:00Z', '2024-03-01T02:00:00Z']]];
  const spec = renderToVegaLite(columns, rows, render('timechart', { ySplit: 'panels' }));
  assert.equal(((spec?.facet as Spec).row as Spec).field, 'measure');
  assert.deepEqual([...new Set(values(spec).map((p) => p.measure))], ['Total', 'Failed']);
  compiles(spec);
});

test('anomalychart: the line plus highlighted points where the anomaly flags are non-zero', async () => {
  const spec = renderToVegaLite(anomalySeries.columns, anomalySeries.rows, render('anomalychart', { title: 'Logon anomalies' }));
  const layer = spec?.layer as Spec[];
  assert.equal(layer.length, 2);
  assert.deepEqual(layer[0]!.mark, { type: 'line' });
  assert.equal(((layer[0]!.encoding as Spec).x as Spec).type, 'temporal');
  assert.deepEqual(layer[1]!.transform, [{ filter: 'isValid(datum.anomaly) && datum.anomaly != 0' }]);
  assert.equal((layer[1]!.mark as Spec).type, 'point');
  assert.equal((layer[1]!.mark as Spec).color, '#d62728');
  const flagged = values(spec).filter((p) => p.anomaly !== undefined && p.anomaly !== 0);
  assert.deepEqual(flagged, [{ x: '2024-03-01T02:00:00.000Z', y: 90, measure: 'Logons', series: '', key: 'Logons', anomaly: 1 }]);
  assert.ok(values(spec).every((p) => p.measure !== 'anomalies'), 'the flags are not drawn as a line');
  assertNoUrls(spec);
  const svg = await drawn(spec);
  assert.equal(marks(svg, 'line mark'), 2, 'Logons and baseline');
  assert.equal(marks(svg, 'point'), 1, 'one anomaly point');
});

test('anomalychart with anomalycolumns over scalar rows; without flags it is a timechart with a note', () => {
  const columns = [{ name: 'Hour', type: 'datetime' }, { name: 'Logons', type: 'long' }, { name: 'Flag', type: 'int' }];
  const rows = [['2024-03-01T00:00:00Z', 5, 0], ['2024-03-01T01:00:00Z', 0, -1], ['2024-03-01T02:00:00Z', 6, 0]];
  const spec = renderToVegaLite(columns, rows, render('anomalychart', { anomalyColumns: 'Flag' }));
  assert.deepEqual(values(spec).map((p) => p.anomaly), [0, -1, 0]);
  assert.deepEqual(values(spec).map((p) => p.measure), ['Logons', 'Logons', 'Logons']);
  compiles(spec);
  const plain = renderChart(columns.slice(0, 2), rows.map((r) => r.slice(0, 2)), render('anomalychart'));
  assert.equal((plain.spec?.layer as Spec[]).length, 1);
  assert.match(plain.notes.join(' '), /no anomaly column/);
  assert.deepEqual((plain.spec?.title as Spec).subtitle, plain.notes);
  compiles(plain.spec);
});

test('anomalychart with ysplit=panels: the layered chart is faceted', () => {
  const spec = renderToVegaLite(anomalySeries.columns, anomalySeries.rows, render('anomalychart', { ySplit: 'panels' }));
  assert.equal(((spec?.facet as Spec).row as Spec).field, 'measure');
  assert.equal(((spec?.spec as Spec).layer as Spec[]).length, 2);
  compiles(spec);
});
