/**
 * One DuckDB database file (or an in-memory one) that runs KQL: the schema is read from
 * the file, queries are compiled by @huntbook/kql and results converted to the contract's
 * value conventions.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { compile, duckdb, fromDuckDb, KqlError, ErrorCodes, type CompiledQuery, type Column, type DatabaseSchema, type KType, type RenderHint, type ResultValue, type QueryParameters } from '@huntbook/kql';
import { registerUdfs } from './udfs.ts';

export interface QueryStats {
  parse_ms: number;
  compile_ms: number;
  execute_ms: number;
  /** the SQL came from the engine's compile cache (the same query ran before on this schema) */
  cached: boolean;
}
export interface QueryResult {
  columns: Column[];
  rows: ResultValue[][];
  render?: RenderHint;
  stats: QueryStats;
}

export interface QueryOptions {
  /** the moment now() stands for; default the current time */
  now?: Date;
  /** values of `declare query_parameters(...)` */
  parameters?: QueryParameters;
  /** reuse a cached compile of the same query (default true) */
  cache?: boolean;
}

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

/** DuckDB's spelling of each Kusto type in storage (the contract of packages/store/src/types.ts). */
const NATIVE: Record<KType, string> = {
  bool: 'BOOLEAN', int: 'INTEGER', long: 'BIGINT', real: 'DOUBLE', decimal: 'DECIMAL(38,18)', string: 'VARCHAR',
  datetime: 'TIMESTAMP_NS', timespan: 'INTERVAL', dynamic: 'JSON', guid: 'UUID',
};

/** A stored column as the engine sees it: its Kusto type and, for non-contract types, a conversion. */
function storageColumn(name: string, duckType: string): { type: KType; sql: string; converted: boolean } {
  const col = quote(name);
  const type = kustoTypeOfDuckDb(duckType) ?? (/^(STRUCT|MAP|UNION)\b|\[\d*\]$/i.test(duckType) ? 'dynamic' : 'string');
  if (duckType.toUpperCase() === NATIVE[type] || (type === 'string' && /^VARCHAR/i.test(duckType))) return { type, sql: col, converted: false };
  if (type === 'dynamic') return { type, sql: `CAST(to_json(${col}) AS JSON)`, converted: true };
  if (type === 'string') return { type, sql: `CAST(${col} AS VARCHAR)`, converted: true };
  return { type, sql: `TRY_CAST(${col} AS ${NATIVE[type]})`, converted: true };
}

function quote(name: string): string { return `"${name.replace(/"/g, '""')}"`; }

export class KqlDatabase {
  private constructor(private readonly instance: DuckDBInstance, private readonly conn: DuckDBConnection, readonly path: string) {}
  private schemaCache: DatabaseSchema | undefined;

  /** Open (or create) a database file; ':memory:' or no path for an empty in-memory one. */
  static async open(path = ':memory:', options: { readOnly?: boolean } = {}): Promise<KqlDatabase> {
    const opts: Record<string, string> = {};
    if (options.readOnly && path !== ':memory:') opts.access_mode = 'READ_ONLY';
    const instance = await DuckDBInstance.create(path, opts);
    const conn = await instance.connect();
    for (const stmt of duckdb.prelude) await conn.run(stmt);
    registerUdfs(conn, duckdb.udfs);
    return new KqlDatabase(instance, conn, path);
  }

