/**
 * One DuckDB database file (or an in-memory one) that runs KQL on one connection: the schema is
 * read from the file (duckdb/schema.ts), queries are compiled and run by duckdb/runner.ts, the
 * same runner that workspaces use on their pools. No limits apply unless the caller gives them.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { DatabaseSchema } from '@huntbook/kql';
import { compileOn, prepareConnection, runKql, type ExecResult, type QueryOptions, type QueryResult } from './runner.ts';
import { readSchema, useSchema, type SchemaSnapshot } from './schema.ts';
import { limitOption, querySignal } from './limits.ts';

export { kustoTypeOfDuckDb } from './schema.ts';
export type { QueryOptions, QueryResult, QueryStats } from './runner.ts';

/** Optional limits for KqlDatabase.query (the workspace's RunOptions, without its defaults). */
export interface QueryLimits {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRows?: number;
  maxBytes?: number;
}

export class KqlDatabase {
  private constructor(private readonly instance: DuckDBInstance, private readonly conn: DuckDBConnection, readonly path: string) {}
  private snapshot: SchemaSnapshot | undefined;

  /** Open (or create) a database file; ':memory:' or no path for an empty in-memory one. */
  static async open(path = ':memory:', options: { readOnly?: boolean } = {}): Promise<KqlDatabase> {
    const opts: Record<string, string> = {};
    if (options.readOnly && path !== ':memory:') opts.access_mode = 'READ_ONLY';
    const instance = await DuckDBInstance.create(path, opts);
    const conn = await instance.connect();
    await prepareConnection(conn);
    return new KqlDatabase(instance, conn, path);
  }

  private async schemaSnapshot(): Promise<SchemaSnapshot> {
    if (!this.snapshot) {
      const snap = await readSchema(this.conn);
      await useSchema(this.conn, snap);
      this.snapshot = snap;
    }
    return this.snapshot;
  }

  /**
   * Tables and columns of the database, as Kusto types. Columns stored in other DuckDB types
   * are shown through TEMP views that convert them (see duckdb/schema.ts).
   */
  async schema(): Promise<DatabaseSchema> {
    return (await this.schemaSnapshot()).schema;
  }

  /** Forget the cached schema (after tables change). */
  invalidateSchema(): void { this.snapshot = undefined; }

  /** Compile a KQL query to SQL for this database. */
  async explain(kql: string, options: QueryOptions = {}): Promise<string> {
    return (await compileOn(this.conn, await this.schemaSnapshot(), kql, options)).sql;
  }

  /** Run a KQL query. Throws KqlError for bad queries and for failures while executing. */
  async query(kql: string, options: QueryOptions & QueryLimits = {}): Promise<ExecResult> {
    const maxRows = limitOption('maxRows', options.maxRows, Infinity);
    const maxBytes = limitOption('maxBytes', options.maxBytes, Infinity);
    const timeoutMs = limitOption('timeoutMs', options.timeoutMs, Infinity);
    const snap = await this.schemaSnapshot();
    const limit = querySignal(options.signal, timeoutMs);
    try {
      return await runKql(this.conn, snap, kql, options, { signal: limit.signal, maxRows, maxBytes });
    } finally {
      limit.dispose();
    }
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
