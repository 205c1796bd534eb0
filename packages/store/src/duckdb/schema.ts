/**
 * The engine's view of a DuckDB database: tables and columns as Kusto types. Columns stored in
 * other DuckDB types (a foreign file's DATE, TIMESTAMP, SMALLINT, LIST, STRUCT, BLOB, TIME ...)
 * are shown to the engine through a TEMP view of the same name that converts them to the
 * storage contract's types, so every operator sees exactly the types it compiles for; the file
 * is not changed. TEMP views live in one connection, so each connection that runs queries gets
 * the views of the snapshot it runs against (useSchema).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatabaseSchema, KType } from '@huntbook/kql';
import { KUSTO_TO_DUCKDB as NATIVE } from '../types.ts';

/** DuckDB column type -> Kusto type, per the storage contract (and sensible readings of other types). */
export function kustoTypeOfDuckDb(t: string): KType | undefined {
  const u = t.toUpperCase();
  if (u === 'VARCHAR' || u.startsWith('VARCHAR(') || u === 'TEXT') return 'string';
  if (u === 'BOOLEAN') return 'bool';
  if (u === 'INTEGER' || u === 'SMALLINT' || u === 'TINYINT' || u === 'USMALLINT' || u === 'UTINYINT') return 'int';
  if (u === 'BIGINT' || u === 'UINTEGER' || u === 'HUGEINT' || u === 'UBIGINT') return 'long';
  if (u === 'DOUBLE' || u === 'FLOAT' || u === 'REAL') return 'real';
  if (u.startsWith('DECIMAL')) return 'decimal';
  if (u.startsWith('TIMESTAMP') || u === 'DATE') return 'datetime';
  if (u === 'INTERVAL') return 'timespan';
  if (u === 'JSON') return 'dynamic';
  if (u === 'UUID') return 'guid';
  return undefined;
}

/** A stored column as the engine sees it: its Kusto type and, for non-contract types, a conversion. */
function storageColumn(name: string, duckType: string): { type: KType; sql: string; converted: boolean } {
  const col = quoteIdent(name);
  const type = kustoTypeOfDuckDb(duckType) ?? (/^(STRUCT|MAP|UNION)\b|\[\d*\]$/i.test(duckType) ? 'dynamic' : 'string');
  if (duckType.toUpperCase() === NATIVE[type] || (type === 'string' && /^VARCHAR/i.test(duckType))) return { type, sql: col, converted: false };
  if (type === 'dynamic') return { type, sql: `CAST(to_json(${col}) AS JSON)`, converted: true };
  if (type === 'string') return { type, sql: `CAST(${col} AS VARCHAR)`, converted: true };
  return { type, sql: `TRY_CAST(${col} AS ${NATIVE[type]})`, converted: true };
}

/** A SQL identifier: double-quoted, quotes doubled. */
export function quoteIdent(name: string): string { return `"${name.replace(/"/g, '""')}"`; }

/** A SQL string literal: single-quoted, quotes doubled. */
export function quoteString(s: string): string { return `'${s.replace(/'/g, "''")}'`; }

/** The schema as read at one moment, with the TEMP views (table name -> CREATE statement) it needs. */
export interface SchemaSnapshot {
  readonly schema: DatabaseSchema;
  readonly views: ReadonlyMap<string, string>;
}

/** Reads the tables and columns the connection sees (committed ones, or its own transaction's). Creates nothing. */
export async function readSchema(conn: DuckDBConnection): Promise<SchemaSnapshot> {
  const r = await conn.runAndReadAll(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_catalog = current_database() ORDER BY table_name, ordinal_position`);
  const tables = new Map<string, { name: string; type: KType; sql: string; converted: boolean }[]>();
  for (const [t, c, ty] of r.getRows() as [string, string, string][]) {
    let cols = tables.get(t);
    if (!cols) tables.set(t, (cols = []));
    cols.push({ name: c, ...storageColumn(c, ty) });
  }
  const catalog = String((await conn.runAndReadAll('SELECT current_database()')).getRows()[0]![0]);
  const views = new Map<string, string>();
  for (const [t, cols] of tables) {
    if (!cols.some((c) => c.converted)) continue;
    views.set(t, `CREATE OR REPLACE TEMP VIEW ${quoteIdent(t)} AS SELECT ${cols.map((c) => `${c.sql} AS ${quoteIdent(c.name)}`).join(', ')} FROM ${quoteIdent(catalog)}.main.${quoteIdent(t)}`);
  }
  return {
    schema: { name: 'db', tables: [...tables].map(([name, cols]) => ({ name, columns: cols.map((c) => ({ name: c.name, type: c.type })) })) },
    views,
  };
}

/** The snapshot whose views each connection has. */
const applied = new WeakMap<DuckDBConnection, SchemaSnapshot>();

/** Makes the connection's TEMP views those of `snap` (a no-op when they already are). */
export async function useSchema(conn: DuckDBConnection, snap: SchemaSnapshot): Promise<void> {
  const prev = applied.get(conn);
  if (prev === snap) return;
  applied.delete(conn);
  for (const t of prev?.views.keys() ?? []) {
    if (!snap.views.has(t)) await conn.run(`DROP VIEW IF EXISTS temp.main.${quoteIdent(t)}`);
  }
  for (const sql of snap.views.values()) await conn.run(sql);
  applied.set(conn, snap);
}
