/** Ingestion's type rule: widen() and resolveExisting() case by case, and the same cases end to end. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestBatch, IngestError, widen, resolveExisting } from '../src/ingest/index.ts';
import { openTestDb, type TestDb } from './ingest-helpers.ts';

async function withDb(fn: (db: TestDb) => Promise<void>): Promise<void> {
  const db = await openTestDb();
  try { await fn(db); } finally { db.close(); }
}

test('widen(): one rule for values of one field that disagree', () => {
  assert.equal(widen('long', 'long'), 'long');
  assert.equal(widen(null, 'bool'), 'bool');
  assert.equal(widen('long', null), 'long');
  assert.equal(widen('long', 'real'), 'real');
  assert.equal(widen('int', 'long'), 'long');
  assert.equal(widen('real', 'decimal'), 'real');
  for (const t of ['bool', 'long', 'real', 'datetime'] as const) assert.equal(widen(t, 'string'), 'string');
  assert.equal(widen('bool', 'long'), 'string');
  assert.equal(widen('datetime', 'long'), 'string');
  for (const t of ['bool', 'long', 'real', 'datetime', 'string'] as const) assert.equal(widen(t, 'dynamic'), 'dynamic');
});

test('resolveExisting(): what an existing column becomes', () => {
  assert.equal(resolveExisting('real', 'long'), 'real');
  assert.equal(resolveExisting('long', 'int'), 'long');
  assert.equal(resolveExisting('int', 'long'), 'int');
  assert.equal(resolveExisting('long', 'real'), 'real');
  assert.equal(resolveExisting('datetime', 'string'), 'datetime');
  assert.equal(resolveExisting('long', 'string'), 'long');
  assert.equal(resolveExisting('string', 'long'), 'string');
  assert.equal(resolveExisting('dynamic', 'bool'), 'dynamic');
  assert.equal(resolveExisting('long', 'dynamic'), 'dynamic');
  assert.equal(resolveExisting('datetime', 'long'), 'string');
  assert.equal(resolveExisting('bool', 'long'), 'string');
  assert.equal(resolveExisting('guid', null), 'guid');
});

test('mixed values in one batch: long+real -> real, long+string -> string, scalar+object -> dynamic, non-ISO strings stay string', async () => {
  await withDb(async (db) => {
    const r = await ingestBatch(db.target, 'M', { kind: 'records', records: [
      { a: 1, b: 1, c: 1, d: '2024-01-01T00:00:00Z', e: true },
      { a: 2.5, b: 'x', c: { k: 1 }, d: 'yesterday', e: null },
    ] }, {});
    assert.deepEqual(r.addedColumns.slice(1).map((c) => `${c.name}:${c.type}`), ['a:real', 'b:string', 'c:dynamic', 'd:string', 'e:bool']);
    assert.deepEqual(await db.rows(`SELECT a, b, CAST(c AS VARCHAR), d, e FROM M ORDER BY a`), [
      [1, '1', '1', '2024-01-01T00:00:00Z', true], [2.5, 'x', '{"k":1}', 'yesterday', null],
    ]);
  });
});

test('types inferred from DuckDB\'s sample are checked against every record (contradiction after 20,480 rows)', async () => {
  await withDb(async (db) => {
    const lines: string[] = [];
    for (let i = 0; i < 21000; i++) lines.push(JSON.stringify({ n: i, t: '2024-01-01T00:00:00Z' }));
    lines.push(JSON.stringify({ n: 'late', t: 'not a date' }));
    const f = join(db.dir, 'late.ndjson');
    writeFileSync(f, lines.join('\n'));
    const r = await ingestBatch(db.target, 'Late', { kind: 'files', paths: [f] }, {});
    assert.equal(r.rows, 21001);
    assert.deepEqual(r.addedColumns.slice(1).map((c) => `${c.name}:${c.type}`), ['n:string', 't:string']);
    assert.deepEqual(await db.rows(`SELECT n, t FROM Late WHERE n = 'late'`), [['late', 'not a date']]);
  });
});

test('existing columns: lossless values keep the type; others widen with ALTER in the batch\'s transaction', async () => {
  await withDb(async (db) => {
    await ingestBatch(db.target, 'W', { kind: 'records', records: [{ r: 1.5, l: 1, d: '2024-01-01T00:00:00.5Z', s: 'a', x: 1, b: true, z: 7 }] }, {});
    assert.deepEqual((await db.columns('W')).map((c) => c[1]), ['TIMESTAMP_NS', 'DOUBLE', 'BIGINT', 'TIMESTAMP_NS', 'VARCHAR', 'BIGINT', 'BOOLEAN', 'BIGINT']);
    // long into real, ISO text into datetime, long into string: kept
    let r = await ingestBatch(db.target, 'W', { kind: 'records', records: [{ r: 2, d: '2024-01-02T00:00:00Z', s: 5 }] }, {});
    assert.deepEqual(r.widened, []);
    assert.deepEqual(await db.rows(`SELECT r, CAST(d AS VARCHAR), s FROM W ORDER BY r`), [[1.5, '2024-01-01 00:00:00.5', 'a'], [2, '2024-01-02 00:00:00', '5']]);
    // real into long -> real; datetime text into ... d stays; object into long -> dynamic; long into datetime -> string; long into bool -> string
    r = await ingestBatch(db.target, 'W', { kind: 'records', records: [{ l: 2.5, x: { k: [1] }, d: '2024-01-03T00:00:00Z', b: 3 }] }, {});
    assert.deepEqual(r.widened, [{ name: 'l', from: 'long', to: 'real' }, { name: 'x', from: 'long', to: 'dynamic' }, { name: 'b', from: 'bool', to: 'string' }]);
    r = await ingestBatch(db.target, 'W', { kind: 'records', records: [{ d: 12 }] }, {});
    assert.deepEqual(r.widened, [{ name: 'd', from: 'datetime', to: 'string' }]);
    assert.deepEqual(await db.rows(`SELECT l, CAST(x AS VARCHAR), b, d FROM W ORDER BY d`), [
      [null, null, '', '12'],
      [1, '1', 'true', '2024-01-01T00:00:00.5000000Z'],
      [null, null, '', '2024-01-02T00:00:00Z'],
      [2.5, '{"k":[1]}', '3', '2024-01-03T00:00:00Z'],
    ]);
    assert.deepEqual((await db.columns('W')).map((c) => c[1]), ['TIMESTAMP_NS', 'DOUBLE', 'DOUBLE', 'VARCHAR', 'VARCHAR', 'JSON', 'VARCHAR', 'BIGINT']);
  });
});

test('a string that does not parse as an existing column\'s type rejects its record; nothing changes', async () => {
  await withDb(async (db) => {
    await ingestBatch(db.target, 'E', { kind: 'records', records: [{ n: 1, t: '2024-01-01T00:00:00Z' }] }, {});
    const before = await db.columns('E');
    await assert.rejects(
      ingestBatch(db.target, 'E', { kind: 'records', records: [{ n: 2, t: '2024-01-02T00:00:00Z', added: 'x' }, { n: 3, t: 'garbage', added: 'y' }] }, {}),
      (e: unknown) => e instanceof IngestError && e.record === 2 && e.column === 't' && /cannot convert garbage to datetime/.test(e.reason),
    );
    await assert.rejects(
      ingestBatch(db.target, 'E', { kind: 'records', records: [{ n: 'four' }] }, {}),
      (e: unknown) => e instanceof IngestError && e.record === 1 && e.column === 'n',
    );
    assert.deepEqual(await db.columns('E'), before, 'the added column was rolled back');
    assert.deepEqual(await db.rows('SELECT n FROM E'), [['1']]);
  });
});
