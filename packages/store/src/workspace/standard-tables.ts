/**
 * The standard Sentinel tables a workspace may be born with, from the vendored schemas
 * (sample/schemas.ts loads them; the sample generator creates its tables from the same files).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { loadSentinelSchemas, type TableSchema } from '../sample/schemas.ts';
import { kustoTypeToDuckDb } from '../types.ts';
import { quoteIdent } from '../duckdb/schema.ts';
import { createSparseTable } from '../duckdb/stored.ts';

/**
 * The columns DuckDB can hold: its names are case-insensitive, so of two columns that differ only
 * in case (AzureDiagnostics has clientIP_s and clientIp_s) the first is kept.
 */
export function storableColumns(t: TableSchema): TableSchema['columns'] {
  const seen = new Set<string>();
  return t.columns.filter((c) => !seen.has(c.name.toLowerCase()) && seen.add(c.name.toLowerCase()));
}

/** `CREATE TABLE` for a schema, in the storage contract's types. */
export function createTableSql(t: TableSchema): string {
  return `CREATE TABLE ${quoteIdent(t.name)} (${storableColumns(t).map((c) => `${quoteIdent(c.name)} ${kustoTypeToDuckDb(c.type)}`).join(', ')})`;
}

/** The schemas for `true` (all of them) or a list of names (case-insensitive; an unknown name is an error). */
export function pickStandardTables(which: boolean | readonly string[] | undefined): TableSchema[] {
  if (!which || (Array.isArray(which) && which.length === 0)) return [];
  const all = loadSentinelSchemas();
  if (which === true) return all;
  const out: TableSchema[] = [];
  for (const name of which as readonly string[]) {
    const t = all.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!t) throw new RangeError(`no standard table named '${name}' (there are ${all.length}: ${all.slice(0, 8).map((s) => s.name).join(', ')}, ...)`);
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** Creates the tables, empty and stored sparsely (duckdb/stored.ts), in one transaction. */
export async function createTables(conn: DuckDBConnection, tables: readonly TableSchema[]): Promise<void> {
  await conn.run('BEGIN TRANSACTION');
  try {
    for (const t of tables) await createSparseTable(conn, { ...t, columns: storableColumns(t) });
    await conn.run('COMMIT');
  } catch (e) {
    await conn.run('ROLLBACK');
    throw e;
  }
}