  /**
   * Tables and columns of the database, as Kusto types. Columns stored in other DuckDB types
   * (a foreign file's DATE, TIMESTAMP, SMALLINT, LIST, STRUCT, BLOB, TIME ...) are shown to the
   * engine through a TEMP view of the same name that converts them to the storage contract's
   * types, so every operator sees exactly the types it compiles for; the file is not changed.
   */
  async schema(): Promise<DatabaseSchema> {
    if (this.schemaCache) return this.schemaCache;
    const r = await this.conn.runAndReadAll(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_catalog = current_database() ORDER BY table_name, ordinal_position`);
    const tables = new Map<string, { name: string; type: KType; sql: string; converted: boolean }[]>();
    for (const [t, c, ty] of r.getRows() as [string, string, string][]) {
      let cols = tables.get(t);
      if (!cols) tables.set(t, (cols = []));
      cols.push({ name: c, ...storageColumn(c, ty) });
    }
    const catalog = String((await this.conn.runAndReadAll('SELECT current_database()')).getRows()[0]![0]);
    for (const [t, cols] of tables) {
      if (!cols.some((c) => c.converted)) continue;
      await this.conn.run(`CREATE OR REPLACE TEMP VIEW ${quote(t)} AS SELECT ${cols.map((c) => `${c.sql} AS ${quote(c.name)}`).join(', ')} FROM ${quote(catalog)}.main.${quote(t)}`);
    }
    this.schemaCache = { name: 'db', tables: [...tables].map(([name, cols]) => ({ name, columns: cols.map((c) => ({ name: c.name, type: c.type })) })) };
    return this.schemaCache;
  }

  /** Forget the cached schema (after tables change). */
  invalidateSchema(): void { this.schemaCache = undefined; }

  /** Compile a KQL query to SQL for this database. */
  async explain(kql: string, options: QueryOptions = {}): Promise<string> {
    return (await this.discover(compile(kql, { schema: await this.schema(), now: options.now, parameters: options.parameters, cache: options.cache }))).sql;
  }

  /** Run a KQL query. Throws KqlError for bad queries and for failures while executing. */
  async query(kql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const compiled = await this.discover(compile(kql, { schema: await this.schema(), now: options.now, parameters: options.parameters, cache: options.cache }));
    const t0 = performance.now();
    let reader;
    try {
      reader = await this.conn.runAndReadAll(compiled.sql);
    } catch (e) {
      throw new KqlError([{ code: ErrorCodes.Execution, severity: 'error', message: `the query failed while running: ${cleanDuckDbMessage(e)}`, start: 0, length: 0, line: 1, column: 1 }]);
    }
    const raw = reader.getRows();
    const types = compiled.columns.map((c) => c.type);
    const rows = raw.map((r) => r.map((v, i) => fromDuckDb(v, types[i]!)));
    const execute_ms = performance.now() - t0;
    return { columns: [...compiled.columns], rows, render: compiled.render, stats: { ...compiled.timings, execute_ms, cached: compiled.cached === true } };
  }

  /** Run the data-dependent steps of a query (bag_unpack's keys, pivot's values), then compile it for good. */
  private async discover(compiled: CompiledQuery): Promise<CompiledQuery> {
    let c = compiled;
    for (let i = 0; c.discovery; i++) {
      if (i >= 8) {
        throw new KqlError([{ code: ErrorCodes.Unsupported, severity: 'error', message: 'more than 8 data-dependent steps (evaluate bag_unpack / pivot without a schema) in one query is not supported yet', start: 0, length: 0, line: 1, column: 1 }]);
      }
      let keys: string[];
      try {
        keys = (await this.conn.runAndReadAll(c.discovery.sql)).getRows().map((r) => String(r[0]));
      } catch (e) {
        throw new KqlError([{ code: ErrorCodes.Execution, severity: 'error', message: `the query failed while running: ${cleanDuckDbMessage(e)}`, start: 0, length: 0, line: 1, column: 1 }]);
      }
      c = c.discovery.apply(keys);
    }
    return c;
  }

  /** Run raw SQL (for tools and tests). */
  async sql(text: string): Promise<unknown[][]> {
    return (await this.conn.runAndReadAll(text)).getRows();
  }

  close(): void {
    try { this.conn.closeSync(); } catch { /* already closed */ }
    try { this.instance.closeSync(); } catch { /* already closed */ }
  }
}

function cleanDuckDbMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0]!.replace(/^[A-Za-z ]+Error: /, '');
}
