/**
 * Drives a real Executor (createExecutor) without ZeroMQ, as the protocol worker would: sends
 * ExecRequests and collects the ExecEvents posted for each request id.
 * One Executor per test process (it owns the process's console, `display` and SIGINT).
 */
import { createExecutor, type Executor } from '../src/exec/index.ts';
import type { ExecEvent, ExecRequest } from '../src/types.ts';

export type Done = Extract<ExecEvent, { type: 'done' }>;

export interface Harness {
  executor: Executor;
  /** every event posted, in order */
  events: ExecEvent[];
  /** starts a cell; resolves when its 'done' arrives */
  run(code: string, options?: { silent?: boolean; userExpressions?: Record<string, string> }): Promise<CellRun>;
  /** sends a complete/inspect request; resolves with its reply content */
  ask(req: { type: 'complete'; code: string; cursorPos: number } | { type: 'inspect'; code: string; cursorPos: number; detailLevel: 0 | 1 }): Promise<Record<string, unknown>>;
  /** resolves when an event matching `p` has been posted */
  waitFor(p: (e: ExecEvent) => boolean): Promise<ExecEvent>;
}

export interface CellRun {
  id: string;
  events: ExecEvent[];
  done: Done;
  /** text/plain of the result, if any */
  result?: string;
  stdout: string;
  stderr: string;
}

export function startHarness(): Harness {
  const events: ExecEvent[] = [];
  const waiters: { p: (e: ExecEvent) => boolean; resolve: (e: ExecEvent) => void }[] = [];
  const executor = createExecutor((e) => {
    events.push(e);
    for (const w of [...waiters]) {
      if (w.p(e)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  });
  let count = 0;
  const waitFor = (p: (e: ExecEvent) => boolean) =>
    new Promise<ExecEvent>((resolve) => {
      const seen = events.find(p);
      if (seen) resolve(seen);
      else waiters.push({ p, resolve });
    });

  async function run(code: string, options: { silent?: boolean; userExpressions?: Record<string, string> } = {}): Promise<CellRun> {
    count += 1;
    const id = `cell-${count}`;
    const req: ExecRequest = {
      type: 'execute', id, code, silent: options.silent ?? false, storeHistory: true,
      executionCount: count, userExpressions: options.userExpressions ?? {},
    };
    const done = waitFor((e) => e.type === 'done' && e.id === id);
    executor.handle(req);
    await done;
    const mine = events.filter((e) => 'id' in e && e.id === id);
    const text = (name: string) => mine.map((e) => (e.type === 'stream' && e.name === name ? e.text : '')).join('');
    const result = mine.find((e) => e.type === 'result');
    return {
      id,
      events: mine,
      done: mine.find((e) => e.type === 'done') as Done,
      result: result?.type === 'result' ? (result.bundle.data['text/plain'] as string) : undefined,
      stdout: text('stdout'),
      stderr: text('stderr'),
    };
  }

  async function ask(req: { type: 'complete'; code: string; cursorPos: number } | { type: 'inspect'; code: string; cursorPos: number; detailLevel: 0 | 1 }) {
    count += 1;
    const id = `ask-${count}`;
    const reply = waitFor((e) => e.type === 'reply' && e.id === id);
    executor.handle({ ...req, id } as ExecRequest);
    const e = await reply;
    return e.type === 'reply' ? e.content : {};
  }

  return { executor, events, run, ask, waitFor };
}
