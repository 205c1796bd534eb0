/**
 * Query limits, like Kusto's: a timeout, cancellation, a cap on result rows and bytes, memory,
 * and the concurrency queue. Each limit has one error (QueryLimitError, a KqlError with code
 * HB004, so every caller that maps KqlError keeps working) or one partial-result message.
 */
import { ErrorCodes, KqlError } from '@huntbook/kql';

export type LimitKind = 'timeout' | 'cancelled' | 'memory' | 'queue' | 'closed';

/** A query stopped by a limit; `limit` says which (the server maps it to a status). */
export class QueryLimitError extends KqlError {
  constructor(readonly limit: LimitKind, message: string) {
    super([{ code: ErrorCodes.Execution, severity: 'error', message, start: 0, length: 0, line: 1, column: 1 }]);
    this.name = 'QueryLimitError';
  }
}

export const DEFAULT_TIMEOUT_MS = 180_000;
export const DEFAULT_MAX_ROWS = 500_000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3)).toLocaleString('en-US')} s`;
}

export function timeoutError(ms: number): QueryLimitError {
  return new QueryLimitError('timeout', `the query ran longer than the limit of ${seconds(ms)}; narrow the time range or filter earlier, or allow more time (Prefer: wait=N, in seconds)`);
}

export function cancelledError(): QueryLimitError {
  return new QueryLimitError('cancelled', 'the query was cancelled (its client went away or aborted it)');
}

export function memoryError(limit: string, detail: string): QueryLimitError {
  return new QueryLimitError('memory', `the query ran out of memory: the workspace's DuckDB may use ${limit} (HUNTBOOK_QUERY_MEMORY), shared by the queries running at the same time; narrow the time range, summarize earlier or project fewer columns (${detail})`);
}

export function queueFullError(queued: number, running: number): QueryLimitError {
  const why = queued === 0
    ? `all ${running} connections are busy and none may wait (HUNTBOOK_MAX_QUEUED_QUERIES=0)`
    : `${queued.toLocaleString('en-US')} are already waiting for the ${running} running ones (HUNTBOOK_MAX_CONCURRENT_QUERIES, HUNTBOOK_MAX_QUEUED_QUERIES)`;
  return new QueryLimitError('queue', `too many queued queries: ${why}; try again later`);
}

export function closedError(what: string): QueryLimitError {
  return new QueryLimitError('closed', `${what} is closed`);
}

function sizeText(bytes: number): string {
  const mib = 1024 * 1024;
  return bytes % mib === 0 ? `${(bytes / mib).toLocaleString('en-US')} MiB` : `${bytes.toLocaleString('en-US')} bytes`;
}

export function rowsCutMessage(limit: number): string {
  return `the result was cut at ${limit.toLocaleString('en-US')} rows (E_QUERY_RESULT_SET_TOO_LARGE): the query returned more; filter, summarize or take fewer rows`;
}

export function bytesCutMessage(limit: number, kept: number): string {
  return `the result was cut at ${sizeText(limit)} (E_QUERY_RESULT_SET_TOO_LARGE) after ${kept.toLocaleString('en-US')} rows: the query returned more; project fewer columns, filter, summarize or take fewer rows`;
}

/** Validates a limit given by a caller: a positive number (Infinity allowed) or undefined. */
export function limitOption(name: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || Number.isNaN(v) || v <= 0) throw new RangeError(`${name} must be a positive number, not ${String(v)}`);
  return v;
}

/**
 * One signal for a query: aborted by the caller's signal (reason: cancelled), by the timeout
 * (reason: timeout) or by `owner` (the workspace closing; its own reason). `dispose` clears the
 * timer and the listeners; call it before the connection goes back to a pool so a late timer
 * never interrupts the next query.
 */
export function querySignal(user: AbortSignal | undefined, timeoutMs: number, owner?: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const ac = new AbortController();
  const onUser = () => ac.abort(cancelledError());
  const onOwner = () => ac.abort(owner!.reason);
  if (owner?.aborted) onOwner();
  else owner?.addEventListener('abort', onOwner, { once: true });
  if (user?.aborted) onUser();
  else user?.addEventListener('abort', onUser, { once: true });
  // setTimeout cannot wait longer than 2^31-1 ms (it would fire at once): longer is no limit
  const timer = timeoutMs <= 2_147_483_647 ? setTimeout(() => ac.abort(timeoutError(timeoutMs)), timeoutMs) : undefined;
  timer?.unref();
  return {
    signal: ac.signal,
    dispose() {
      if (timer) clearTimeout(timer);
      user?.removeEventListener('abort', onUser);
      owner?.removeEventListener('abort', onOwner);
    },
  };
}

/** A cheap estimate of the JSON size of a result value (strings' escapes are not counted). */
export function jsonSize(v: unknown): number {
  if (v === null || v === undefined) return 4;
  switch (typeof v) {
    case 'string': return v.length + 2;
    case 'number': return 12;
    case 'boolean': return 5;
    default: return JSON.stringify(v)?.length ?? 4;
  }
}
