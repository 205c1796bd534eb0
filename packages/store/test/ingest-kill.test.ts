/**
 * A real kill: a child process ingests a large batch into a DuckDB file that already has rows
 * and is SIGKILLed mid-batch. The file reopens cleanly, the earlier rows are all there, no row
 * of the killed batch is visible, and a new batch goes in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingestBatch, type IngestTarget } from '../src/ingest/index.ts';

const here = dirname(fileURLToPath(import.meta.url));

async function open(path: string) {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  const target: IngestTarget = { conn, schema: async () => ({ name: 'db', tables: [] }), invalidateSchema: () => undefined };
  const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowsJson();
  return { target, conn, rows, close: () => { conn.closeSync(); instance.closeSync(); } };
}

test('SIGKILL mid-batch: earlier rows intact, none of the killed batch, the file accepts a new batch', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huntbook-kill-'));
  try {
    const dbPath = join(dir, 'data.duckdb');
    const big = join(dir, 'big.ndjson');
    const db = await open(dbPath);
    await ingestBatch(db.target, 'K', { kind: 'records', records: Array.from({ length: 100 }, (_, i) => ({ n: i, s: `old${i}` })) }, {});
    // 1.5M records with a new column, so the killed batch also alters the schema
    await db.conn.run(`COPY (SELECT 1000 + i AS n, 'new' || i AS s, i % 7 AS extra FROM range(1500000) t(i)) TO '${big.replace(/'/g, "''")}' (FORMAT json)`);
    db.close();

    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'ingest-kill-child.ts'), dbPath, big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => { err += String(d); });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += String(d);
        if (out.includes('started')) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited before starting: ${err}`)));
    });
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGKILL');
    const signal = await exited;
    assert.equal(signal, 'SIGKILL');
    assert.ok(!out.includes('done'), 'the batch finished before the kill: the test needs a bigger batch');

    const again = await open(dbPath);
    try {
      assert.deepEqual(await again.rows('SELECT count(*), min(n), max(n), count(DISTINCT s) FROM K'), [['100', '0', '99', '100']]);
      assert.deepEqual((await again.rows(`SELECT column_name FROM information_schema.columns WHERE table_name = 'K' ORDER BY ordinal_position`)).map((r) => r[0]), ['TimeGenerated', 'n', 's']);
      const r = await ingestBatch(again.target, 'K', { kind: 'records', records: [{ n: 5000, s: 'after', extra: 1 }] }, {});
      assert.equal(r.rows, 1);
      assert.deepEqual(await again.rows('SELECT count(*) FROM K'), [['101']]);
    } finally {
      again.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
