/** Test helpers for ingestion: a DuckDB file with a write connection shaped as an IngestTarget. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { IngestTarget } from '../src/ingest/index.ts';

export interface TestDb {
  dir: string;
  path: string;
  target: IngestTarget;
  conn: DuckDBConnection;
  rows(sql: string): Promise<unknown[][]>;
  columns(table: string): Promise<[string, string][]>;
  close(): void;
}

export async function openTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'huntbook-ingest-test-'));
  const path = join(dir, 'data.duckdb');
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  let invalidated = 0;
  const target: IngestTarget = {
    conn,
    async schema() { return { name: 'db', tables: [] }; },
    invalidateSchema() { invalidated++; },
  };
  const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowsJson() as unknown[][];
  return {
    dir, path, target, conn, rows,
    async columns(table) {
      return (await rows(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table.replace(/'/g, "''")}' ORDER BY ordinal_position`)) as [string, string][];
    },
    close() {
      conn.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
