/**
 * The contracts between the parts of the Huntbook kernel. Read this first.
 *
 * Process layout (one kernel = one Node process, started from the kernelspec with
 * `--max-old-space-size`, so a runaway allocation kills only the kernel):
 *
 *   main thread    the Executor (exec/): user code runs here, in one persistent vm context.
 *                  Started by main.ts, which also starts the protocol worker.
 *   worker thread  the protocol (protocol/): ZeroMQ sockets from the connection file (shell,
 *                  control, iopub, stdin, heartbeat), HMAC-SHA256 signing and checking, status
 *                  busy/idle, execute_input, execution counts, history, kernel_info,
 *                  comm_info, is_complete, shutdown. It keeps answering heartbeats and control
 *                  requests while user code loops, because it has its own event loop.
 *
 * Message-mode interrupt: the worker receives interrupt_request on control, posts
 * { type: 'interrupt' } to the main thread and sends SIGINT to its own process
 * (process.kill(process.pid, 'SIGINT')). The Executor runs each cell's synchronous part with
 * vm's `breakOnSigint: true`, so a synchronous loop is stopped; an awaited promise still pending
 * is abandoned on { type: 'interrupt' } (the cell ends with an error named 'KeyboardInterrupt').
 * Outside a cell the main thread ignores SIGINT. SIGINT is sent only while a cell's script runs
 * under vm's watchdog (a flag shared by main.ts between the two threads): in the moments vm
 * swaps the process's SIGINT handling a signal would end the process. A cell that still runs
 * outside its script (a loop after an `await`) has its JavaScript terminated by the worker
 * through the inspector (protocol/terminate.ts); the interrupt message then ends it.
 *
 * Outputs travel main -> worker as ExecEvent messages carrying the request id; the worker turns
 * them into iopub messages whose parent header is that request's header.
 */

/** A MIME bundle as Jupyter's display_data/execute_result carry it. */
export interface DisplayBundle {
  /** MIME type -> value: strings for text types, JSON values for +json types */
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** display_id for update_display_data */
  transient?: { display_id?: string };
}

/** A value that knows how to display itself (KqlResult, charts ...): the Executor calls this. */
export const DISPLAY = Symbol.for('huntbook.display');
export interface Displayable {
  [DISPLAY](): DisplayBundle;
}

export function isDisplayable(v: unknown): v is Displayable {
  return typeof v === 'object' && v !== null && typeof (v as Record<symbol, unknown>)[DISPLAY] === 'function';
}

/** Worker -> main thread. */
export type ExecRequest =
  | { type: 'execute'; id: string; code: string; silent: boolean; storeHistory: boolean; executionCount: number; userExpressions: Record<string, string> }
  | { type: 'complete'; id: string; code: string; cursorPos: number }
  | { type: 'inspect'; id: string; code: string; cursorPos: number; detailLevel: 0 | 1 }
  | { type: 'interrupt' }
  | { type: 'shutdown'; restart: boolean };

/** The error of a failed cell, as Jupyter's error message and execute_reply carry it. */
export interface CellError { ename: string; evalue: string; traceback: string[] }

/** Main thread -> worker: outputs while a request runs, then exactly one 'done' or 'reply'. */
export type ExecEvent =
  | { type: 'stream'; id: string; name: 'stdout' | 'stderr'; text: string }
  | { type: 'display'; id: string; bundle: DisplayBundle; update: boolean }
  | { type: 'clear'; id: string; wait: boolean }
  | { type: 'result'; id: string; bundle: DisplayBundle }
  | { type: 'done'; id: string; status: 'ok' | 'error'; error?: CellError; userExpressions?: Record<string, unknown>; payload?: unknown[] }
  | { type: 'reply'; id: string; content: Record<string, unknown> };

/**
 * What the KQL magics (kql/) need from the Executor: the kernel's variables and output.
 * The Executor passes one of these to runKqlMagic for each %kql / %%kql.
 */
export interface KernelHost {
  /** a kernel variable's value; found=false when there is none by that name */
  lookup(name: string): { found: boolean; value?: unknown };
  /** assign a kernel variable (as a global of the cell context) */
  assign(name: string, value: unknown): void;
  /** show output now (display_data), optionally updatable by display_id */
  display(bundle: DisplayBundle, update?: boolean): void;
  /** text on stdout / stderr of the running cell */
  print(text: string, stream?: 'stdout' | 'stderr'): void;
  /** aborted when the cell is interrupted (pass it to fetch) */
  signal: AbortSignal;
}

/**
 * Where the kernel's data comes from: the server's query API only, never a database file.
 * From HUNTBOOK_URL, HUNTBOOK_TOKEN and HUNTBOOK_WORKSPACE; `-workspace` overrides the last.
 */
export interface Connection {
  url: string;
  token: string;
  workspace: string;
}

/** One column of a KQL result (Kusto type names). */
export interface ResultColumn { name: string; type: string }

/** The `render` object of the Log Analytics API (`Prefer: include-render=true`), camelCase keys. */
export interface RenderInfo {
  visualization: string | null;
  title?: string | null;
  xColumn?: string | null;
  series?: string | null;
  yColumns?: string | null;
  anomalyColumns?: string | null;
  xTitle?: string | null;
  yTitle?: string | null;
  xAxis?: string | null;
  yAxis?: string | null;
  legend?: string | null;
  ySplit?: string | null;
  accumulate?: boolean;
  kind?: string | null;
  yMin?: number | 'NaN';
  yMax?: number | 'NaN';
  xMin?: unknown;
  xMax?: unknown;
}
