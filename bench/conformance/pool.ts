/**
 * Worker processes that run queries one at a time, each with a timeout. A worker that
 * times out or dies is killed (by its own pid) and replaced, so one query never stops the run.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerReply, WorkerRequest } from './worker.ts';

export type RunOutcome =
  | WorkerReply
  | { readonly seq: number; readonly ok: false; readonly timeout: true; readonly message: string; readonly ms: number }
  | { readonly seq: number; readonly ok: false; readonly died: true; readonly message: string; readonly ms: number };

/** Starting a worker loads Kusto.Language and DuckDB: allow for a slow, busy machine. */
const START_TIMEOUT_MS = 120_000;

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

class Worker {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private pending: { seq: number; resolve: (o: RunOutcome) => void; t0: number; child: ChildProcess } | undefined;
  private stderrTail = '';

  private start(): Promise<void> {
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.child = child;
    this.stderrTail = '';
    child.stderr!.on('data', (d: Buffer) => { this.stderrTail = (this.stderrTail + d.toString()).slice(-2000); });
    const ready = new Promise<void>((res, rej) => {
      child.on('error', (e) => rej(e));
      child.on('message', (m: WorkerReply | { ready: true }) => {
        if ('ready' in m) { res(); return; }
        const p = this.pending;
        if (p && p.child === child && p.seq === m.seq) { this.pending = undefined; p.resolve(m); }
      });
      child.once('exit', (code, signal) => {
        if (this.child === child) { this.child = undefined; this.ready = undefined; }
        rej(new Error(`worker exited before it was ready (${signal ?? code}): ${this.stderrTail.trim().slice(-500)}`));
        const p = this.pending;
        if (p && p.child === child) {
          this.pending = undefined;
          p.resolve({ seq: p.seq, ok: false, died: true, message: `the worker process died (${signal ?? `exit code ${code}`})${this.stderrTail.trim() ? `: ${this.stderrTail.trim().slice(-300)}` : ''}`, ms: performance.now() - p.t0 });
        }
      });
    });
    return ready;
  }

  async run(seq: number, query: string, now: Date, timeoutMs: number): Promise<RunOutcome> {
    this.ready ??= this.start();
    let startTimer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([this.ready, new Promise<never>((_res, rej) => { startTimer = setTimeout(() => rej(new Error(`no worker ready within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS); })]);
    } catch (e) {
      this.kill();
      throw e;
    } finally {
      clearTimeout(startTimer);
    }
    const child = this.child!;
    const t0 = performance.now();
    const reply = new Promise<RunOutcome>((resolve) => { this.pending = { seq, resolve, t0, child }; });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<RunOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ seq, ok: false, timeout: true, message: `no answer within ${timeoutMs / 1000} s`, ms: performance.now() - t0 }), timeoutMs);
    });
    const req: WorkerRequest = { seq, query, now: now.toISOString() };
    try {
      child.send(req);
    } catch (e) {
      this.pending = undefined;
      this.kill();
      return { seq, ok: false, died: true, message: `could not send the query to the worker: ${(e as Error).message}`, ms: 0 };
    }
    const out = await Promise.race([reply, timeout]);
    clearTimeout(timer);
    if ('timeout' in out) {
      this.pending = undefined;
      this.kill();
    }
    return out;
  }

  kill(): void {
    const c = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (c && c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }

  stop(): void {
    const c = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (c && c.connected) c.disconnect();
    setTimeout(() => { if (c && c.exitCode === null && c.signalCode === null) c.kill('SIGKILL'); }, 2000).unref();
  }
}

/** Run every job on `size` workers; `onResult` is called as results arrive. */
export async function runAll<T>(jobs: readonly T[], size: number, timeoutMs: number, now: Date, queryOf: (job: T) => string, onResult: (job: T, outcome: RunOutcome, index: number) => void): Promise<void> {
  const workers = Array.from({ length: Math.max(1, size) }, () => new Worker());
  let next = 0;
  try {
    await Promise.all(workers.map(async (w) => {
      while (next < jobs.length) {
        const k = next++;
        let outcome: RunOutcome;
        try {
          outcome = await w.run(k, queryOf(jobs[k]!), now, timeoutMs);
        } catch (e) {
          // the worker could not start: retry once on a fresh process, then report
          w.kill();
          try { outcome = await w.run(k, queryOf(jobs[k]!), now, timeoutMs); }
          catch (e2) { throw new Error(`cannot start a conformance worker: ${(e2 as Error).message || (e as Error).message}`); }
        }
        onResult(jobs[k]!, outcome, k);
      }
    }));
  } finally {
    for (const w of workers) w.stop();
  }
}
