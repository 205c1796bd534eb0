/** Workspace query limits: the pool and its queue, timeout, cancellation, row and byte cuts, memory. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceStore, QueryLimitError, type StoreOptions, type Workspace } from '@huntbook/store';

/** A query that runs for many seconds unless stopped (10^10 generated rows). */
const SLOW = 'range x from 1 to 10000000000 step 1 | summarize count()';

async function withWorkspace(options: StoreOptions, fn: (ws: Workspace) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hb-wsl-'));
  const store = await WorkspaceStore.open(dir, options);
  try {
    await fn(await store.create({ name: 'w' }));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function isLimit(kind: string, message: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof QueryLimitError, `a QueryLimitError, got ${String(e)}`);
    assert.equal(e.limit, kind);
    assert.equal(e.code, 'HB004');
    assert.match(e.message, message);
    return true;
  };
}

test('more concurrent queries than connections all answer, each with its own result', async () => {
  await withWorkspace({ maxConcurrentQueries: 2 }, async (ws) => {
    const rs = await Promise.all(Array.from({ length: 9 }, (_, i) => ws.query(`range x from 1 to ${1000 + i} step 1 | summarize n = count(), s = sum(x)`)));
    rs.forEach((r, i) => {
      const n = 1000 + i;
      assert.deepEqual(r.rows, [[n, (n * (n + 1)) / 2]]);
    });
  });
});

test('beyond the queue cap a query is refused at once; a queued query can be cancelled', async () => {
  await withWorkspace({ maxConcurrentQueries: 1, maxQueuedQueries: 1 }, async (ws) => {
    const stop = new AbortController();
    const running = ws.query(SLOW, { signal: stop.signal });
    const leaving = new AbortController();
    const queued = ws.query('print 1', { signal: leaving.signal });
    await assert.rejects(ws.query('print 2'), isLimit('queue', /too many queued queries: 1 are already waiting for the 1 running ones/));
    leaving.abort();
    await assert.rejects(queued, isLimit('cancelled', /cancelled/));
    // its place is free again
    const next = ws.query('print 3');
    stop.abort();
    await assert.rejects(running, isLimit('cancelled', /the query was cancelled/));
    assert.deepEqual((await next).rows, [[3]]);
  });
});

test('with no queue (maxQueuedQueries 0) a query finding every connection busy is refused at once', async () => {
  await withWorkspace({ maxConcurrentQueries: 1, maxQueuedQueries: 0 }, async (ws) => {
    const stop = new AbortController();
    const running = assert.rejects(ws.query(SLOW, { signal: stop.signal }), isLimit('cancelled', /cancelled/));
    await assert.rejects(ws.query('print 1'), isLimit('queue', /too many queued queries: all 1 connections are busy and none may wait \(HUNTBOOK_MAX_QUEUED_QUERIES=0\); try again later/));
    stop.abort();
    await running;
  });
});

