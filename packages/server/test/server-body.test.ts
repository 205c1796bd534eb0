/**
 * What ingestion bodies may cost: the body limit holds for every way a body can be compressed
 * (Content-Encoding, a gzip file sent as it is, gzip inside gzip: a small body must never expand
 * past the limit in the server or in the store), and only so many bodies are read at once.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { startTestServer, call, type TestServer } from './server-helpers.ts';

const LIMIT = 64 * 1024;
let s: TestServer;
before(async () => { s = await startTestServer({ ingestBodyLimit: LIMIT, ingestConcurrency: 1, ingestQueue: 1 }); });
after(async () => { await s?.close(); });

async function post(path: string, body: Buffer | string, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  const r = await fetch(s.url + path, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : undefined };
}

/** 8 MiB of syslog lines in a gzip of a few KiB. */
const bomb = gzipSync(Buffer.from('<13>Oct 11 22:14:15 host app: x\n'.repeat(256 * 1024)));

test('a body larger than the limit on the wire is 413', async () => {
  const r = await post('/api/workspaces/demo/tables/Big/ingest?format=csv', `a\n${'1\n'.repeat(LIMIT)}`, {});
  assert.equal(r.status, 413, JSON.stringify(r.json));
  assert.match(r.json.error.message, /request body is larger than the limit/);
});

test('a gzip bomb with Content-Encoding: gzip is 413', async () => {
  assert.ok(bomb.length < LIMIT);
  const r = await post('/api/workspaces/demo/tables/Syslog/ingest?format=syslog', bomb, { 'content-encoding': 'gzip' });
  assert.equal(r.status, 413, JSON.stringify(r.json));
  assert.match(r.json.error.message, /decompressed body is larger than the limit/);
});

test('a gzip bomb sent as identity (a .gz file) is 413, not unpacked whole by the store', async () => {
  const r = await post('/api/workspaces/demo/tables/Syslog/ingest?format=syslog', bomb, { 'content-encoding': 'identity' });
  assert.equal(r.status, 413, JSON.stringify(r.json));
  assert.match(r.json.error.message, /decompressed body is larger than the limit/);
});

test('a gzip bomb inside gzip is 413', async () => {
  const syslogRows = async () => {
    const r = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'Syslog | count' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json.tables[0].rows[0][0] as number;
  };
  const stored = await syslogRows();
  const nested = gzipSync(bomb);
  const r = await post('/api/workspaces/demo/tables/Syslog/ingest?format=syslog', nested, { 'content-encoding': 'gzip' });
  assert.equal(r.status, 413, JSON.stringify(r.json));
  const bare = await post('/api/workspaces/demo/tables/Syslog/ingest?format=syslog', nested, {});
  assert.equal(bare.status, 413, JSON.stringify(bare.json));
  assert.equal(await syslogRows(), stored, 'nothing of the refused bodies was stored');
});

test('a small .csv.gz with Content-Encoding: gzip (two layers) is read; three layers are refused', async () => {
  const csv = 'TimeGenerated,Host\n2025-12-31T10:00:00Z,web1\n2025-12-31T10:01:00Z,web2\n';
  const r = await post('/api/workspaces/demo/tables/Layers/ingest?format=csv', gzipSync(gzipSync(csv)), { 'content-encoding': 'gzip' });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.rows, 2);
  const three = await post('/api/workspaces/demo/tables/Layers/ingest?format=csv', gzipSync(gzipSync(gzipSync(csv))), { 'content-encoding': 'gzip' });
  assert.equal(three.status, 400, JSON.stringify(three.json));
  assert.match(three.json.error.message, /gzip inside gzip/);
});

async function until(ok: () => boolean): Promise<void> {
  while (!ok()) await new Promise((r) => setTimeout(r, 10));
}

/** An ingestion request whose body is sent only when `finish` is called. */
function openIngest(table: string): { finish(): Promise<{ status: number; text: string }> } {
  const u = new URL(s.url);
  let answer!: Promise<{ status: number; text: string }>;
  const req = httpRequest({ host: u.hostname, port: u.port, path: `/api/workspaces/demo/tables/${table}/ingest?format=csv`, method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'transfer-encoding': 'chunked' } });
  answer = new Promise((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
  });
  req.write('TimeGenerated,N\n');
  req.flushHeaders();
  return { finish: () => { req.end('2025-12-31T10:00:00Z,1\n'); return answer; } };
}

test('one body is read at a time here, one waits, and the next is refused with 429 and Retry-After', async () => {
  const first = openIngest('Slow1');
  await until(() => s.app.huntbook.ingesting().running === 1);
  const second = openIngest('Slow2');
  await until(() => s.app.huntbook.ingesting().queued === 1);
  const third = await fetch(`${s.url}/api/workspaces/demo/tables/Slow3/ingest?format=csv`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` }, body: 'TimeGenerated,N\n2025-12-31T10:00:00Z,1\n' });
  assert.equal(third.status, 429, await third.text());
  assert.equal(third.headers.get('retry-after'), '1');
  const [a, b] = await Promise.all([first.finish(), second.finish()]);
  assert.equal(a.status, 200, a.text);
  assert.equal(b.status, 200, b.text);
  const again = await fetch(`${s.url}/api/workspaces/demo/tables/Slow3/ingest?format=csv`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` }, body: 'TimeGenerated,N\n2025-12-31T10:00:00Z,1\n' });
  assert.equal(again.status, 200, await again.text());
});
