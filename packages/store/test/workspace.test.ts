/** Workspaces: creation, naming, metadata, standard tables, populate, tables(), retention, removal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { WorkspaceStore, WorkspaceExistsError, resolveDataDir, loadSentinelSchemas } from '@huntbook/store';
import { withStore } from './store-helpers.ts';


/** Runs SQL on a database file with a plain DuckDB instance (what populate does). */
async function sqlOn(path: string, ...stmts: string[]): Promise<void> {
  const inst = await DuckDBInstance.create(path);
  const c = await inst.connect();
  try {
    for (const s of stmts) await c.run(s);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

test('create, list, get by name (any case) and by id; metadata survives reopening', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-ws-'));
  try {
    let id: string;
    {
      const store = await WorkspaceStore.open(dir);
      const ws = await store.create({ name: 'Hunt-1', description: 'first hunt', retentionDays: 30 });
      id = ws.info.id;
      assert.match(id, /^[0-9a-f-]{36}$/);
      assert.equal(ws.info.name, 'Hunt-1');
      assert.equal(ws.info.description, 'first hunt');
      assert.equal(ws.info.retentionDays, 30);
      assert.ok(!Number.isNaN(Date.parse(ws.info.createdAt)));
      assert.ok(existsSync(join(dir, 'workspaces', 'Hunt-1', 'data.duckdb')));
      assert.ok(existsSync(join(dir, 'huntbook.sqlite')));
      const b = await store.create({ name: 'beta' });
      assert.equal(b.info.retentionDays, 90);
      assert.equal(b.info.description, '');
      assert.deepEqual(store.list().map((w) => w.name), ['beta', 'Hunt-1']);
      assert.equal(await store.get('hunt-1'), ws, 'by name, case-insensitive, the same open workspace');
      assert.equal(await store.get(id), ws, 'by id');
      assert.equal(await store.get('nope'), undefined);
      const r = await ws.query('print x = 1 + 1');
      assert.deepEqual(r.rows, [[2]]);
      await store.close();
    }
    const store = await WorkspaceStore.open(dir);
    try {
      const info = store.info('HUNT-1');
      assert.deepEqual(info && { id: info.id, name: info.name, description: info.description, retentionDays: info.retentionDays },
        { id, name: 'Hunt-1', description: 'first hunt', retentionDays: 30 });
      assert.equal(store.metadata.version, 1);
      const ws = await store.get(id);
      assert.deepEqual((await ws!.query('print 3')).rows, [[3]]);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('duplicate names are refused case-insensitively; invalid names and retention are refused', async () => {
  await withStore(async (store, dir) => {
    await store.create({ name: 'alpha' });
    await assert.rejects(store.create({ name: 'ALPHA' }), /a workspace named 'alpha' already exists \(names are case-insensitive\)/);
    for (const bad of ['', '-x', '_x', 'a b', 'a/b', '..', '.hidden', 'x'.repeat(64), 'é']) {
      await assert.rejects(store.create({ name: bad }), /invalid workspace name/, bad);
    }
    assert.ok(await store.create({ name: 'x'.repeat(63) }));
    for (const days of [0, -1, 1.5, 36_501]) {
      await assert.rejects(store.create({ name: 'r', retentionDays: days }), /invalid retention/);
    }
    await assert.rejects(store.create({ name: 'std', standardTables: ['NoSuchTable'] }), /no standard table named 'NoSuchTable'/);
    assert.deepEqual(store.list().map((w) => w.name).sort(), ['alpha', 'x'.repeat(63)]);
    assert.deepEqual(readdirSync(join(dir, 'workspaces')).sort(), ['alpha', 'x'.repeat(63)], 'refused creates left nothing');
  });
});

test('standard tables are created with the vendored columns and types', async () => {
  await withStore(async (store) => {
    const all = await store.create({ name: 'all', standardTables: true });
    const schemas = loadSentinelSchemas();
    const schema = await all.schema();
    assert.equal(schema.tables.length, schemas.length);
    for (const s of schemas) {
      const t = schema.tables.find((x) => x.name === s.name);
      assert.ok(t, s.name);
      // DuckDB's names are case-insensitive: of two columns differing only in case, the first is kept
      const expected = s.columns.filter((c, i) => s.columns.findIndex((d) => d.name.toLowerCase() === c.name.toLowerCase()) === i);
      assert.deepEqual(t.columns.map((c) => [c.name, c.type]), expected.map((c) => [c.name, c.type]), s.name);
    }
    const azure = schema.tables.find((t) => t.name === 'AzureDiagnostics')!.columns.map((c) => c.name);
    assert.ok(azure.includes('clientIP_s') && !azure.includes('clientIp_s'));
    const some = await store.create({ name: 'some', standardTables: ['securityevent', 'Syslog'] });
    assert.deepEqual((await some.schema()).tables.map((t) => t.name).sort(), ['SecurityEvent', 'Syslog']);
    const r = await some.query('SecurityEvent | count');
    assert.deepEqual(r.rows, [[0]]);
  });
});

test('populate runs on the new file before the workspace opens it, after the standard tables', async () => {
  await withStore(async (store, dir) => {
    let seen = '';
    const ws = await store.create({
      name: 'pop',
      standardTables: ['Syslog'],
      populate: async (path) => {
        // the workspace is not open yet: a plain DuckDB instance can take the file
        const inst = await DuckDBInstance.create(path);
        const c = await inst.connect();
        seen = String((await c.runAndReadAll(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'Syslog'`)).getRows()[0]![0]);
        await c.run('CREATE TABLE Extra (TimeGenerated TIMESTAMP_NS, n BIGINT)');
        await c.run(`INSERT INTO Extra VALUES (TIMESTAMP_NS '2025-01-01 00:00:00', 42)`);
        c.closeSync();
        inst.closeSync();
      },
    });
    assert.equal(seen, '1', 'the standard table existed when populate ran');
    assert.deepEqual((await ws.query('Extra | project n')).rows, [[42]]);
    assert.deepEqual((await ws.query('Syslog | count')).rows, [[0]]);
    assert.deepEqual(readdirSync(join(dir, 'workspaces')), ['pop']);
  });
});

test('a failing populate leaves nothing behind, and the name stays free', async () => {
  await withStore(async (store, dir) => {
    await assert.rejects(store.create({
      name: 'broken',
      standardTables: ['Syslog'],
      populate: async (path) => {
        await sqlOn(path, 'CREATE TABLE half (x INTEGER)');
        throw new Error('generator failed at row 7');
      },
    }), /generator failed at row 7/);
    assert.deepEqual(store.list(), []);
    assert.deepEqual(readdirSync(join(dir, 'workspaces')), []);
    const again = await store.create({ name: 'broken' });
    assert.deepEqual((await again.schema()).tables, [], 'the retry starts from an empty database');
  });
});

test('tables(): row counts, estimated bytes, first and last TimeGenerated', async () => {
  await withStore(async (store) => {
    const ws = await store.create({
      name: 't',
      standardTables: ['Syslog'],
      populate: (path) => sqlOn(path, 'CREATE TABLE NoTime (a VARCHAR)', `INSERT INTO NoTime VALUES ('x'), ('y')`, 'CHECKPOINT'),
    });
    const minute = (i: number) => new Date(Date.UTC(2025, 2, 1) + i * 60_000).toISOString();
    await ws.ingest('Syslog', { kind: 'records', records: Array.from({ length: 1000 }, (_, i) => ({ TimeGenerated: minute(i), Computer: `h${i % 5}` })) });
    const tables = await ws.tables();
    const sys = tables.find((t) => t.name === 'Syslog')!;
    assert.equal(sys.rows, 1000);
    assert.equal(sys.firstTime, '2025-03-01T00:00:00Z');
    assert.equal(sys.lastTime, '2025-03-01T16:39:00Z');
    assert.ok(sys.bytes > 0, `bytes ${sys.bytes}`);
    assert.ok(sys.columns.some((c) => c.name === 'SyslogMessage' && c.type === 'string'));
    const nt = tables.find((t) => t.name === 'NoTime')!;
    assert.deepEqual([nt.rows, nt.firstTime, nt.lastTime], [2, null, null]);
    const empty = await store.create({ name: 'e', standardTables: ['SecurityEvent'] });
    const [se] = await empty.tables();
    assert.deepEqual([se!.name, se!.rows, se!.firstTime, se!.lastTime], ['SecurityEvent', 0, null, null]);
  });
});

test('retention deletes rows older than the retention by TimeGenerated, only those', async () => {
  await withStore(async (store) => {
    const ws = await store.create({
      name: 'ret',
      retentionDays: 7,
      standardTables: ['Syslog'],
      populate: (path) => sqlOn(path,
        'CREATE TABLE Other (TimeGenerated TIMESTAMP_NS, v INTEGER)',
        // and a row with no time, which retention keeps
        `INSERT INTO Other VALUES (TIMESTAMP_NS '2024-12-01 00:00:00', 1), (TIMESTAMP_NS '2025-01-19 00:00:00', 2), (NULL, 3)`,
        'CREATE TABLE Plain (v INTEGER)', 'INSERT INTO Plain VALUES (1)'),
    });
    // one row a day from 2025-01-01 to 2025-01-20, ingested into the (sparsely stored) standard table
    await ws.ingest('Syslog', { kind: 'records', records: Array.from({ length: 20 }, (_, i) => ({ TimeGenerated: new Date(Date.UTC(2025, 0, 1 + i, 12)).toISOString(), Computer: `d${i}` })) });
    // cutoff 2025-01-21T00:00Z - 7 days = 2025-01-14T00:00Z: rows of days 0..12 go (13 rows)
    const report = await ws.applyRetention(new Date('2025-01-21T00:00:00Z'));
    assert.deepEqual(report.sort((a, b) => a.table.localeCompare(b.table)), [{ table: 'Other', deleted: 1 }, { table: 'Syslog', deleted: 13 }]);
    const r = await ws.query('Syslog | summarize n = count(), oldest = min(TimeGenerated)');
    assert.deepEqual(r.rows, [[7, '2025-01-14T12:00:00Z']]);
    assert.deepEqual((await ws.query('Plain | count')).rows, [[1]]);
    assert.deepEqual((await ws.query('Other | order by v asc | project v')).rows, [[2], [3]]);
    assert.deepEqual((await ws.applyRetention(new Date('2025-01-21T00:00:00Z'))).map((x) => x.deleted), [0, 0], 'a second run finds nothing');
    const all = await store.applyRetention(new Date('2025-01-25T00:00:00Z'));
    assert.deepEqual(all.find((x) => x.table === 'Syslog'), { workspace: 'ret', table: 'Syslog', deleted: 4 });
  });
});

test('remove closes the workspace and deletes its data and record', async () => {
  await withStore(async (store, dir) => {
    const ws = await store.create({ name: 'gone', standardTables: ['Syslog'] });
    await store.create({ name: 'kept' });
    assert.equal(await store.remove('GONE'), true);
    await assert.rejects(ws.query('print 1'), /workspace.* is closed/);
    assert.equal(await store.get('gone'), undefined);
    assert.equal(await store.remove('gone'), false);
    assert.deepEqual(readdirSync(join(dir, 'workspaces')), ['kept']);
    const again = await store.create({ name: 'gone' });
    assert.deepEqual((await again.schema()).tables, []);
  });
});

test('resolveDataDir: flag, then HUNTBOOK_DATA_DIR, then ~/.huntbook', () => {
  const saved = process.env.HUNTBOOK_DATA_DIR;
  try {
    process.env.HUNTBOOK_DATA_DIR = '/tmp/hb-env';
    assert.equal(resolveDataDir('/tmp/hb-flag'), '/tmp/hb-flag');
    assert.equal(resolveDataDir(), '/tmp/hb-env');
    delete process.env.HUNTBOOK_DATA_DIR;
    assert.match(resolveDataDir(), /\.huntbook$/);
  } finally {
    if (saved === undefined) delete process.env.HUNTBOOK_DATA_DIR;
    else process.env.HUNTBOOK_DATA_DIR = saved;
  }
});

test('a foreign database file with non-contract types still queries through a workspace pool', async () => {
  await withStore(async (store) => {
    const ws = await store.create({
      name: 'foreign',
      populate: (path) => sqlOn(path, `CREATE TABLE F (TimeGenerated TIMESTAMP, n SMALLINT)`, `INSERT INTO F VALUES (TIMESTAMP '2025-01-01 00:00:01', 7)`),
    });
    // more queries than connections, so several connections need the converting views
    const rs = await Promise.all(Array.from({ length: 6 }, () => ws.query('F | project TimeGenerated, n')));
    for (const r of rs) assert.deepEqual(r.rows, [['2025-01-01T00:00:01Z', 7]]);
  });
});

test('ingest goes through one writer; queries see the new table and all of a batch or none of it', async () => {
  await withStore(async (store) => {
    const ws = await store.create({ name: 'ing', retentionDays: 3650 });
    const first = await ws.ingest('Events', { kind: 'records', records: [{ TimeGenerated: '2025-02-01T00:00:00Z', Host: 'a', N: 1 }] });
    assert.equal(first.rows, 1);
    assert.ok((await ws.schema()).tables.some((t) => t.name === 'Events'), 'the schema cache was refreshed');
    assert.deepEqual((await ws.query('Events | project Host, N')).rows, [['a', 1]]);

    const batch = Array.from({ length: 20_000 }, (_, i) => ({ TimeGenerated: '2025-02-02T00:00:00Z', Host: `h${i % 50}`, N: i, Extra: 'x' }));
    const seen = new Set<number>();
    let writing = true;
    const writes = Promise.all([
      ws.ingest('Events', { kind: 'records', records: batch }),
      ws.ingest('Events', { kind: 'records', records: batch }), // waits for the first: one writer at a time
    ]).finally(() => { writing = false; });
    while (writing) {
      const r = await ws.query('Events | count');
      seen.add(r.rows[0]![0] as number);
    }
    const reports = await writes;
    assert.deepEqual(reports.map((r) => r.rows), [20_000, 20_000]);
    assert.deepEqual(reports[0]!.addedColumns.map((c) => c.name), ['Extra']);
    seen.add((await ws.query('Events | count')).rows[0]![0] as number);
    for (const n of seen) assert.ok([1, 20_001, 40_001].includes(n), `a query saw ${n} rows: part of a batch`);
    assert.ok(seen.has(40_001));
    const [events] = await ws.tables();
    assert.deepEqual([events!.name, events!.rows, events!.firstTime, events!.lastTime], ['Events', 40_001, '2025-02-01T00:00:00Z', '2025-02-02T00:00:00Z']);
  });
});

test('startRetention applies retention on its timer and reports failures instead of throwing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-ws-'));
  const reported: string[] = [];
  const store = await WorkspaceStore.open(dir, { onError: (m, e) => reported.push(`${m}: ${(e as Error).message}`) });
  try {
    const ws = await store.create({
      name: 'old', retentionDays: 1, standardTables: ['Syslog'],
    });
    await ws.ingest('Syslog', { kind: 'records', records: [{ TimeGenerated: '2001-01-01T00:00:00Z', Computer: 'old' }, { TimeGenerated: new Date().toISOString(), Computer: 'new' }] });
    const stop = store.startRetention(20);
    let left: unknown;
    for (let i = 0; i < 500; i++) {
      left = (await ws.query('Syslog | project Computer')).rows;
      if ((left as unknown[]).length === 1) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    stop();
    assert.deepEqual(left, [['new']]);
    assert.deepEqual(reported, []);
    assert.throws(() => store.startRetention(0), /positive number of ms/);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two creates of one name at once: one workspace, the other refused with WorkspaceExistsError', async () => {
  await withStore(async (store, dir) => {
    const made = await Promise.allSettled([store.create({ name: 'same' }), store.create({ name: 'SAME' }), store.create({ name: 'same' })]);
    assert.equal(made.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of made) {
      if (r.status === 'rejected') {
        assert.ok(r.reason instanceof WorkspaceExistsError, String(r.reason));
        assert.match(r.reason.message, /a workspace named 'same' already exists/);
      }
    }
    assert.deepEqual(store.list().map((w) => w.name), ['same']);
    assert.deepEqual(readdirSync(join(dir, 'workspaces')), ['same'], 'the refused creates left nothing');
  });
});
