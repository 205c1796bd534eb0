/**
 * An open workspace: one DuckDB instance on `<data dir>/workspaces/<name>/data.duckdb`, a pool of
 * connections for queries (each with the engine's prelude and UDFs) and one write connection for
 * ingestion and retention, used by one writer at a time. DuckDB's MVCC gives every query the data
 * committed when it started, so queries run while a batch is being written and never see half of it.
 */
import { setMaxListeners } from 'node:events';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { DatabaseSchema } from '@huntbook/kql';
import { prepareConnection, runKql } from '../duckdb/runner.ts';
import { readSchema, type SchemaSnapshot } from '../duckdb/schema.ts';
import { closedError, DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_MS, limitOption, querySignal } from '../duckdb/limits.ts';
import { ConnectionPool, DEFAULT_MAX_QUEUED, DEFAULT_POOL_SIZE, envInt } from './pool.ts';
import { Mutex } from './mutex.ts';
import { tableInfos } from './tables.ts';
import { deleteOlderThan, retentionCutoff } from './retention.ts';
import { ingestBatch, type IngestTarget } from '../ingest/index.ts';
import type { IngestOptions, IngestReport, IngestSource, RunOptions, RunResult, TableInfo, Workspace, WorkspaceInfo } from './types.ts';

/** How a workspace's engine is sized; each falls back to its environment variable, then its default. */
export interface EngineOptions {
  /** queries running at once (HUNTBOOK_MAX_CONCURRENT_QUERIES, default 4) */
  maxConcurrentQueries?: number;
  /** queries waiting for a connection before more are refused (HUNTBOOK_MAX_QUEUED_QUERIES, default 100; 0: no queue) */
  maxQueuedQueries?: number;
  /**
   * DuckDB's memory_limit for the workspace's instance (HUNTBOOK_QUERY_MEMORY, default '2GB').
   * DuckDB has no per-query memory limit: this one is shared by the queries running at once and
   * by ingestion; a query that needs more (after spilling what it can to disk) fails with a clear error.
   */
  memoryLimit?: string;
}

export const DEFAULT_MEMORY_LIMIT = '2GB';
/** The sizes DuckDB's memory_limit takes: a number with a unit, or a share of the machine's memory. */
const MEMORY_SIZE = /^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB|%)\s*$/i;


/** Every running or queued query listens on the workspace's close signal: no listener cap (Node warns past 10). */
function unboundedController(): AbortController {
  const ac = new AbortController();
  setMaxListeners(0, ac.signal);
  return ac;
}

export class OpenWorkspace implements Workspace {
  private snap: Promise<SchemaSnapshot> | undefined;
  private readonly writeLock = new Mutex();
  private closing: Promise<void> | undefined;
  /** aborted when the workspace closes: running and queued queries stop with a 'closed' error */
  private readonly closed = unboundedController();

  private constructor(
    readonly info: WorkspaceInfo,
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly pool: ConnectionPool,
    private readonly writer: DuckDBConnection,
    private readonly onClose: () => void,
  ) {}

