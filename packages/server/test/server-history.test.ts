/** Query history per user and workspace (GET/POST/DELETE /api/workspaces/{w}/history) on a real server. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { call, startTestServer } from './server-helpers.ts';
import { MAX_ENTRIES } from '../src/routes/history.ts';

test('history is kept per user, newest first, a rerun moves to the top, bad bodies say what is wrong', async () => {
  const s = await startTestServer();
  try {
    assert.deepEqual((await call(s, 'GET', '/api/workspaces/demo/history')).json, { history: [] });
    const a = await call(s, 'POST', '/api/workspaces/demo/history', { query: 'SigninLogs | take 1', timespan: 'PT1H', rows: 1, durationMs: 12.5 });
    assert.equal(a.status, 201);
    assert.equal(a.json.query, 'SigninLogs | take 1');
    assert.equal(a.json.timespan, 'PT1H');
    assert.match(a.json.at, /^\d{4}-\d\d-\d\dT/);
    await call(s, 'POST', '/api/workspaces/demo/history', { query: 'bad |', error: "Expected: ';' (line 1, column 6)" });
    await call(s, 'POST', '/api/workspaces/demo/history', { query: 'SigninLogs | take 1', timespan: 'PT1H', rows: 1 });
    const h = (await call(s, 'GET', '/api/workspaces/demo/history')).json.history;
    assert.deepEqual(h.map((e: { query: string }) => e.query), ['SigninLogs | take 1', 'bad |']);
    assert.equal(h[1].error, "Expected: ';' (line 1, column 6)");

    // another user sees none of it; the id of the workspace works as its name does
    const other = s.app.huntbook.tokens.create('bob').token;
    const theirs = await fetch(`${s.url}/api/workspaces/demo/history`, { headers: { authorization: `Bearer ${other}` } });
    assert.deepEqual(await theirs.json(), { history: [] });
    const id = (await call(s, 'GET', '/api/workspaces/demo')).json.id;
    assert.equal((await call(s, 'GET', `/api/workspaces/${id}/history`)).json.history.length, 2);

    // the files are named by hashes, never by the user's name
    const dir = join(s.dataDir, 'history', id);
    assert.ok(readdirSync(dir).every((f) => /^[0-9a-f]{64}\.json$/.test(f)));

    for (const [body, message] of [
      [{}, /'query' must be the KQL text/],
      [{ query: '  ' }, /'query' must be the KQL text/],
      [{ query: 'x', rows: -1 }, /'rows' must be a number/],
      [{ query: 'x', timespan: 5 }, /'timespan' must be/],
      [{ query: 'x'.repeat(70_000) }, /history keeps queries up to/],
    ] as const) {
      const r = await call(s, 'POST', '/api/workspaces/demo/history', body);
      assert.equal(r.status, 400, JSON.stringify(body).slice(0, 50));
      assert.match(r.json.error.message, message);
    }
    assert.equal((await call(s, 'GET', '/api/workspaces/nope/history')).status, 404);
    const anon = await fetch(`${s.url}/api/workspaces/demo/history`);
    assert.equal(anon.status, 401);

    assert.equal((await call(s, 'DELETE', '/api/workspaces/demo/history')).status, 204);
    assert.deepEqual((await call(s, 'GET', '/api/workspaces/demo/history')).json, { history: [] });
  } finally {
    await s.close();
  }
});

test('concurrent posts all land and the history keeps the newest MAX_ENTRIES', async () => {
  const s = await startTestServer();
  try {
    const n = MAX_ENTRIES + 20;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => call(s, 'POST', '/api/workspaces/demo/history', { query: `print ${i}` })));
    assert.ok(results.every((r) => r.status === 201));
    const h = (await call(s, 'GET', '/api/workspaces/demo/history')).json.history as { query: string }[];
    assert.equal(h.length, MAX_ENTRIES);
    assert.equal(new Set(h.map((e) => e.query)).size, MAX_ENTRIES, 'no write was lost to another (each query once)');
  } finally {
    await s.close();
  }
});
