/**
 * A pool of DuckDB connections to one instance: at most `size` queries run at once, the next
 * ones wait in a FIFO queue of at most `maxQueued`, and a query over that is refused at once.
 * A waiter whose signal aborts (timeout, client gone) leaves the queue with the signal's reason.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { closedError, queueFullError } from '../duckdb/limits.ts';

export const DEFAULT_POOL_SIZE = 4;
export const DEFAULT_MAX_QUEUED = 100;

interface Waiter {
  resolve(conn: DuckDBConnection): void;
  reject(e: unknown): void;
  detach(): void;
}

export class ConnectionPool {
  private readonly idle: DuckDBConnection[];
  private readonly busy = new Set<DuckDBConnection>();
  private readonly waiters: Waiter[] = [];
  private closed = false;
  private drained: (() => void) | undefined;

  private constructor(private readonly all: readonly DuckDBConnection[], readonly maxQueued: number, private readonly owner: string) {
    this.idle = [...all];
  }

  /** Opens `size` connections, each set up by `prepare`; `owner` names the pool in errors ("workspace 'demo'"). */
  static async create(instance: DuckDBInstance, size: number, maxQueued: number, prepare: (c: DuckDBConnection) => Promise<void>, owner: string): Promise<ConnectionPool> {
    const conns: DuckDBConnection[] = [];
    try {
      for (let i = 0; i < size; i++) {
        const c = await instance.connect();
        conns.push(c);
        await prepare(c);
      }
    } catch (e) {
      for (const c of conns) c.closeSync();
      throw e;
    }
    return new ConnectionPool(conns, maxQueued, owner);
  }

  get size(): number { return this.all.length; }
  get running(): number { return this.busy.size; }
  get queued(): number { return this.waiters.length; }

  /** A free connection now, or a place in the queue; rejects when the queue is full or `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<DuckDBConnection> {
    if (this.closed) return Promise.reject(closedError(this.owner));
    if (signal?.aborted) return Promise.reject(signal.reason);
    const free = this.idle.pop();
    if (free) {
      this.busy.add(free);
      return Promise.resolve(free);
    }
    if (this.waiters.length >= this.maxQueued) return Promise.reject(queueFullError(this.waiters.length, this.busy.size));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal!.reason);
      };
      const waiter: Waiter = { resolve, reject, detach: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Gives a connection back: to the first waiter, or to the idle list. */
  release(conn: DuckDBConnection): void {
    if (!this.busy.has(conn)) return;
    const next = this.waiters.shift();
    if (next) {
      next.detach();
      next.resolve(conn);
      return;
    }
    this.busy.delete(conn);
    this.idle.push(conn);
    if (this.busy.size === 0) this.drained?.();
  }

  async use<T>(work: (conn: DuckDBConnection) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const conn = await this.acquire(signal);
    try {
      return await work(conn);
    } finally {
      this.release(conn);
    }
  }

  /** Refuses new work, fails the waiters, interrupts running queries, waits for them, and closes every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiters.splice(0)) {
      w.detach();
      w.reject(closedError(this.owner));
    }
    if (this.busy.size > 0) {
      // what still runs is interrupted until it ends (DuckDB forgets an interrupt that comes before a statement starts)
      const drained = new Promise<void>((resolve) => { this.drained = resolve; });
      const interrupt = () => { for (const c of this.busy) c.interrupt(); };
      interrupt();
      const again = setInterval(interrupt, 10);
      await drained;
      clearInterval(again);
    }
    for (const c of this.all) {
      try { c.closeSync(); } catch { /* already closed */ }
    }
  }
}

/** A whole number of at least `min` from the environment, or the default; a bad value is an error naming the variable. */
export function envInt(name: string, fallback: number, min = 1): number {
  const v = process.env[name];
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${name}='${v}' must be a whole number of at least ${min}`);
  return n;
}