  /** Opens the database file (which must exist) with its pool and write connection. */
  static async open(info: WorkspaceInfo, path: string, options: EngineOptions = {}, onClose: () => void = () => {}): Promise<OpenWorkspace> {
    const size = options.maxConcurrentQueries ?? envInt('HUNTBOOK_MAX_CONCURRENT_QUERIES', DEFAULT_POOL_SIZE);
    const queued = options.maxQueuedQueries ?? envInt('HUNTBOOK_MAX_QUEUED_QUERIES', DEFAULT_MAX_QUEUED, 0);
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`maxConcurrentQueries must be a whole number of at least 1, not ${size}`);
    if (!Number.isInteger(queued) || queued < 0) throw new RangeError(`maxQueuedQueries must be a whole number of at least 0, not ${queued}`);
    const memory = options.memoryLimit ?? (process.env.HUNTBOOK_QUERY_MEMORY || DEFAULT_MEMORY_LIMIT);
    if (!MEMORY_SIZE.test(memory)) throw new RangeError(`memory limit '${memory}' (HUNTBOOK_QUERY_MEMORY) is not a size such as '2GB', '512MB' or '50%'`);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, { memory_limit: memory });
    } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      throw new Error(`workspace '${info.name}': cannot open ${path} (memory limit ${memory}): ${m.split('\n')[0]}`);
    }
    let pool: ConnectionPool | undefined;
    try {
      pool = await ConnectionPool.create(instance, size, queued, prepareConnection, `workspace '${info.name}'`);
      const writer = await instance.connect();
      return new OpenWorkspace(info, path, instance, pool, writer, onClose);
    } catch (e) {
      await pool?.close();
      instance.closeSync();
      throw e;
    }
  }

  /** The schema snapshot, read on `conn` when not cached. */
  private snapshotOn(conn: DuckDBConnection): Promise<SchemaSnapshot> {
    if (!this.snap) {
      const p = readSchema(conn);
      this.snap = p;
      p.catch(() => { if (this.snap === p) this.snap = undefined; });
    }
    return this.snap;
  }

  async query(kql: string, options: RunOptions = {}): Promise<RunResult> {
    const maxRows = limitOption('maxRows', options.maxRows, DEFAULT_MAX_ROWS);
    const maxBytes = limitOption('maxBytes', options.maxBytes, DEFAULT_MAX_BYTES);
    const timeoutMs = limitOption('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS);
    const limit = querySignal(options.signal, timeoutMs, this.closed.signal);
    let conn: DuckDBConnection | undefined;
    try {
      conn = await this.pool.acquire(limit.signal);
      const snap = await this.snapshotOn(conn);
      return await runKql(conn, snap, kql, options, { signal: limit.signal, maxRows, maxBytes });
    } catch (e) {
      // whatever failed after an abort (a schema read interrupted by close, say) fails for the abort's reason
      throw limit.signal.aborted ? limit.signal.reason : e;
    } finally {
      limit.dispose(); // before the connection goes back: a late timer must not interrupt the next query
      if (conn) this.pool.release(conn);
    }
  }

  async schema(): Promise<DatabaseSchema> {
    const cached = this.snap;
    if (cached) return (await cached).schema;
    return (await this.pool.use((conn) => this.snapshotOn(conn))).schema;
  }

  /** Forget the cached schema (after ingestion); the next query reads it again. */
  invalidateSchema(): void { this.snap = undefined; }

  async tables(): Promise<TableInfo[]> {
    return this.pool.use(async (conn) => tableInfos(conn, (await this.snapshotOn(conn)).schema));
  }

  ingest(table: string, source: IngestSource, options: IngestOptions = {}): Promise<IngestReport> {
    if (this.closing) return Promise.reject(closedError(`workspace '${this.info.name}'`));
    return this.writeLock.run(async () => {
      if (this.closing) throw closedError(`workspace '${this.info.name}'`);
      // the write connection sees its own transaction, so the schema ingestion reads comes from it
      const target: IngestTarget = {
        conn: this.writer,
        schema: async () => (await readSchema(this.writer)).schema,
        invalidateSchema: () => this.invalidateSchema(),
      };
      try {
        return await ingestBatch(target, table, source, options);
      } finally {
        this.invalidateSchema();
      }
    });
  }

  applyRetention(now: Date = new Date()): Promise<{ table: string; deleted: number }[]> {
    if (this.closing) return Promise.reject(closedError(`workspace '${this.info.name}'`));
    return this.writeLock.run(async () => {
      const schema = (await readSchema(this.writer)).schema;
      return deleteOlderThan(this.writer, schema, retentionCutoff(now, this.info.retentionDays));
    });
  }

  /** Waits for the writer, interrupts running queries, fails queued ones, and closes the database. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.onClose();
      this.closed.abort(closedError(`workspace '${this.info.name}'`));
      await this.pool.close();
      await this.writeLock.run(async () => {});
      try { this.writer.closeSync(); } catch { /* already closed */ }
      this.instance.closeSync();
    })();
    return this.closing;
  }
}
