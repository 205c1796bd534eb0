/**
 * Query limits over HTTP: a client that goes away cancels its query, the timeout (Prefer:
 * wait), the queue cap (429) and result truncation (partial flag). One query runs at a time
 * and none may wait, so a query that was not cancelled would make the next one fail.
 */
process.env.HUNTBOOK_MAX_CONCURRENT_QUERIES = '1';
process.env.HUNTBOOK_MAX_QUEUED_QUERIES = '0';

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer, call, type TestServer } from './server-helpers.ts';

let s: TestServer;
before(async () => { s = await startTestServer({ demoRows: 200, limits: { maxRows: 100 } }); });
after(async () => { await s?.close(); });

/** A query that runs for minutes unless stopped. */
const SLOW = 'range x from 1 to 100000000000 step 1 | summarize sum(x)';

async function until(what: string, cond: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !cond(); i++) await sleep(50);
  assert.ok(cond(), `waited 30 s for ${what}`);
}

test('a client that goes away cancels its query and frees the slot', async () => {
  const ac = new AbortController();
  const pending = fetch(`${s.url}/v1/workspaces/demo/query`, {
    method: 'POST', signal: ac.signal,
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: SLOW }),
  }).catch((e: unknown) => e);
  await until('the slow query to start', () => s.app.huntbook.running() === 1);

  // while it runs, the only slot is taken and nothing may queue: a clear 429
  const busy = await call(s, 'POST', '/v2/rest/query', { db: 'demo', csl: 'print 1' });
  assert.equal(busy.status, 429, JSON.stringify(busy.json));
  assert.match(busy.json.error.message, /too many queued queries/);

  ac.abort();
  assert.equal(((await pending) as Error).name, 'AbortError');
  await until('the cancelled query to stop', () => s.app.huntbook.running() === 0);
  const after = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'print y = 2' });
  assert.equal(after.status, 200, JSON.stringify(after.json));
  assert.deepEqual(after.json.tables[0].rows, [[2]]);
});

test('Prefer: wait shortens the timeout; the error says which limit and how to change it', async () => {
  const r = await call(s, 'POST', '/v1/workspaces/demo/query', { query: SLOW }, { prefer: 'wait=1' });
  assert.equal(r.status, 504, JSON.stringify(r.json));
  assert.match(r.json.error.message, /longer than the limit of 1 s/);
  const k = await call(s, 'POST', '/v2/rest/query', { db: 'demo', csl: SLOW, properties: { Options: { servertimeout: '00:00:01' } } });
  assert.equal(k.status, 504, JSON.stringify(k.json));
  await until('the timed-out query to stop', () => s.app.huntbook.running() === 0);
});

test('results over the row limit are cut and flagged partial with a warning', async () => {
  const la = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'range x from 1 to 1000 step 1' });
  assert.equal(la.status, 200);
  assert.equal(la.json.tables[0].rows.length, 100);
  assert.equal(la.json.error.code, 'PartialError');
  assert.match(JSON.stringify(la.json.error), /cut at 100 rows/);
  const small = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'range x from 1 to 100 step 1' });
  assert.equal(small.json.tables[0].rows.length, 100);
  assert.equal(small.json.error, undefined);
});
