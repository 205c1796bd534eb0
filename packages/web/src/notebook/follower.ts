/**
 * Following runs this page did not send. After a reload the kernel may still be running a cell
 * the previous page sent; its iopub messages reach this page with a parent msg_id it does not
 * know. The server records every output of that cell into the notebook, so rather than
 * rebuilding outputs from the middle of a stream, the follower asks for the server's copy
 * (`reload`) when such output arrives (at most one read per `debounceMs`: the server batches
 * its writes) and when the request goes idle (read again `settleMs` later, for the server's
 * last write). It also tells which cells are running: the msg_id of a Huntbook page's
 * execute_request names its cell (messages.ts); other clients' runs are followed without it.
 */
import { cellOfRequest, type JupyterMessage } from './messages.ts';

export interface FollowerOptions {
  /** re-read the notebook's outputs from the server */
  reload(): void;
  /** the cells known to run for other pages changed */
  onRunning?(cells: ReadonlySet<string>): void;
  debounceMs?: number;
  settleMs?: number;
}

const OUTPUT_TYPES = new Set(['stream', 'display_data', 'execute_result', 'error', 'clear_output', 'update_display_data']);

export class RunFollower {
  /** parent msg_id of the runs seen busy and not yet idle -> their cell (undefined when not named) */
  private readonly active = new Map<string, string | undefined>();
  private timer?: ReturnType<typeof setTimeout>;
  private settle?: ReturnType<typeof setTimeout>;
  private running: ReadonlySet<string> = new Set();
  private readonly debounceMs: number;
  private readonly settleMs: number;

  constructor(private readonly opts: FollowerOptions) {
    this.debounceMs = opts.debounceMs ?? 300;
    this.settleMs = opts.settleMs ?? 1000;
  }

  /** the cells running for other pages, as far as this page can tell */
  get cells(): ReadonlySet<string> {
    return this.running;
  }

  /** whether the kernel runs a request of another client whose cell this page cannot tell */
  get unnamedActive(): boolean {
    for (const cell of this.active.values()) if (cell === undefined) return true;
    return false;
  }

  /** An iopub message that belongs to no request of this page. */
  handle(msg: JupyterMessage): void {
    const type = msg.header.msg_type;
    if (type === 'status') {
      const s = msg.content.execution_state;
      if (s === 'dead' || s === 'restarting' || s === 'starting') { this.reset(); return; }
    }
    if (msg.parent_header?.msg_type !== 'execute_request') return;
    const parent = msg.parent_header.msg_id;
    if (typeof parent !== 'string') return;
    if (type === 'status') {
      if (msg.content.execution_state === 'busy') this.start(parent);
      else if (msg.content.execution_state === 'idle') this.end(parent);
      return;
    }
    if (type === 'execute_input' || OUTPUT_TYPES.has(type)) this.start(parent);
    if (OUTPUT_TYPES.has(type)) this.schedule();
  }

  /** Forget every run (the kernel restarted or died: nothing of theirs runs any more). */
  reset(): void {
    if (this.active.size === 0) return;
    this.active.clear();
    this.publish();
    this.schedule();
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.settle);
    this.timer = this.settle = undefined;
  }

  private start(parent: string): void {
    if (this.active.has(parent)) return;
    this.active.set(parent, cellOfRequest(parent));
    this.publish();
  }

  private end(parent: string): void {
    this.active.delete(parent);
    this.publish();
    this.schedule();
    clearTimeout(this.settle);
    this.settle = setTimeout(() => { this.settle = undefined; this.opts.reload(); }, this.settleMs);
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => { this.timer = undefined; this.opts.reload(); }, this.debounceMs);
  }

  private publish(): void {
    const next = new Set<string>();
    for (const cell of this.active.values()) if (cell !== undefined) next.add(cell);
    if (next.size === this.running.size && [...next].every((c) => this.running.has(c))) return;
    this.running = next;
    this.opts.onRunning?.(next);
  }
}
