/**
 * Where a table's rows are physically stored. Most tables are plain DuckDB tables in `main`.
 * A standard Sentinel table created empty (SecurityEvent has 228 columns, of which a log source
 * fills a few dozen) is stored sparsely: a table in the `__hb_tables` schema holds only the
 * columns that have received data, and a view of the table's name in `main` shows the whole
 * Sentinel schema, each column not yet stored as its empty value ('' for strings, `Type` as the
 * table's name, null otherwise). Writing 130 always-empty columns made ingestion into a standard
 * table take twice as long as into a table of the file's own fields; stored this way, an empty
 * column costs nothing.
 *
 * Readers (the engine, schema, counts) see only `main`, so they never know the difference.
 * Writers (ingestion, retention, the sample generator, sizes) go through storedTable(), add
 * columns with addColumns() and refresh the view with refreshView() after any change of the
 * stored table's columns, in the same transaction.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TableSchema } from '../sample/schemas.ts';
import { kustoTypeToDuckDb } from '../types.ts';
import { quoteIdent, quoteString } from './schema.ts';

/** The DuckDB schema holding the stored part of sparse tables (the reserved `__hb_` prefix: no user name collides). */
export const STORED_SCHEMA = '__hb_tables';

export interface StoredTable {
  /** the name readers use (in `main`) */
  name: string;
  /** the stored table, as SQL: `"main"."T"` or `"__hb_tables"."T"` */
  ref: string;
  /** true for a sparse table (a view over a narrower stored table) */
  sparse: boolean;
}

interface Col { name: string; type: string }

async function rows(conn: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await conn.runAndReadAll(sql)).getRows();
}

/** The columns (name, DuckDB type) of a table or view in a schema of the current database, in order. */
async function columns(conn: DuckDBConnection, schema: string, table: string): Promise<Col[]> {
  const r = await rows(conn, `SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = ${quoteString(schema)} AND table_name = ${quoteString(table)} ORDER BY ordinal_position`);
  return r.map(([n, t]) => ({ name: String(n), type: String(t) }));
}

/** Names of the sparse tables of the current database. */
export async function sparseTables(conn: DuckDBConnection): Promise<Set<string>> {
  const r = await rows(conn, `SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = ${quoteString(STORED_SCHEMA)}`);
  return new Set(r.map(([n]) => String(n)));
}

/** Where the table `name` (its exact spelling in `main`) is stored. */
export async function storedTable(conn: DuckDBConnection, name: string, sparse?: ReadonlySet<string>): Promise<StoredTable> {
  const isSparse = (sparse ?? await sparseTables(conn)).has(name);
  return { name, ref: `${quoteIdent(isSparse ? STORED_SCHEMA : 'main')}.${quoteIdent(name)}`, sparse: isSparse };
}

/** The value a sparse view shows for a column that is not stored. */
function emptyValue(table: string, c: Col): string {
  if (c.type === 'VARCHAR') return c.name === 'Type' ? quoteString(table) : `''`;
  return `CAST(NULL AS ${c.type})`;
}

/** The view over `stored`: the columns of `shape` in order (stored or empty), then stored columns `shape` lacks. */
function viewSql(table: string, shape: readonly Col[], stored: readonly Col[]): string {
  const byName = new Map(stored.map((c) => [c.name.toLowerCase(), c]));
  const used = new Set<Col>();
  const select: string[] = [];
  for (const c of shape) {
    const s = byName.get(c.name.toLowerCase());
    if (s) used.add(s);
    select.push(`${s ? quoteIdent(s.name) : emptyValue(table, c)} AS ${quoteIdent(s?.name ?? c.name)}`);
  }
  for (const s of stored) if (!used.has(s)) select.push(quoteIdent(s.name));
  return `CREATE OR REPLACE VIEW main.${quoteIdent(table)} AS SELECT ${select.join(', ')} FROM ${quoteIdent(STORED_SCHEMA)}.${quoteIdent(table)}`;
}

/**
 * Creates the standard table `t` sparsely: its stored part holds TimeGenerated (or the first
 * column when there is none), the view every column. The caller runs it inside a transaction.
 */
export async function createSparseTable(conn: DuckDBConnection, t: TableSchema): Promise<void> {
  const shape = t.columns.map((c) => ({ name: c.name, type: kustoTypeToDuckDb(c.type) }));
  const first = shape.find((c) => c.name === 'TimeGenerated' && c.type === 'TIMESTAMP_NS') ?? shape[0];
  if (!first) throw new Error(`table '${t.name}' has no columns`);
  await conn.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(STORED_SCHEMA)}`);
  await conn.run(`CREATE TABLE ${quoteIdent(STORED_SCHEMA)}.${quoteIdent(t.name)} (${quoteIdent(first.name)} ${first.type})`);
  await conn.run(viewSql(t.name, shape, [first]));
}

/** Rebuilds a sparse table's view from its current view (the schema's shape) and stored columns. */
export async function refreshView(conn: DuckDBConnection, table: StoredTable): Promise<void> {
  if (!table.sparse) return;
  const shape = await columns(conn, 'main', table.name);
  const stored = await columns(conn, STORED_SCHEMA, table.name);
  await conn.run(viewSql(table.name, shape, stored));
}

/**
 * For a sparse table: stores the columns of its schema named in `names` (case-insensitive) that
 * are not stored yet, with the schema's type (strings default to ''). Returns how many were
 * added; the caller refreshes the view once its other changes are made.
 */
export async function storeColumns(conn: DuckDBConnection, table: StoredTable, names: readonly string[]): Promise<number> {
  if (!table.sparse) return 0;
  const shape = await columns(conn, 'main', table.name);
  const stored = new Set((await columns(conn, STORED_SCHEMA, table.name)).map((c) => c.name.toLowerCase()));
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  let added = 0;
  for (const c of shape) {
    const k = c.name.toLowerCase();
    if (!wanted.has(k) || stored.has(k)) continue;
    await conn.run(`ALTER TABLE ${table.ref} ADD COLUMN ${quoteIdent(c.name)} ${c.type}${c.type === 'VARCHAR' ? ` DEFAULT ''` : ''}`);
    stored.add(k);
    added++;
  }
  return added;
}

/** The stored columns of a table (for a plain table, all of them). */
export async function storedColumns(conn: DuckDBConnection, table: StoredTable): Promise<Col[]> {
  return columns(conn, table.sparse ? STORED_SCHEMA : 'main', table.name);
}

/** Drops the table `name` of `main` in whichever form it is stored (nothing when there is none). */
export async function dropTable(conn: DuckDBConnection, name: string): Promise<void> {
  const r = await rows(conn, `SELECT table_schema, table_type FROM information_schema.tables WHERE table_catalog = current_database() AND table_name = ${quoteString(name)} AND table_schema IN ('main', ${quoteString(STORED_SCHEMA)})`);
  for (const [schema, type] of r) {
    if (schema === 'main') await conn.run(`DROP ${type === 'VIEW' ? 'VIEW' : 'TABLE'} main.${quoteIdent(name)}`);
  }
  for (const [schema] of r) {
    if (schema === STORED_SCHEMA) await conn.run(`DROP TABLE ${quoteIdent(STORED_SCHEMA)}.${quoteIdent(name)}`);
  }
}
