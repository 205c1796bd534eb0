/** Ingestion errors: malformed records reject the batch with their number, or go to HuntbookIngestionErrors. */
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

function isIngestError(record: number, pattern: RegExp, file?: string) {
  return (e: unknown) => {
    assert.ok(e instanceof IngestError, String(e));
    assert.equal(e.record, record, e.message);
    assert.match(e.reason, pattern);
    if (file !== undefined) assert.equal(e.file, file);
    return true;
  };
}

test('malformed NDJSON, CSV and JSON arrays reject the batch with the record number; the table is unchanged', async () => {
  await withDb(async (db) => {
    await ingestBatch(db.target, 'T', { kind: 'records', records: [{ a: 1, b: 'x' }] }, {});
    const nd = join(db.dir, 'bad.ndjson');
    writeFileSync(nd, '{"a":2,"b":"y","c":1}\n\n{"a":3,"b":"z"}\n{"a":4,\n{"a":5}\n');
    await assert.rejects(ingestBatch(db.target, 'T', { kind: 'files', paths: [nd] }, {}), isIngestError(3, /malformed JSON/));
    const ndgz = join(db.dir, 'bad.ndjson.gz');
    writeFileSync(ndgz, gzipSync('{"a":2}\n[1]\n'));
    await assert.rejects(ingestBatch(db.target, 'T', { kind: 'files', paths: [ndgz] }, {}), isIngestError(2, /must be a JSON object/));
    const csv = join(db.dir, 'bad.csv');
    writeFileSync(csv, 'a,b,c\n2,"multi\nline",1\n3,y,1\n4,z\n5,w,1\n');
    await assert.rejects(ingestBatch(db.target, 'T', { kind: 'files', paths: [csv] }, {}), isIngestError(3, /expected 3 fields .* found 2/));
    const arr = join(db.dir, 'bad.json');
    writeFileSync(arr, '[{"a":2},\n{"a":3},\n{"a":4,,}]');
    await assert.rejects(ingestBatch(db.target, 'T', { kind: 'files', paths: [arr] }, {}), isIngestError(3, /malformed JSON/));
    const good = join(db.dir, 'good.csv');
    writeFileSync(good, 'a,b,new\n9,q,1\n');
    await assert.rejects(ingestBatch(db.target, 'T', { kind: 'files', paths: [good, csv] }, {}), isIngestError(3, /expected 3 fields/, csv));
    assert.deepEqual((await db.columns('T')).map((c) => c[0]), ['TimeGenerated', 'a', 'b'], 'no column of a rejected batch remains');
    assert.deepEqual(await db.rows('SELECT a, b FROM T'), [['1', 'x']], 'no row of a rejected batch is visible');
  });
});

test('quarantine: good records go in, each bad one into HuntbookIngestionErrors with its reason, in one transaction', async () => {
  await withDb(async (db) => {
    await ingestBatch(db.target, 'Q', { kind: 'records', records: [{ n: 1, t: '2024-01-01T00:00:00Z' }] }, {});
    const nd = join(db.dir, 'q.ndjson');
    writeFileSync(nd, '{"n":2,"t":"2024-01-02T00:00:00Z"}\n{"n":3,\n{"n":4,"t":"bad time"}\n{"n":5,"t":"2024-01-05T00:00:00Z","x":true}\n');
    const r = await ingestBatch(db.target, 'Q', { kind: 'files', paths: [nd] }, { errors: 'quarantine' });
    assert.equal(r.rows, 2);
    assert.equal(r.quarantined, 2);
    assert.deepEqual(await db.rows('SELECT n, x FROM Q ORDER BY n'), [['1', null], ['2', null], ['5', true]]);
    const errs = await db.rows('SELECT TargetTable, Source, Record, Reason, RawData, TimeGenerated IS NOT NULL FROM HuntbookIngestionErrors ORDER BY Record');
    assert.equal(errs.length, 2);
    assert.deepEqual(errs[0]!.slice(0, 3), ['Q', 'q.ndjson', '2']);
    assert.match(String(errs[0]![3]), /malformed JSON/);
    assert.equal(errs[0]![4], '{"n":3,');
    assert.deepEqual(errs[1]!.slice(0, 3), ['Q', 'q.ndjson', '3']);
    assert.match(String(errs[1]![3]), /column 't': cannot convert bad time to datetime/);
    assert.match(String(errs[1]![4]), /"n":4/);
    assert.equal(errs[1]![5], true);
    // CSV with a wrong field count, in quarantine mode
    const csv = join(db.dir, 'q.csv');
    writeFileSync(csv, 'n,t\n6,2024-01-06T00:00:00Z\n7\n');
    const r2 = await ingestBatch(db.target, 'Q', { kind: 'files', paths: [csv] }, { errors: 'quarantine' });
    assert.deepEqual([r2.rows, r2.quarantined], [1, 1]);
    assert.deepEqual(await db.rows(`SELECT Record, RawData FROM HuntbookIngestionErrors WHERE Source = 'q.csv'`), [['2', '7']]);
  });
});

test('syslog, CEF and Windows events go through the decoders; a decoder error rejects or is quarantined', async () => {
  await withDb(async (db) => {
    const f = join(db.dir, 'auth.log');
    writeFileSync(f, '<34>Oct 11 22:14:15 mymachine su: \'su root\' failed for lonvick on /dev/pts/8\n<13>1 2024-03-01T12:00:00.123Z host2 sshd 42 ID47 - Accepted password for bob\n');
    const r = await ingestBatch(db.target, 'Syslog', { kind: 'files', paths: [f] }, {});
    assert.equal(r.rows, 2);
    const rows = await db.rows(`SELECT Computer, ProcessName FROM Syslog ORDER BY Computer`);
    assert.deepEqual(rows, [['host2', 'sshd'], ['mymachine', 'su']]);
    const cef = join(db.dir, 'fw.cef');
    writeFileSync(cef, 'CEF:0|Vendor|Product|1.0|100|Blocked|5|src=10.0.0.1 dst=10.0.0.2 dpt=443\nthis is not cef\n');
    await assert.rejects(ingestBatch(db.target, 'CommonSecurityLog', { kind: 'files', paths: [cef] }, {}), (e: unknown) => e instanceof IngestError && e.record === 2);
    const q = await ingestBatch(db.target, 'CommonSecurityLog', { kind: 'files', paths: [cef] }, { errors: 'quarantine' });
    assert.deepEqual([q.rows, q.quarantined], [1, 1]);
    assert.deepEqual(await db.rows(`SELECT DeviceVendor, SourceIP, DestinationPort FROM CommonSecurityLog`), [['Vendor', '10.0.0.1', '443']]);
    assert.deepEqual(await db.rows(`SELECT Record, RawData FROM HuntbookIngestionErrors`), [['2', 'this is not cef']]);
  });
});
