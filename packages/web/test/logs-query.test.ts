/**
 * The Logs tab's logic against a real huntbook server: time ranges the query API accepts, its
 * answers read into grid data (dynamic values parsed back), failures read for their line and
 * column, and charts of real `render` results compiled by Vega-Lite and drawn by Vega headless
 * (with a loader that refuses every URL, as the app's).
 */
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@huntbook/server';
import { compile } from 'vega-lite';
import { View, parse, loader } from 'vega';
import { PRESETS, rangeOf, timespanOf, utcInstant } from '../src/logs/timerange.ts';
import { errorExcerpt, queryError, readResponse } from '../src/logs/response.ts';
import { buildChart, fieldRef } from '../src/logs/chart.ts';

let server: Awaited<ReturnType<typeof startServer>>;
let token: string;
let dataDir: string;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'huntbook-web-logs-'));
  server = await startServer({ dataDir, host: '127.0.0.1', port: 0, demoRows: 2000, retention: false });
  token = server.app.huntbook.firstToken ?? server.app.huntbook.tokens.create('test').token;
});

after(async () => {
  await server.app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function query(q: string, timespan?: string): Promise<{ status: number; body: any }> {
  const r = await fetch(`${server.url}/v1/workspaces/demo/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', prefer: 'include-render=true, include-statistics=true' },
    body: JSON.stringify({ query: q, ...(timespan ? { timespan } : {}) }),
  });
  return { status: r.status, body: await r.json() };
}

async function draw(spec: Record<string, unknown>): Promise<string> {
  const offline = loader();
  offline.load = async (uri: string) => { throw new Error(`no loading: ${uri}`); };
  const view = new View(parse(compile(spec as never).spec), { renderer: 'none', loader: offline });
  await view.runAsync();
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

test('time ranges: presets, custom intervals in UTC, "set in query", and what the server makes of them', async () => {
  assert.equal(timespanOf({ kind: 'none' }), undefined);
  assert.equal(timespanOf({ kind: 'preset', duration: 'PT4H' }), 'PT4H');
  assert.throws(() => timespanOf({ kind: 'preset', duration: 'PT5H' }), /unknown time range/);
  assert.equal(timespanOf({ kind: 'custom', start: '2024-03-01T10:00', end: '2024-03-01 12:30' }), '2024-03-01T10:00:00.000Z/2024-03-01T12:30:00.000Z');
  assert.throws(() => timespanOf({ kind: 'custom', start: '2024-03-02', end: '2024-03-01' }), /ends .* before it starts/);
  assert.throws(() => timespanOf({ kind: 'custom', start: 'yesterday', end: '2024-03-01' }), /start 'yesterday' is no date/);
  assert.equal(utcInstant('2024-03-01T12:00:00+02:00'), '2024-03-01T10:00:00.000Z');
  assert.deepEqual(rangeOf('P7D'), { kind: 'preset', duration: 'P7D' });
  assert.deepEqual(rangeOf(undefined), { kind: 'none' });
  assert.equal(rangeOf('2024-03-01T10:00:00.000Z/2024-03-01T12:00:00.000Z').kind, 'custom');

  // every preset is accepted, and a wider range never holds fewer rows
  let last = -1;
  for (const p of PRESETS) {
    const r = await query('SigninLogs | count', timespanOf({ kind: 'preset', duration: p.duration }));
    assert.equal(r.status, 200, `${p.duration}: ${JSON.stringify(r.body).slice(0, 200)}`);
    const n = Number(readResponse(r.body).data.rows[0]![0]);
    assert.ok(n >= last, `${p.duration} holds ${n}, fewer than the narrower range's ${last}`);
    last = n;
  }
  assert.ok(last > 0, 'the demo week has sign-ins in the last 7 days');
  const end = new Date();
  const custom = timespanOf({ kind: 'custom', start: new Date(end.getTime() - 7 * 86_400_000).toISOString(), end: end.toISOString() })!;
  const c = await query('SigninLogs | count', custom);
  assert.equal(c.status, 200);
  assert.equal(Number(readResponse(c.body).data.rows[0]![0]), last);
});

test('answers become grid data with dynamic values parsed back, statistics and render read', async () => {
  const r = await query('print s = "a,\\"b", d = dynamic({"k": [1, "x"]}), n = 42, t = datetime(2024-03-01T12:00:00.1234567Z) | render table');
  assert.equal(r.status, 200);
  const res = readResponse(r.body);
  assert.deepEqual(res.data.columns.map((c) => `${c.name}:${c.type}`), ['s:string', 'd:dynamic', 'n:long', 't:datetime']);
  assert.deepEqual(res.data.rows[0], ['a,"b', { k: [1, 'x'] }, 42, '2024-03-01T12:00:00.1234567Z']);
  assert.equal(res.render?.visualization, 'table');
  assert.equal(typeof res.serverMs, 'number');
  assert.equal(res.partial, undefined);
  assert.equal(readResponse((await query('print 1')).body).render, undefined, 'no render: no hint');
  assert.throws(() => readResponse({ tables: [] }), /without a result table/);
});

test('a failed query says where: line and column read from the message, with the line and a caret', async () => {
  const q = 'SigninLogs\n| where NoSuchColumn == 1';
  const r = await query(q);
  assert.equal(r.status, 400);
  const info = queryError(r.body.error.message);
  assert.equal(info.line, 2);
  assert.equal(info.column, 9);
  assert.deepEqual(errorExcerpt(q, info.line!, info.column!), { text: '| where NoSuchColumn == 1', caret: '        ^' });
  assert.deepEqual(queryError('cannot reach the server'), { message: 'cannot reach the server' });
  assert.equal(errorExcerpt(q, 9, 1), undefined);
});

test('charts of real render results compile and draw offline: timechart with series, columnchart, barchart, piechart', async () => {
  const cases: [string, string, RegExp][] = [
    ['timechart', 'SigninLogs | summarize n = count() by bin(TimeGenerated, 1h), ResultType | render timechart', /<path/],
    ['columnchart', 'SigninLogs | summarize n = count() by AppDisplayName | top 5 by n | render columnchart', /<path/],
    ['barchart unstacked', 'SigninLogs | summarize ok = countif(ResultType == "0"), failed = countif(ResultType != "0") by AppDisplayName | render barchart with (kind=unstacked)', /<path/],
    ['piechart', 'SigninLogs | summarize n = count() by AppDisplayName | render piechart with (title="apps")', /apps/],
  ];
  for (const [name, q, expected] of cases) {
    const r = await query(q);
    assert.equal(r.status, 200, `${name}: ${JSON.stringify(r.body).slice(0, 300)}`);
    const res = readResponse(r.body);
    const chart = buildChart(res.data, res.render);
    assert.ok(chart, `${name}: a chart`);
    assert.deepEqual(chart.notes, [], name);
    const values = ((chart.spec.data as { values: unknown[] }).values);
    assert.equal(values.length, res.data.rows.length, `${name}: every row is in the spec's inline data`);
    const svg = await draw({ ...chart.spec, width: 400 });
    assert.match(svg, expected, name);
  }
});

test('chart choices: columns by kind, named columns, what is missing, kinds without a chart', () => {
  const data = {
    columns: [{ name: 'at', type: 'datetime' }, { name: 'host.name', type: 'string' }, { name: 'a', type: 'long' }, { name: 'b', type: 'real' }],
    rows: [['2024-03-01T00:00:00Z', 'h1', 1, 'NaN'], ['2024-03-01T01:00:00Z', 'h2', 2, 2.5]],
  };
  const two = buildChart(data, { visualization: 'timechart' })!;
  assert.deepEqual(two.spec.transform, [{ fold: ['a', 'b'], as: ['series', 'value'] }]);
  assert.equal((two.spec.encoding as any).x.field, 'at');
  assert.deepEqual((two.spec.data as any).values[0], { at: '2024-03-01T00:00:00Z', 'host.name': 'h1', a: 1, b: null });
  const one = buildChart(data, { visualization: 'linechart', xColumn: 'at', yColumns: 'a', series: 'host.name' })!;
  assert.equal((one.spec.encoding as any).color.field, 'host\\.name');
  assert.equal((one.spec.encoding as any).y.field, 'a');
  const bar = buildChart(data, { visualization: 'barchart', yColumns: 'a' })!;
  assert.equal((bar.spec.encoding as any).y.field, 'at', 'bars run sideways: the first column (as Kusto takes it) is on y');
  assert.equal((bar.spec.encoding as any).x.field, 'a');
  const cats = buildChart({ columns: data.columns.slice(1), rows: data.rows.map((r) => r.slice(1)) }, { visualization: 'columnchart' })!;
  assert.equal((cats.spec.encoding as any).x.field, 'host\\.name');
  assert.match(buildChart(data, { visualization: 'timechart', yColumns: 'nope' })!.notes[0]!, /'nope' the result does not have/);
  assert.equal(buildChart(data, { visualization: 'card' }), undefined);
  assert.equal(buildChart(data, undefined), undefined);
  assert.match(buildChart({ columns: [{ name: 's', type: 'string' }], rows: [['x']] }, { visualization: 'columnchart' })!.notes.join(), /needs a numeric column/);
  assert.equal(fieldRef('a.b[0]'), 'a\\.b\\[0\\]');
});