test('a query over its time limit is interrupted with a clear error; the connection serves the next query', async () => {
  await withWorkspace({ maxConcurrentQueries: 1 }, async (ws) => {
    await assert.rejects(ws.query(SLOW, { timeoutMs: 300 }),
      isLimit('timeout', /^the query ran longer than the limit of 0\.3 s; narrow the time range .*\(Prefer: wait=N/));
    assert.deepEqual((await ws.query('print 42')).rows, [[42]]);
  });
});

test('an AbortSignal cancels a running query; an already aborted signal never starts one', async () => {
  await withWorkspace({ maxConcurrentQueries: 1 }, async (ws) => {
    const ac = new AbortController();
    const q = ws.query(SLOW, { signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    await assert.rejects(q, isLimit('cancelled', /cancelled/));
    await assert.rejects(ws.query('print 1', { signal: AbortSignal.abort() }), isLimit('cancelled', /cancelled/));
    assert.deepEqual((await ws.query('print 5')).rows, [[5]]);
  });
});

test('results are cut at maxRows with a partial flag and message; exactly maxRows is whole', async () => {
  await withWorkspace({}, async (ws) => {
    const cut = await ws.query('range x from 1 to 5000 step 1', { maxRows: 2500 });
    assert.equal(cut.rows.length, 2500);
    assert.deepEqual(cut.rows.at(-1), [2500]);
    assert.deepEqual(cut.partial, {
      reason: 'rows', limit: 2500,
      message: 'the result was cut at 2,500 rows (E_QUERY_RESULT_SET_TOO_LARGE): the query returned more; filter, summarize or take fewer rows',
    });
    const whole = await ws.query('range x from 1 to 5000 step 1', { maxRows: 5000 });
    assert.equal(whole.rows.length, 5000);
    assert.equal(whole.partial, undefined);
  });
});

test('results are cut at maxBytes of JSON with a partial flag and message', async () => {
  await withWorkspace({}, async (ws) => {
    const q = `range x from 1 to 3000 step 1 | extend s = strcat('${'x'.repeat(90)}', x)`;
    const whole = await ws.query(q);
    assert.equal(whole.rows.length, 3000);
    assert.equal(whole.partial, undefined);
    const cut = await ws.query(q, { maxBytes: 50_000 });
    assert.ok(cut.rows.length > 100 && cut.rows.length < 3000, `${cut.rows.length} rows`);
    assert.ok(JSON.stringify(cut.rows).length <= 50_000);
    assert.deepEqual(cut.rows, whole.rows.slice(0, cut.rows.length));
    assert.equal(cut.partial?.reason, 'bytes');
    assert.equal(cut.partial?.limit, 50_000);
    assert.match(cut.partial!.message, /^the result was cut at 50,000 bytes \(E_QUERY_RESULT_SET_TOO_LARGE\) after \d+ rows/);
    const mib = await ws.query('print 1', { maxBytes: 64 * 1024 * 1024 });
    assert.equal(mib.partial, undefined);
  });
});

test('a query that needs more memory than the workspace limit fails with a clear error', async () => {
  await withWorkspace({ memoryLimit: '64MB', maxConcurrentQueries: 1 }, async (ws) => {
    await assert.rejects(ws.query(`range x from 1 to 20000000 step 1 | summarize make_list(strcat('${'y'.repeat(40)}', x))`),
      isLimit('memory', /^the query ran out of memory: the workspace's DuckDB may use .*MiB \(HUNTBOOK_QUERY_MEMORY\)/));
    assert.deepEqual((await ws.query('print 1')).rows, [[1]]);
  });
});

test('bad limit options and environment values are refused with their names', async () => {
  await withWorkspace({}, async (ws) => {
    await assert.rejects(ws.query('print 1', { maxRows: 0 }), /maxRows must be a positive number, not 0/);
    await assert.rejects(ws.query('print 1', { timeoutMs: Number.NaN }), /timeoutMs must be a positive number/);
  });
  const saved = process.env.HUNTBOOK_MAX_CONCURRENT_QUERIES;
  const savedMemory = process.env.HUNTBOOK_QUERY_MEMORY;
  process.env.HUNTBOOK_MAX_CONCURRENT_QUERIES = 'lots';
  const dir = mkdtempSync(join(tmpdir(), 'hb-wsl-'));
  const store = await WorkspaceStore.open(dir);
  try {
    await assert.rejects(store.create({ name: 'x' }), /HUNTBOOK_MAX_CONCURRENT_QUERIES='lots' must be a whole number of at least 1/);
    assert.deepEqual(store.list(), [], 'the failed open left no workspace');
    delete process.env.HUNTBOOK_MAX_CONCURRENT_QUERIES;
    process.env.HUNTBOOK_QUERY_MEMORY = 'lots';
    await assert.rejects(store.create({ name: 'x' }), /memory limit 'lots' \(HUNTBOOK_QUERY_MEMORY\) is not a size such as '2GB'/);
  } finally {
    if (saved === undefined) delete process.env.HUNTBOOK_MAX_CONCURRENT_QUERIES;
    else process.env.HUNTBOOK_MAX_CONCURRENT_QUERIES = saved;
    if (savedMemory === undefined) delete process.env.HUNTBOOK_QUERY_MEMORY;
    else process.env.HUNTBOOK_QUERY_MEMORY = savedMemory;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('closing a workspace interrupts its running query and refuses new ones', async () => {
  await withWorkspace({ maxConcurrentQueries: 1 }, async (ws) => {
    const running = assert.rejects(ws.query(SLOW), isLimit('closed', /workspace 'w' is closed/));
    const queued = assert.rejects(ws.query('print 1'), isLimit('closed', /workspace 'w' is closed/));
    await new Promise((r) => setTimeout(r, 100));
    await ws.close();
    await running;
    await queued;
    await assert.rejects(ws.query('print 1'), isLimit('closed', /is closed/));
  });
});
