/**
 * Nothing is lost: a JSON field that first appears after DuckDB's detection sample (20,480
 * records) still becomes a column with its values, in NDJSON and in a JSON array.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestBatch } from '../src/ingest/index.ts';
import { openTestDb } from './ingest-helpers.ts';

const N = 25000;

function records(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 1; i <= N; i++) out.push(i === N ? { n: i, Late: 'found', LateCount: 7 } : { n: i });
  return out;
}

for (const format of ['ndjson', 'json'] as const) {
  test(`${format}: a field first seen at record ${N.toLocaleString('en-US')} arrives as a column with its values`, async () => {
    const db = await openTestDb();
    try {
      const f = join(db.dir, `late.${format}`);
      const rs = records();
      writeFileSync(f, format === 'ndjson' ? rs.map((r) => JSON.stringify(r)).join('\n') + '\n' : JSON.stringify(rs));
      const r = await ingestBatch(db.target, 'Late', { kind: 'files', paths: [f] }, {});
      assert.equal(r.rows, N);
      assert.deepEqual(r.addedColumns.map((c) => `${c.name}:${c.type}`), ['TimeGenerated:datetime', 'n:long', 'Late:string', 'LateCount:long']);
      assert.deepEqual(await db.rows(`SELECT n, Late, LateCount FROM Late WHERE Late <> '' OR LateCount IS NOT NULL`), [[String(N), 'found', '7']]);
      assert.deepEqual(await db.rows(`SELECT count(*) FROM Late WHERE Late = ''`), [[String(N - 1)]]);
    } finally {
      db.close();
    }
  });
}

test('a field first seen after the sample, going into an existing table, is added to it', async () => {
  const db = await openTestDb();
  try {
    await db.conn.run(`CREATE TABLE Known (TimeGenerated TIMESTAMP_NS, n BIGINT)`);
    const f = join(db.dir, 'late2.ndjson');
    writeFileSync(f, records().map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = await ingestBatch(db.target, 'Known', { kind: 'files', paths: [f] }, {});
    assert.deepEqual(r.addedColumns.map((c) => `${c.name}:${c.type}`), ['Late:string', 'LateCount:long']);
    assert.deepEqual(await db.rows(`SELECT n, Late, LateCount FROM Known WHERE LateCount IS NOT NULL`), [[String(N), 'found', '7']]);
  } finally {
    db.close();
  }
});
