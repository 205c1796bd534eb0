/**
 * CSV empty values: an empty field, quoted ("") or not, is null in a non-string column (as Log
 * Analytics reads CSV) and '' in a string column; for a new table and for the standard
 * SecurityEvent table (CSV as DuckDB's COPY ... (FORMAT CSV, HEADER) writes it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestBatch, IngestError } from '../src/ingest/index.ts';
import { createTableSql, pickStandardTables } from '../src/workspace/standard-tables.ts';
import { openTestDb, type TestDb } from './ingest-helpers.ts';

async function withDb(fn: (db: TestDb) => Promise<void>): Promise<void> {
  const db = await openTestDb();
  try { await fn(db); } finally { db.close(); }
}

test('CSV into a new table: "" and an unquoted empty field are null in long, real, bool and datetime columns, \'\' in strings', async () => {
  await withDb(async (db) => {
    const f = join(db.dir, 'e.csv');
    writeFileSync(f, 'Name,N,R,B,Seen\na,1,1.5,true,2024-01-01T00:00:00Z\n"",2,"","",""\nc,"",,,\n,,2.5,false,2024-01-02T00:00:00Z\n');
    const r = await ingestBatch(db.target, 'E', { kind: 'files', paths: [f] }, {});
    assert.equal(r.rows, 4);
    assert.deepEqual(r.addedColumns.map((c) => `${c.name}:${c.type}`), ['TimeGenerated:datetime', 'Name:string', 'N:long', 'R:real', 'B:bool', 'Seen:datetime']);
    assert.deepEqual(await db.rows(`SELECT Name, N, R, B, CAST(Seen AS VARCHAR) FROM E ORDER BY Seen NULLS LAST, N NULLS LAST`), [
      ['a', '1', 1.5, true, '2024-01-01 00:00:00'],
      ['', null, 2.5, false, '2024-01-02 00:00:00'],
      ['', '2', null, null, null],
      ['c', null, null, null, null],
    ]);
  });
});

test('CSV into an existing long column: "" is null; a text that is not a number still rejects its record', async () => {
  await withDb(async (db) => {
    await db.conn.run(`CREATE TABLE L (TimeGenerated TIMESTAMP_NS, Name VARCHAR DEFAULT '', N BIGINT)`);
    const f = join(db.dir, 'l.csv');
    writeFileSync(f, 'Name,N\nx,""\ny,7\n');
    assert.equal((await ingestBatch(db.target, 'L', { kind: 'files', paths: [f] }, {})).rows, 2);
    assert.deepEqual(await db.rows(`SELECT Name, N FROM L ORDER BY Name`), [['x', null], ['y', '7']]);
    const g = join(db.dir, 'bad.csv');
    writeFileSync(g, 'Name,N\nz,""\nw,many\n');
    await assert.rejects(ingestBatch(db.target, 'L', { kind: 'files', paths: [g] }, {}), (e: unknown) => {
      assert.ok(e instanceof IngestError);
      assert.equal(e.record, 2);
      assert.equal(e.column, 'N');
      return true;
    });
    assert.deepEqual(await db.rows(`SELECT count(*) FROM L`), [['2']]);
    // the failed insert's session setting is undone with its transaction
    assert.deepEqual(await db.rows(`SELECT current_setting('preserve_insertion_order')`), [[true]]);
  });
});

test('CSV into the standard SecurityEvent table: "" in int, real and datetime columns is null', async () => {
  await withDb(async (db) => {
    await db.conn.run(createTableSql(pickStandardTables(['SecurityEvent'])[0]!));
    const f = join(db.dir, 'SecurityEvent.csv');
    // KeyLength is "" in every row (the sniff calls it VARCHAR), EventID in one row (the sniff calls it BIGINT)
    writeFileSync(f, [
      'TimeGenerated,Account,EventID,KeyLength,_BilledSize,LogonType,Computer,ProcessId',
      '2024-05-01T10:00:00.000000Z,CORP\\ann,4624,"",1888.0,3,ws1,0x1f4',
      '"",CORP\\bob,"","","",,"",""',
      '2024-05-01T10:00:02.5Z,"",4634,"",1637.0,"",ws2,0x0',
    ].join('\n') + '\n');
    const before = Date.now();
    const r = await ingestBatch(db.target, 'SecurityEvent', { kind: 'files', paths: [f] }, {});
    assert.equal(r.rows, 3);
    assert.deepEqual(r.addedColumns, []);
    assert.deepEqual(r.widened, []);
    // ProcessId is a string column: its hex text is kept as written (not read as a number)
    assert.deepEqual(await db.rows(`SELECT Account, EventID, KeyLength, _BilledSize, LogonType, Computer, ProcessId, TimeGenerated < TIMESTAMP '2025-01-01' FROM SecurityEvent ORDER BY TimeGenerated`), [
      ['CORP\\ann', 4624, null, 1888, 3, 'ws1', '0x1f4', true],
      ['', 4634, null, 1637, null, 'ws2', '0x0', true],
      ['CORP\\bob', null, null, null, null, '', '', false],
    ]);
    // the empty TimeGenerated is the ingest time
    const [[t]] = await db.rows(`SELECT epoch_ms(TimeGenerated) FROM SecurityEvent WHERE Account = 'CORP\\bob'`) as [[string]];
    assert.ok(Number(t) >= before - 1000, `TimeGenerated ${t} is the ingest time`);
  });
});

test('CSV into a new table: hex text that DuckDB\'s sniff reads as a number stays string, as written', async () => {
  await withDb(async (db) => {
    const f = join(db.dir, 'hex.csv');
    writeFileSync(f, 'Mask,N\n0x10,1\n0x1F,2\n"",3\n');
    const r = await ingestBatch(db.target, 'Hex', { kind: 'files', paths: [f] }, {});
    assert.deepEqual(r.addedColumns.map((c) => `${c.name}:${c.type}`), ['TimeGenerated:datetime', 'Mask:string', 'N:long']);
    assert.deepEqual(await db.rows(`SELECT Mask, N FROM Hex ORDER BY N`), [['0x10', '1'], ['0x1F', '2'], ['', '3']]);
  });
});
