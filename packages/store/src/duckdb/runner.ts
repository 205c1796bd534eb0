/**
 * Runs KQL on one DuckDB connection: compile with @huntbook/kql against a schema snapshot, run
 * the data-dependent discovery steps, then stream the result chunk by chunk, converting values
 * to the contract's conventions and cutting at a row or byte limit. An abort signal interrupts
 * the connection (DuckDB's interrupt) and the query fails with the signal's reason. Shared by
 * KqlDatabase (one connection) and workspaces (a pool of connections).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { compile, duckdb, fromDuckDb, KqlError, ErrorCodes, type CompiledQuery, type Column, type RenderHint, type ResultValue, type QueryParameters } from '@huntbook/kql';
import { registerUdfs } from './udfs.ts';
import { useSchema, type SchemaSnapshot } from './schema.ts';
import { bytesCutMessage, jsonSize, memoryError, rowsCutMessage } from './limits.ts';

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

export interface ExecLimits {
  /** when aborted, the connection is interrupted and the query fails with `signal.reason` */
  signal?: AbortSignal;
  maxRows: number;
  maxBytes: number;
}

export interface ExecResult extends QueryResult {
  partial?: { readonly reason: 'rows' | 'bytes'; readonly limit: number; readonly message: string };
}

/** Gives a new connection what the engine's SQL needs: the dialect's prelude and its JavaScript UDFs. */
export async function prepareConnection(conn: DuckDBConnection): Promise<void> {
  for (const stmt of duckdb.prelude) await conn.run(stmt);
  registerUdfs(conn, duckdb.udfs);
}

/** Compiles a query against the snapshot, running its discovery steps on `conn`. */
export async function compileOn(conn: DuckDBConnection, snap: SchemaSnapshot, kql: string, options: QueryOptions, signal?: AbortSignal): Promise<CompiledQuery> {
  let c = compile(kql, { schema: snap.schema, now: options.now, parameters: options.parameters, cache: options.cache });
  for (let i = 0; c.discovery; i++) {
    if (i >= 8) {
      throw new KqlError([{ code: ErrorCodes.Unsupported, severity: 'error', message: 'more than 8 data-dependent steps (evaluate bag_unpack / pivot without a schema) in one query is not supported yet', start: 0, length: 0, line: 1, column: 1 }]);
    }
    const keys = await guarded(conn, signal, async () => (await conn.runAndReadAll(c.discovery!.sql)).getRows().map((r) => String(r[0])));
    c = c.discovery.apply(keys);
  }
  return c;
}

/** Runs a KQL query on `conn` (whose TEMP views are made those of `snap`). Throws KqlError. */
export async function runKql(conn: DuckDBConnection, snap: SchemaSnapshot, kql: string, options: QueryOptions, limits: ExecLimits): Promise<ExecResult> {
  const { signal } = limits;
  signal?.throwIfAborted();
  await useSchema(conn, snap);
  const compiled = await compileOn(conn, snap, kql, options, signal);
  const t0 = performance.now();
  const types = compiled.columns.map((c) => c.type);
  const rows: ResultValue[][] = [];
  let partial: ExecResult['partial'];
  await guarded(conn, signal, async () => {
    const result = await conn.stream(compiled.sql);
    let bytes = 2;
    const sizing = Number.isFinite(limits.maxBytes);
    for (;;) {
      const chunk = await result.fetchChunk();
      // an interrupt during a fetch can end the stream quietly: the signal says whether it was cut
      signal?.throwIfAborted();
      if (!chunk || chunk.rowCount === 0) return;
      for (const raw of chunk.getRows()) {
        if (rows.length >= limits.maxRows) {
          partial = { reason: 'rows', limit: limits.maxRows, message: rowsCutMessage(limits.maxRows) };
          return;
        }
        const row = new Array<ResultValue>(types.length);
        for (let i = 0; i < types.length; i++) row[i] = fromDuckDb(raw[i], types[i]!);
        if (!sizing) {
          rows.push(row);
          continue;
        }
        let size = 3;
        for (const v of row) size += jsonSize(v) + 1;
        if (bytes + size > limits.maxBytes) {
          partial = { reason: 'bytes', limit: limits.maxBytes, message: bytesCutMessage(limits.maxBytes, rows.length) };
          return;
        }
        bytes += size;
        rows.push(row);
      }
    }
  });
  const execute_ms = performance.now() - t0;
  const out: ExecResult = { columns: [...compiled.columns], rows, render: compiled.render, stats: { ...compiled.timings, execute_ms, cached: compiled.cached === true } };
  if (partial) out.partial = partial;
  return out;
}

/**
 * Runs DuckDB work with the signal wired to interrupt, and turns its errors into KqlErrors.
 * DuckDB forgets an interrupt that comes before its worker has started the statement (the flag
 * is reset when a query begins), so after an abort the connection is interrupted again every
 * few milliseconds until the work ends; interrupting an idle connection does nothing.
 */
async function guarded<T>(conn: DuckDBConnection, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  let again: NodeJS.Timeout | undefined;
  const onAbort = () => {
    conn.interrupt();
    again = setInterval(() => conn.interrupt(), 10);
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await work();
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    if (e instanceof KqlError) throw e;
    const msg = cleanDuckDbMessage(e);
    if (/^Out of Memory/i.test(errorText(e))) {
      let limit = 'its memory_limit';
      try { limit = String((await conn.runAndReadAll(`SELECT current_setting('memory_limit')`)).getRows()[0]![0]); } catch { /* keep the generic words */ }
      throw memoryError(limit, msg);
    }
    throw new KqlError([{ code: ErrorCodes.Execution, severity: 'error', message: `the query failed while running: ${msg}`, start: 0, length: 0, line: 1, column: 1 }]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (again) clearInterval(again);
  }
}

function errorText(e: unknown): string { return e instanceof Error ? e.message : String(e); }

/** The first line of a DuckDB error, without its "Xxx Error: " prefix. */
export function cleanDuckDbMessage(e: unknown): string {
  return errorText(e).split('\n')[0]!.replace(/^[A-Za-z ]+Error: /, '');
}
