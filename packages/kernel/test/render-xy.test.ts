/** timechart, linechart, areachart, stackedareachart, scatterchart, barchart, columnchart and their properties. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToVegaLite } from '../src/render/index.ts';
import { assertNoUrls, compiles, drawn, encoding, failedPerHour, marks, render, topAccounts, values, type Result, type Spec } from './render-fixtures.ts';

const chart = (r: Result, info = render('timechart')) => renderToVegaLite(r.columns, r.rows, info);

test('timechart: a line over UTC time, coloured by the series, datetimes as ISO strings', async () => {
  const spec = chart(failedPerHour, render('timechart', { title: 'Failed logons per hour' }));
  assert.deepEqual(spec?.mark, { type: 'line', interpolate: 'linear' });
  const enc = encoding(spec);
  assert.deepEqual(enc.x, { field: 'x', type: 'temporal', title: 'TimeGenerated', scale: { type: 'utc' } });
  assert.equal(enc.y!.field, 'y');
  assert.equal(enc.y!.type, 'quantitative');
  assert.equal(enc.y!.title, 'FailedLogons');
  assert.equal(enc.color!.field, 'key');
  assert.deepEqual(spec?.title, { text: 'Failed logons per hour', anchor: 'start' });
  assert.deepEqual(values(spec)[2], { x: '2024-03-01T01:00:00.123Z', y: 9, measure: 'FailedLogons', series: 'DC01', key: 'DC01' });
  assertNoUrls(spec);
  const svg = await drawn(spec);
  assert.equal(marks(svg, 'line mark'), 2, 'a line per computer');
  assert.match(svg, /DC01/);
  assert.match(svg, /WS17/);
});

test('linechart over numbers: quantitative x, no zero forced; xaxis=log and yaxis=log make log scales', () => {
  const r: Result = { columns: [{ name: 'BytesSent', type: 'long' }, { name: 'Connections', type: 'long' }], rows: [[0, 2], [10, 1], [1000, 0], [100000, 30]] };
  const plain = chart(r, render('linechart'));
  assert.deepEqual(encoding(plain).x!.scale, { zero: false });
  assert.equal(encoding(plain).color, undefined, 'one line: no colour');
  const log = chart(r, render('linechart', { xAxis: 'log', yAxis: 'log' }));
  assert.deepEqual(encoding(log).x!.scale, { type: 'log' });
  assert.deepEqual(encoding(log).y!.scale, { type: 'log' });
  assert.deepEqual(values(log).map((p) => [p.x, p.y]), [[10, 1], [1000, null], [100000, 30]], 'x <= 0 left out, y <= 0 missing on log scales');
  assert.equal(values(plain).length, 4);
  compiles(plain);
  compiles(log);
});

test('areachart kinds: default overlaps, stacked stacks, stacked100 normalizes; stackedareachart stacks', () => {
  const stackOf = (info: ReturnType<typeof render>) => {
    const spec = chart(failedPerHour, info);
    compiles(spec);
    return [(spec?.mark as Spec).type, encoding(spec).y!.stack];
  };
  assert.deepEqual(stackOf(render('areachart')), ['area', null]);
  assert.deepEqual(stackOf(render('areachart', { kind: 'unstacked' })), ['area', null]);
  assert.deepEqual(stackOf(render('areachart', { kind: 'stacked' })), ['area', 'zero']);
  assert.deepEqual(stackOf(render('areachart', { kind: 'stacked100' })), ['area', 'normalize']);
  assert.deepEqual(stackOf(render('stackedareachart')), ['area', 'zero']);
});

test('columnchart: vertical bars over categories in query order, grouped side by side by default', async () => {
  const spec = chart(topAccounts, render('columnchart'));
  const enc = encoding(spec);
  assert.deepEqual(spec?.mark, { type: 'bar' });
  assert.deepEqual(enc.x, { field: 'x', type: 'nominal', title: 'TargetAccount', sort: null });
  assert.equal(enc.y!.field, 'y');
  assert.equal(enc.y!.stack, null);
  assert.deepEqual(enc.xOffset, { field: 'key', sort: null });
  assert.deepEqual(values(spec).map((p) => p.key), ['Failures', 'Hosts', 'Failures', 'Hosts', 'Failures', 'Hosts', 'Failures', 'Hosts']);
  const svg = await drawn(spec);
  assert.equal(marks(svg, 'bar'), 8, 'eight bars drawn');
});

test('columnchart over time: the datetime becomes an ordinal UTC time unit so bars can group', () => {
  const spec = chart(failedPerHour, render('columnchart', { kind: 'stacked' }));
  const enc = encoding(spec);
  assert.equal(enc.x!.type, 'ordinal');
  assert.equal(enc.x!.timeUnit, 'utcyearmonthdatehoursminutesseconds');
  assert.equal(enc.y!.stack, 'zero');
  assert.equal(enc.xOffset, undefined, 'stacked bars are not offset');
  compiles(spec);
});

test('barchart: horizontal bars (categories on y, values on x); stacked100 normalizes with a percent axis', () => {
  const spec = chart(topAccounts, render('barchart', { kind: 'stacked100', xTitle: 'Account', yTitle: 'Share' }));
  const enc = encoding(spec);
  assert.equal(enc.y!.field, 'x');
  assert.equal(enc.y!.title, 'Account');
  assert.equal(enc.x!.field, 'y');
  assert.equal(enc.x!.title, 'Share');
  assert.equal(enc.x!.stack, 'normalize');
  assert.deepEqual(enc.x!.axis, { format: '%' });
  compiles(spec);
  const grouped = chart(topAccounts, render('barchart'));
  assert.deepEqual(encoding(grouped).yOffset, { field: 'key', sort: null });
  compiles(grouped);
});

test('scatterchart: filled points', () => {
  const r: Result = { columns: [{ name: 'Logons', type: 'long' }, { name: 'DistinctIPs', type: 'long' }, { name: 'User', type: 'string' }], rows: [[5, 1, 'a'], [80, 20, 'b']] };
  const spec = chart(r, render('scatterchart'));
  assert.deepEqual(spec?.mark, { type: 'point', filled: true });
  assert.equal(encoding(spec).x!.title, 'Logons');
  assert.equal(encoding(spec).y!.title, 'DistinctIPs');
  assert.equal(encoding(spec).color!.title, null);
  compiles(spec);
});

test('xtitle, ytitle, legend=hidden, ymin/ymax as a clamped domain', () => {
  const spec = chart(failedPerHour, render('timechart', { xTitle: 'Hour (UTC)', yTitle: 'Failures', legend: 'hidden', yMin: 0, yMax: 20 }));
  const enc = encoding(spec);
  assert.equal(enc.x!.title, 'Hour (UTC)');
  assert.equal(enc.y!.title, 'Failures');
  assert.equal(enc.color!.legend, null);
  assert.deepEqual(enc.y!.scale, { domain: [0, 20], clamp: true, zero: false });
  compiles(spec);
  const onlyMax = chart(failedPerHour, render('timechart', { yMax: 50 }));
  assert.deepEqual(encoding(onlyMax).y!.scale, { domainMax: 50, clamp: true, zero: false });
  compiles(onlyMax);
  const unset = chart(failedPerHour, render('timechart'));
  assert.equal(encoding(unset).y!.scale, undefined, "'NaN' means unset");
});

test('accumulate=true charts running sums per series', () => {
  const spec = chart(failedPerHour, render('timechart', { accumulate: true }));
  const dc01 = values(spec).filter((p) => p.series === 'DC01').map((p) => p.y);
  assert.deepEqual(dc01, [4, 13, 70]);
  compiles(spec);
});

test('ysplit=panels: one facet row per series (or per y column), each with its own y scale', async () => {
  const spec = chart(failedPerHour, render('timechart', { ySplit: 'panels' }));
  assert.deepEqual(spec?.facet, { row: { field: 'series', type: 'nominal', title: null, sort: null } });
  assert.deepEqual(spec?.resolve, { scale: { y: 'independent' } });
  assert.equal(((spec?.spec as Spec).mark as Spec).type, 'line');
  const svg = await drawn(spec);
  assert.equal(marks(svg, 'line mark'), 2, 'a line in each of two panels');
  assert.match(svg, /role-row-header/);
  const byColumn = chart(topAccounts, render('columnchart', { ySplit: 'panels' }));
  assert.equal(((byColumn?.facet as Spec).row as Spec).field, 'measure');
  compiles(byColumn);
});

test('ysplit=axes: one layer and one y axis per y column, left and right', () => {
  const spec = chart(topAccounts, render('columnchart', { ySplit: 'axes' }));
  const layer = spec?.layer as Spec[];
  assert.equal(layer.length, 2);
  assert.deepEqual(layer.map((l) => ((l.encoding as Spec).y as Spec).axis), [{ orient: 'left', offset: 0 }, { orient: 'right', offset: 0 }]);
  assert.deepEqual(layer.map((l) => l.transform), [[{ filter: { field: 'measure', equal: 'Failures' } }], [{ filter: { field: 'measure', equal: 'Hosts' } }]]);
  assert.deepEqual(spec?.resolve, { scale: { y: 'independent' } });
  compiles(spec);
});
