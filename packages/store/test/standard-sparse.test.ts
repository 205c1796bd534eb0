/**
 * Standard tables created empty are stored sparsely (duckdb/stored.ts): readers see every column
 * of the Sentinel schema, the file holds only the columns that received data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { WorkspaceStore, loadSentinelSchemas, generateSample } from '@huntbook/store';
import { withStore } from './store-helpers.ts';


/** The columns physically stored for a table (read from the closed workspace's file). */
async function storedColumns(path: string, table: string): Promise<string[]> {
  const inst = await DuckDBInstance.create(path);
  const c = await inst.connect();
  try {
    const r = await c.runAndReadAll(`SELECT column_name FROM information_schema.columns WHERE table_schema = '__hb_tables' AND table_name = '${table}' ORDER BY ordinal_position`);
    return r.getRows().map(([n]) => String(n));
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

const securityEvent = loadSentinelSchemas().find((t) => t.name === 'SecurityEvent')!;

test('an empty standard table shows its whole schema; absent values are empty strings, nulls and Type', async () => {
  await withStore(async (store) => {
    const ws = await store.create({ name: 's', standardTables: ['SecurityEvent'] });
    const [t] = (await ws.schema()).tables;
    assert.deepEqual(t!.columns.map((c) => `${c.name}:${c.type}`), securityEvent.columns.map((c) => `${c.name}:${c.type}`));
    await ws.ingest('SecurityEvent', { kind: 'records', records: [{ TimeGenerated: '2025-05-01T10:00:00Z', Computer: 'dc01', EventID: 4625 }] });
    const r = await ws.query('SecurityEvent | project Computer, EventID, Account, Type, SubjectLogonId, Keywords, TimeGenerated');
    assert.deepEqual(r.rows, [['dc01', 4625, '', 'SecurityEvent', '', '', '2025-05-01T10:00:00Z']]);
    const nulls = await ws.query('SecurityEvent | project isnull(ErrorCode), isnull(KeyLength), isnull(_BilledSize), isempty(FailureReason)');
    assert.deepEqual(nulls.rows, [[true, true, true, true]]);
    assert.deepEqual((await ws.query('SecurityEvent | getschema | count')).rows, [[securityEvent.columns.length]]);
  });
});

test('ingestion stores only the columns it fills, with the schema\'s types; new fields are added after the schema\'s', async () => {
  await withStore(async (store) => {
    const ws = await store.create({ name: 's', standardTables: ['SecurityEvent'] });
    const first = await ws.ingest('SecurityEvent', { kind: 'records', records: [{ TimeGenerated: '2025-05-01T10:00:00Z', computer: 'dc01', EventID: 4624, LogonType: '3' }] });
    assert.deepEqual(first.addedColumns, [], 'schema columns are not new');
    assert.deepEqual(first.widened, []);
    const second = await ws.ingest('SecurityEvent', { kind: 'records', records: [{ Computer: 'ws02', EventID: 4688, CustomField: 'x', Extra: { a: 1 } }] });
    assert.deepEqual(second.addedColumns, [{ name: 'CustomField', type: 'string' }, { name: 'Extra', type: 'dynamic' }]);
    const cols = (await ws.schema()).tables[0]!.columns;
    assert.deepEqual(cols.slice(0, securityEvent.columns.length).map((c) => c.type), securityEvent.columns.map((c) => c.type), 'types are the schema\'s (EventID int, LogonType int)');
    assert.deepEqual(cols.slice(securityEvent.columns.length), [{ name: 'CustomField', type: 'string' }, { name: 'Extra', type: 'dynamic' }]);
    const r = await ws.query('SecurityEvent | order by EventID asc | project Computer, EventID, LogonType, CustomField, Extra');
    assert.deepEqual(r.rows, [['dc01', 4624, 3, '', null], ['ws02', 4688, null, 'x', { a: 1 }]]);
    const path = join(store.dataDir, 'workspaces', 's', 'data.duckdb');
    await store.close();
    assert.deepEqual(await storedColumns(path, 'SecurityEvent'), ['TimeGenerated', 'Computer', 'EventID', 'LogonType', 'CustomField', 'Extra']);
  });
});

test('a schema column widened by ingestion keeps its place and shows its new type', async () => {
  await withStore(async (store) => {
    const ws = await store.create({ name: 's', standardTables: ['SecurityEvent'] });
    await ws.ingest('SecurityEvent', { kind: 'records', records: [{ EventID: 4624 }] });
    const r = await ws.ingest('SecurityEvent', { kind: 'records', records: [{ EventID: { id: 1 } }] });
    assert.deepEqual(r.widened, [{ name: 'EventID', from: 'int', to: 'dynamic' }]);
    const cols = (await ws.schema()).tables[0]!.columns;
    const at = securityEvent.columns.findIndex((c) => c.name === 'EventID');
    assert.deepEqual(cols[at], { name: 'EventID', type: 'dynamic' });
    assert.equal(cols.length, securityEvent.columns.length);
    assert.deepEqual((await ws.query('SecurityEvent | project EventID | order by tostring(EventID) asc')).rows, [[4624], [{ id: 1 }]]);
  });
});

test('a rejected batch into a sparse table leaves neither rows nor stored columns behind', async () => {
  await withStore(async (store) => {
    const ws = await store.create({ name: 's', standardTables: ['SecurityEvent'] });
    await assert.rejects(ws.ingest('SecurityEvent', { kind: 'records', records: [{ Computer: 'a', EventID: 1 }, { Computer: 'b', EventID: 'not a number' }] }), /record 2/);
    assert.deepEqual((await ws.query('SecurityEvent | count')).rows, [[0]]);
    const path = join(store.dataDir, 'workspaces', 's', 'data.duckdb');
    await store.close();
    assert.deepEqual(await storedColumns(path, 'SecurityEvent'), ['TimeGenerated']);
  });
});

test('the sample generator replaces a sparse standard table with its full one', async () => {
  await withStore(async (store) => {
    const ws = await store.create({
      name: 'g',
      standardTables: ['SecurityEvent', 'Syslog'],
      populate: async (path) => { await generateSample({ db: path, rows: 500, seed: 3, tables: ['SecurityEvent'] }); },
    });
    const n = Number((await ws.query('SecurityEvent | count')).rows[0]![0]);
    assert.ok(n >= 400, `generated rows: ${n}`);
    const names = (await ws.schema()).tables.map((t) => t.name).sort();
    assert.deepEqual(names, ['SecurityEvent', 'Syslog']);
    const path = join(store.dataDir, 'workspaces', 'g', 'data.duckdb');
    await store.close();
    assert.deepEqual(await storedColumns(path, 'SecurityEvent'), [], 'SecurityEvent is a plain table now');
    assert.deepEqual(await storedColumns(path, 'Syslog'), ['TimeGenerated']);
  });
});
