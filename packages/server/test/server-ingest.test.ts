/** Ingestion over HTTP: Huntbook's own endpoint and the Azure Monitor Logs Ingestion API shape. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { startTestServer, call, type TestServer } from './server-helpers.ts';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s?.close(); });

async function count(table: string): Promise<number> {
  const r = await call(s, 'POST', '/v1/workspaces/demo/query', { query: `${table} | count` });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json.tables[0].rows[0][0];
}

async function post(path: string, body: Buffer | string, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  const r = await fetch(s.url + path, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, ...headers }, body: typeof body === "string" ? body : new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength) });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : undefined };
}

test('CSV body: the rows are queryable at once', async () => {
  const csv = 'TimeGenerated,Host,Bytes\n2025-12-31T10:00:00Z,web1,100\n2025-12-31T10:01:00Z,web2,200\n2025-12-31T10:02:00Z,web1,300\n';
  const r = await post('/api/workspaces/demo/tables/WebLogs/ingest', csv, { 'content-type': 'text/csv' });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.rows, 3);
  assert.equal(r.json.table, 'WebLogs');
  const q = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'WebLogs | summarize b = sum(Bytes) by Host | order by Host asc' });
  assert.deepEqual(q.json.tables[0].rows, [['web1', 400], ['web2', 200]]);
});

test('gzip NDJSON with Content-Encoding, and ?customLog=true names a new table with _CL', async () => {
  const ndjson = Array.from({ length: 50 }, (_, i) => JSON.stringify({ TimeGenerated: `2025-12-31T11:${String(i).padStart(2, '0')}:00Z`, User: `u${i % 5}`, Detail: { n: i } })).join('\n');
  const r = await post('/api/workspaces/demo/tables/AppEvents/ingest?format=ndjson&customLog=true', gzipSync(ndjson), { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.table, 'AppEvents_CL');
  assert.equal(r.json.rows, 50);
  assert.equal(await count('AppEvents_CL'), 50);
  const d = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'AppEvents_CL | where toint(Detail.n) == 7 | project User' });
  assert.deepEqual(d.json.tables[0].rows, [['u2']]);
});

test('a malformed record rejects the batch with its record number; ?errors=quarantine keeps the good ones', async () => {
  const body = '{"TimeGenerated":"2025-12-31T12:00:00Z","A":1}\n{"TimeGenerated":"2025-12-31T12:01:00Z","A":2}\n{not json\n';
  const r = await post('/api/workspaces/demo/tables/Quarantined/ingest?format=ndjson', body, {});
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.equal(r.json.error.code, 'InvalidRecord');
  assert.match(r.json.error.message, /record 3|line 3/);
  const q = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'Quarantined | count' });
  assert.equal(q.status, 400, 'nothing of the rejected batch was stored');
  const kept = await post('/api/workspaces/demo/tables/Quarantined/ingest?format=ndjson&errors=quarantine', body, {});
  assert.equal(kept.status, 200, JSON.stringify(kept.json));
  assert.equal(kept.json.rows, 2);
  assert.equal(kept.json.quarantined, 1);
  assert.equal(await count('Quarantined'), 2);
});

test('a body that is not gzip but says so, and a body of no known format, are 4xx', async () => {
  const r = await post('/api/workspaces/demo/tables/X/ingest?format=csv', 'a,b\n1,2\n', { 'content-encoding': 'gzip' });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /not valid gzip/);
  const unknown = await post('/api/workspaces/demo/tables/X/ingest', 'hello', { 'content-type': 'text/plain' });
  assert.equal(unknown.status, 400);
  assert.match(unknown.json.error.message, /cannot tell the format/);
  const table = await post('/api/workspaces/demo/tables/a%22b/ingest?format=csv', 'a\n1\n', {});
  assert.equal(table.status, 400);
  assert.equal(table.json.error.code, 'IngestionRejected', 'a bad table name is no bad record');
  assert.match(table.json.error.message, /invalid table name 'a"b'/);
  const format = await post('/api/workspaces/demo/tables/X/ingest?format=xml', '<a/>', {});
  assert.equal(format.status, 400);
  assert.match(format.json.error.message, /format 'xml'/);
});

/** A raw request, so the query string is sent exactly as written (fetch would keep it, but be explicit). */
function rawPost(path: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const u = new URL(s.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path, method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-length': String(body.length), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('Logs Ingestion API: gzip JSON array to a data collection rule stream, with api-version spelled both ways; 204', async () => {
  const rows = (from: number) => gzipSync(JSON.stringify(Array.from({ length: 10 }, (_, i) => ({ TimeGenerated: '2025-12-31T13:00:00Z', Computer: `pc${from + i}`, Level: 'info' }))));
  const headers = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
  const plain = await rawPost('/dataCollectionRules/demo/streams/Custom-Telemetry_CL?api-version=2023-01-01', rows(0), headers);
  assert.equal(plain.status, 204, plain.text);
  assert.equal(plain.text, '');
  const encoded = await rawPost('/dataCollectionRules/demo/streams/Custom-Telemetry_CL?api%2Dversion=2023-01-01', rows(10), headers);
  assert.equal(encoded.status, 204, encoded.text);
  assert.equal(await count('Telemetry_CL'), 20);

  const id = (await call(s, 'GET', '/api/workspaces/demo')).json.id;
  const byId = await rawPost(`/dataCollectionRules/${id}/streams/Custom-Telemetry_CL?api-version=2023-01-01`, rows(20), headers);
  assert.equal(byId.status, 204, byId.text);
  assert.equal(await count('Telemetry_CL'), 30);

  const noVersion = await rawPost('/dataCollectionRules/demo/streams/Custom-Telemetry_CL', rows(0), headers);
  assert.equal(noVersion.status, 400);
  assert.match(noVersion.text, /api-version/);
  const badStream = await rawPost('/dataCollectionRules/demo/streams/Telemetry_CL?api-version=2023-01-01', rows(0), headers);
  assert.equal(badStream.status, 400);
  assert.match(badStream.text, /Custom-<Table>/);
  assert.equal(await count('Telemetry_CL'), 30);
});
