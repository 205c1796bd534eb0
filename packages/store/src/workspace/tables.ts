/**
 * What a workspace's tables hold, cheaply: exact row counts (DuckDB keeps them per row group),
 * an estimate of the bytes on disk from the storage blocks of each table (no scan of the data),
 * and the first and last TimeGenerated (min/max over one column, which zone maps make cheap).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { fromDuckDb, type DatabaseSchema } from '@huntbook/kql';
import { quoteIdent, quoteString } from '../duckdb/schema.ts';
import { sparseTables, STORED_SCHEMA } from '../duckdb/stored.ts';
import type { TableInfo } from './types.ts';

/** Bytes per value of a segment not yet written to a block (still in the WAL and in memory). */
const IN_MEMORY_WIDTH = `CASE WHEN segment_type = 'VALIDITY' THEN count / 8 WHEN segment_type IN ('VARCHAR', 'INTERVAL', 'UUID', 'HUGEINT') OR segment_type LIKE 'DECIMAL%' THEN count * 16 ELSE count * 8 END`;

export async function tableInfos(conn: DuckDBConnection, schema: DatabaseSchema): Promise<TableInfo[]> {
  const catalog = String((await conn.runAndReadAll('SELECT current_database()')).getRows()[0]![0]);
  const blockSize = Number((await conn.runAndReadAll(
    'SELECT block_size FROM pragma_database_size() WHERE database_name = current_database()')).getRows()[0]?.[0] ?? 262144);
  const sparse = await sparseTables(conn);
  const out: TableInfo[] = [];
  for (const t of schema.tables) {
    const full = `${quoteIdent(catalog)}.main.${quoteIdent(t.name)}`;
    const stored = `${quoteIdent(catalog)}.${quoteIdent(sparse.has(t.name) ? STORED_SCHEMA : 'main')}.${quoteIdent(t.name)}`;
    const hasTime = t.columns.some((c) => c.name === 'TimeGenerated' && c.type === 'datetime');
    const time = hasTime ? `min("TimeGenerated"), max("TimeGenerated")` : 'NULL, NULL';
    const sql = `SELECT * FROM (SELECT count(*), ${time} FROM ${full}),
      (SELECT coalesce(count(DISTINCT block_id) FILTER (WHERE persistent), 0) + coalesce(sum(len(additional_block_ids)) FILTER (WHERE persistent), 0),
              coalesce(sum(${IN_MEMORY_WIDTH}) FILTER (WHERE NOT persistent), 0)
       FROM pragma_storage_info(${quoteString(stored)}))`;
    const [rows, first, last, blocks, inMemory] = (await conn.runAndReadAll(sql)).getRows()[0]!;
    out.push({
      name: t.name,
      columns: t.columns,
      rows: Number(rows),
      bytes: Number(blocks) * blockSize + Number(inMemory),
      firstTime: first == null ? null : fromDuckDb(first, 'datetime') as string,
      lastTime: last == null ? null : fromDuckDb(last, 'datetime') as string,
    });
  }
  return out;
}
