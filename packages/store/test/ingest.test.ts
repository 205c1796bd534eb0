/** Ingestion: every format, schema growth, TimeGenerated, _CL, atomic rejection, quarantine, hostile names. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ingestBatch, IngestError } from '../src/ingest/index.ts';
import { openTestDb, type TestDb } from './ingest-helpers.ts';

async function withDb(fn: (db: TestDb) => Promise<void>): Promise<void> {
  const db = await openTestDb();
  try { await fn(db); } finally { db.close(); }
}

const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

test('NDJSON into a new table: inferred Kusto types, TimeGenerated first and filled, strings never null', async () => {
  await withDb(async (db) => {
    const f = join(db.dir, 'a.ndjson');
    writeFileSync(f, ndjson([
      { Computer: 'ws1', Count: 1, Score: 1.5, Ok: true, When: '2024-03-01T12:00:00.1234567Z', Tags: ['a'], Props: { k: 1 } },
      { Computer: '', Count: 2, Score: 2, Ok: false, When: '2024-03-02T00:00:00Z', Tags: [], Props: null, Extra: 'x' },
    ]));
    const before = new Date();
    const r = await ingestBatch(db.target, 'MyTable', { kind: 'files', paths: [f] }, {});
    assert.equal(r.table, 'MyTable');
    assert.equal(r.rows, 2);
    assert.equal(r.quarantined, 0);
    assert.deepEqual(await db.columns('MyTable'), [
      ['TimeGenerated', 'TIMESTAMP_NS'], ['Computer', 'VARCHAR'], ['Count', 'BIGINT'], ['Score', 'DOUBLE'], ['Ok', 'BOOLEAN'],
      ['When', 'TIMESTAMP_NS'], ['Tags', 'JSON'], ['Props', 'JSON'], ['Extra', 'VARCHAR'],
    ]);
    assert.deepEqual(r.addedColumns.map((c) => `${c.name}:${c.type}`), ['TimeGenerated:datetime', 'Computer:string', 'Count:long', 'Score:real', 'Ok:bool', 'When:datetime', 'Tags:dynamic', 'Props:dynamic', 'Extra:string']);
    const rows = await db.rows(`SELECT Computer, Count, Score, Ok, CAST("When" AS VARCHAR), CAST(Tags AS VARCHAR), CAST(Props AS VARCHAR), Extra, TimeGenerated >= '${before.toISOString().replace('T', ' ').replace('Z', '')}'::TIMESTAMP_NS - INTERVAL 1 SECOND FROM MyTable ORDER BY Count`);
    assert.deepEqual(rows, [
      ['ws1', '1', 1.5, true, '2024-03-01 12:00:00.1234567', '["a"]', '{"k":1}', '', true],
      ['', '2', 2, false, '2024-03-02 00:00:00', '[]', null, 'x', true],
    ]);
  });
});

test('CSV with a header row, quotes and empty fields; gzip of it', async () => {
  await withDb(async (db) => {
    const csv = 'Name,N,Seen,Note\nalpha,1,2024-01-01T00:00:00Z,"say ""hi"", then go"\nbeta,2,2024-01-02 10:00:00,\n';
    const f = join(db.dir, 'a.csv');
    writeFileSync(f, csv);
    const g = join(db.dir, 'b.csv.gz');
    writeFileSync(g, gzipSync(csv));
    const r = await ingestBatch(db.target, 'Csv', { kind: 'files', paths: [f, g] }, {});
    assert.equal(r.rows, 4);
    assert.deepEqual((await db.columns('Csv')).map((c) => c[1]), ['TIMESTAMP_NS', 'VARCHAR', 'BIGINT', 'TIMESTAMP_NS', 'VARCHAR']);
    assert.deepEqual(await db.rows(`SELECT Name, N, CAST(Seen AS VARCHAR), Note FROM Csv ORDER BY Name, N LIMIT 2`), [
      ['alpha', '1', '2024-01-01 00:00:00', 'say "hi", then go'],
      ['alpha', '1', '2024-01-01 00:00:00', 'say "hi", then go'],
    ]);
    assert.deepEqual(await db.rows(`SELECT count(*) FROM Csv WHERE Note = ''`), [['2']]);
  });
});

test('JSON array, gzip bytes detected by magic, records, and Parquet (plain and .gz)', async () => {
  await withDb(async (db) => {
    const arr = JSON.stringify([{ a: 1, s: 'x' }, { a: 2, s: 'y' }]);
    const f = join(db.dir, 'a.json');
    writeFileSync(f, arr);
    assert.equal((await ingestBatch(db.target, 'T', { kind: 'files', paths: [f] }, {})).rows, 2);
    assert.equal((await ingestBatch(db.target, 'T', { kind: 'bytes', data: gzipSync(ndjson([{ a: 3, s: 'z' }])) }, {})).rows, 1);
    assert.equal((await ingestBatch(db.target, 'T', { kind: 'bytes', data: gzipSync(arr), name: 'body.json.gz' }, {})).rows, 2);
    assert.equal((await ingestBatch(db.target, 'T', { kind: 'bytes', data: Buffer.from('a,s\n9,csv\n') }, {})).rows, 1);
    assert.equal((await ingestBatch(db.target, 'T', { kind: 'records', records: [{ a: 4, s: 'r' }, { a: 5 }] }, {})).rows, 2);
    const pq = join(db.dir, 'p.parquet');
    await db.conn.run(`COPY (SELECT 6::BIGINT AS a, 'pq' AS s, [1, 2] AS l) TO '${pq}' (FORMAT parquet)`);
    assert.equal((await ingestBatch(db.target, 'T', { kind: 'files', paths: [pq] }, {})).rows, 1);
    const { readFileSync } = await import('node:fs');
    writeFileSync(`${pq}.gz`, gzipSync(readFileSync(pq)));
    assert.equal((await ingestBatch(db.target, 'T', { kind: 'files', paths: [`${pq}.gz`] }, {})).rows, 1);
    assert.deepEqual(await db.rows(`SELECT a, s, CAST(l AS VARCHAR) FROM T ORDER BY a, s`), [
      ['1', 'x', null], ['1', 'x', null], ['2', 'y', null], ['2', 'y', null], ['3', 'z', null], ['4', 'r', null], ['5', '', null], ['6', 'pq', '[1,2]'], ['6', 'pq', '[1,2]'], ['9', 'csv', null],
    ]);
  });
});

test('unknown format names the file; bad table names are refused; _CL is appended for custom logs', async () => {
  await withDb(async (db) => {
    const f = join(db.dir, 'data.xyz');
    writeFileSync(f, 'hello');
    await assert.rejects(ingestBatch(db.target, 'T', { kind: 'files', paths: [f] }, {}), (e: unknown) => e instanceof IngestError && e.message.includes('data.xyz') && /unknown format/.test(e.reason));
    for (const bad of ['a"b', 'x; DROP TABLE y', '', '1abc', 'a-b']) {
      await assert.rejects(ingestBatch(db.target, bad, { kind: 'records', records: [{ a: 1 }] }, {}), /invalid table name/);
    }
    const r = await ingestBatch(db.target, 'MyApp', { kind: 'records', records: [{ a: 1 }] }, { customLog: true });
    assert.equal(r.table, 'MyApp_CL');
    const r2 = await ingestBatch(db.target, 'myapp_CL', { kind: 'records', records: [{ a: 2 }] }, { customLog: true });
    assert.equal(r2.table, 'MyApp_CL', 'an existing table keeps its spelling');
    assert.deepEqual(await db.rows('SELECT count(*) FROM MyApp_CL'), [['2']]);
  });
});

test('hostile column names (quotes, semicolons) are stored as they are', async () => {
  await withDb(async (db) => {
    const names = [`a"b`, `c'd`, `x; DROP TABLE T; --`, 'sp ace'];
    const rec = Object.fromEntries(names.map((n, i) => [n, i]));
    const r = await ingestBatch(db.target, 'Hostile', { kind: 'records', records: [rec] }, {});
    assert.equal(r.rows, 1);
    assert.deepEqual((await db.columns('Hostile')).map((c) => c[0]), ['TimeGenerated', ...names]);
    const csv = join(db.dir, 'h.csv');
    writeFileSync(csv, `"q""uote",semi;colon\n1,2\n`);
    await ingestBatch(db.target, 'Hostile', { kind: 'files', paths: [csv] }, {});
    assert.deepEqual((await db.columns('Hostile')).map((c) => c[0]).slice(-2), ['q"uote', 'semi;colon']);
  });
});

test('schema grows across batches; old rows get empty strings and nulls; names match case-insensitively', async () => {
  await withDb(async (db) => {
    await ingestBatch(db.target, 'G', { kind: 'records', records: [{ Host: 'a', N: 1 }] }, {});
    const r = await ingestBatch(db.target, 'G', { kind: 'records', records: [{ host: 'b', n: 2, User: 'u', Port: 22, TimeGenerated: '2024-01-01T00:00:00Z' }] }, {});
    assert.deepEqual(r.addedColumns, [{ name: 'User', type: 'string' }, { name: 'Port', type: 'long' }]);
    assert.deepEqual(r.widened, []);
    assert.deepEqual((await db.columns('G')).map((c) => c[0]), ['TimeGenerated', 'Host', 'N', 'User', 'Port']);
    assert.deepEqual(await db.rows(`SELECT Host, N, "User", Port FROM G ORDER BY N`), [['a', '1', '', null], ['b', '2', 'u', '22']]);
    assert.deepEqual(await db.rows(`SELECT CAST(TimeGenerated AS VARCHAR) FROM G WHERE N = 2`), [['2024-01-01 00:00:00']]);
    assert.deepEqual(await db.rows(`SELECT count(*) FROM G WHERE TimeGenerated IS NULL`), [['0']]);
  });
});
