/**
 * Charts of real answers: a Huntbook server in process (temp data dir, demo workspace) runs
 * `| render ...` queries through the Log Analytics query API with `Prefer: include-render=true`,
 * exactly as the kernel's client asks, and each answer's table and render object are charted,
 * compiled by vega-lite and drawn by Vega.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '@huntbook/server';
import { renderChart } from '../src/render/index.ts';
import type { RenderInfo, ResultColumn } from '../src/types.ts';
import { assertNoUrls, drawn, marks, values, type Spec } from './render-fixtures.ts';

let url = '';
let token = '';
let close: () => Promise<void> = async () => {};

before(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'huntbook-render-'));
  const started = await startServer({ dataDir, host: '127.0.0.1', port: 0, demoRows: 300, retention: false });
  url = started.url;
  token = started.app.huntbook.firstToken ?? started.app.huntbook.tokens.create('render-test').token;
  close = async () => {
    await started.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
});
after(() => close());

interface Answer { columns: ResultColumn[]; rows: unknown[][]; render: RenderInfo }

async function query(text: string): Promise<Answer> {
  const r = await fetch(`${url}/v1/workspaces/demo/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', prefer: 'include-render=true' },
    body: JSON.stringify({ query: text }),
  });
  const body = (await r.json()) as { tables: { columns: ResultColumn[]; rows: unknown[][] }[]; render: RenderInfo; error?: unknown };
  assert.equal(r.status, 200, JSON.stringify(body.error));
  return { ...body.tables[0]!, render: body.render };
}

async function chart(text: string) {
  const a = await query(text);
  const c = renderChart(a.columns, a.rows, a.render);
  return { ...a, ...c };
}

test('failed logons per hour by computer as a timechart', async () => {
  const c = await chart("SecurityEvent | where EventID == 4625 | summarize FailedLogons=count() by bin(TimeGenerated, 1h), Computer | render timechart with (title='Failed logons per hour')");
  assert.ok(c.rows.length > 0, 'the demo has failed logons');
  assert.deepEqual(c.spec?.title, { text: 'Failed logons per hour', anchor: 'start' });
  assert.equal(values(c.spec).length, c.rows.length);
  assert.equal(((c.spec?.encoding as Spec).x as Spec).type, 'temporal');
  const computers = new Set(c.rows.map((r) => r[1]));
  assert.equal(marks(await drawn(c.spec), 'line mark'), computers.size);
});

test('make-series by computer (dynamic cells as JSON text) as a timechart: every bin of every series is a point', async () => {
  const c = await chart('SecurityEvent | make-series Events=count() default=0 on TimeGenerated from ago(10d) to now() step 1h by Computer | render timechart');
  assert.deepEqual(c.columns.map((k) => k.type), ['string', 'dynamic', 'dynamic']);
  const bins = (JSON.parse(c.rows[0]![2] as string) as unknown[]).length;
  assert.equal(values(c.spec).length, bins * c.rows.length);
  const total = c.rows.reduce((sum, r) => sum + (JSON.parse(r[1] as string) as number[]).reduce((a, b) => a + b, 0), 0);
  assert.equal(values(c.spec).reduce((sum, p) => sum + (p.y as number), 0), total);
  assert.equal(marks(await drawn(c.spec), 'line mark'), c.rows.length);
});

test('top accounts as a columnchart, the answer to count() as a card, computers as a piechart', async () => {
  const column = await chart('SecurityEvent | summarize count() by Account | top 5 by count_ | render columnchart');
  assert.deepEqual(values(column.spec).map((p) => [p.x, p.y]), column.rows.map((r) => [r[0], r[1]]));
  assert.equal(marks(await drawn(column.spec), 'bar'), column.rows.length);
  const card = await chart('SecurityEvent | summarize Events=count() | render card');
  assert.match(await drawn(card.spec), new RegExp(`>${Number(card.rows[0]![0]).toLocaleString('en-US')}<`));
  const pie = await chart('SecurityEvent | summarize count() by Computer | render piechart');
  assert.equal(marks(await drawn(pie.spec), 'arc mark'), pie.rows.length);
});

test('an anomaly series from the server (dynamic arrays) as an anomalychart', async () => {
  const c = await chart(`datatable(TimeGenerated:dynamic, Logons:dynamic, anomalies:dynamic)[
    dynamic(["2024-03-01T00:00:00Z","2024-03-01T01:00:00Z","2024-03-01T02:00:00Z"]), dynamic([5, 90, 6]), dynamic([0, 1, 0])]
    | render anomalychart with (anomalycolumns=anomalies, title='Logon spike')`);
  const svg = await drawn(c.spec);
  assert.equal(marks(svg, 'line mark'), 1);
  assert.equal(marks(svg, 'point'), 1);
  assert.deepEqual(values(c.spec).filter((p) => p.anomaly === 1).map((p) => p.y), [90]);
});

test('sign-in locations with kind=map: circles on the embedded world, no URL', async () => {
  const c = await chart("datatable(User:string, Latitude:real, Longitude:real, SignIns:long)['alice', 47.6, -122.3, 4, 'bob', 51.5, -0.1, 2] | render scatterchart with (kind=map)");
  assert.equal(c.render.kind, 'map');
  assertNoUrls(c.spec);
  assert.equal(marks(await drawn(c.spec), 'circle'), 2);
});

test('ladderchart is not drawn: a note for the caller, who shows the table', async () => {
  const c = await chart('SecurityEvent | take 2 | project TimeGenerated, Computer | render ladderchart');
  assert.equal(c.spec, undefined);
  assert.deepEqual(c.notes, ['render ladderchart is not drawn by Huntbook: the result is shown as a table.']);
});
