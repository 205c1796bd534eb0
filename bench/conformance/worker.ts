/**
 * Child process of the conformance runner: runs one query at a time on an in-memory
 * database and sends back the result or the error. Runs in its own process so that a
 * query that hangs (or a native crash) is ended by killing the process.
 */
import { KqlDatabase } from '@huntbook/store';
import { KqlError } from '@huntbook/kql';

export interface WorkerRequest { readonly seq: number; readonly query: string; readonly now: string }
export type WorkerReply =
  | { readonly seq: number; readonly ok: true; readonly columns: { name: string; type: string }[]; readonly rows: unknown[][]; readonly rowCount: number; readonly ms: number }
  | { readonly seq: number; readonly ok: false; readonly kqlError: boolean; readonly code?: string; readonly message: string; readonly stack?: string; readonly ms: number };

/** More rows than any documented table; the count is still reported. */
const MAX_ROWS = 5000;

const send = (m: WorkerReply | { ready: true }) => new Promise<void>((res) => process.send!(m, undefined, undefined, () => res()));

const db = await KqlDatabase.open();
let current = -1;

process.on('uncaughtException', (e) => {
  void send({ seq: current, ok: false, kqlError: false, message: `uncaught: ${e?.message ?? e}`, stack: e?.stack, ms: 0 }).finally(() => process.exit(70));
});
process.on('unhandledRejection', (e) => {
  const err = e as Error;
  void send({ seq: current, ok: false, kqlError: false, message: `unhandled rejection: ${err?.message ?? err}`, stack: err?.stack, ms: 0 }).finally(() => process.exit(70));
});

process.on('message', (req: WorkerRequest) => {
  current = req.seq;
  const t0 = performance.now();
  db.query(req.query, { now: new Date(req.now) }).then(
    (r) => send({ seq: req.seq, ok: true, columns: r.columns.map((c) => ({ name: c.name, type: c.type })), rows: r.rows.slice(0, MAX_ROWS) as unknown[][], rowCount: r.rows.length, ms: performance.now() - t0 }),
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      return send({
        seq: req.seq, ok: false, kqlError: e instanceof KqlError, code: e instanceof KqlError ? e.code : undefined,
        message: err.message, stack: e instanceof KqlError ? undefined : err.stack, ms: performance.now() - t0,
      });
    },
  ).catch((e: unknown) => send({ seq: req.seq, ok: false, kqlError: false, message: `could not send the result: ${(e as Error)?.message ?? e}`, ms: performance.now() - t0 }));
});

process.on('disconnect', () => { db.close(); process.exit(0); });

// warm up (loading Kusto.Language takes seconds) so that the first query's timeout measures the query
try { await db.query('print 1'); } catch { /* reported by the real queries */ }
await send({ ready: true });
