/** Retention: rows older than the workspace's retention by TimeGenerated are deleted, table by table. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatabaseSchema } from '@huntbook/kql';
import { quoteString } from '../duckdb/schema.ts';
import { sparseTables, storedTable } from '../duckdb/stored.ts';

/** The moment before which rows go: `now` minus `days` whole days. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

/**
 * Deletes rows with TimeGenerated < cutoff in every table that has a datetime TimeGenerated, each
 * DELETE its own transaction (a failure leaves the other tables' deletions done and its own none).
 * Rows whose TimeGenerated is null are kept.
 */
export async function deleteOlderThan(conn: DuckDBConnection, schema: DatabaseSchema, cutoff: Date): Promise<{ table: string; deleted: number }[]> {
  const sparse = await sparseTables(conn);
  const out: { table: string; deleted: number }[] = [];
  for (const t of schema.tables) {
    if (!t.columns.some((c) => c.name === 'TimeGenerated' && c.type === 'datetime')) continue;
    const r = await conn.run(`DELETE FROM ${(await storedTable(conn, t.name, sparse)).ref} WHERE "TimeGenerated" < CAST(${quoteString(cutoff.toISOString())} AS TIMESTAMP_NS)`);
    out.push({ table: t.name, deleted: r.rowsChanged });
  }
  return out;
}
