/**
 * execute_request: the execution counter, execute_input, the cell's outputs relayed from the
 * Executor to iopub (stream, display_data, update_display_data, clear_output, execute_result,
 * error) and the execute_reply. silent: no execute_input, no execute_result, no count;
 * store_history=false: no count and no history entry.
 */
import type { ExecEvent } from '../types.ts';
import type { ExecLink } from './exec-link.ts';
import type { History } from './history.ts';
import type { JsonObject } from './messages.ts';
import type { Request } from './request.ts';

export class Execution {
  /** the count of the last cell that stored history */
  count = 0;

  constructor(private readonly link: ExecLink, private readonly history: History) {}

  /**
   * Runs one cell. When it fails and asked to stop on error, `onStop` is called before the
   * error reply goes out, so the requests aborted are those sent before the client saw it.
   */
  async execute(req: Request, onStop: () => void): Promise<void> {
    const c = req.msg.content;
    const code = typeof c.code === 'string' ? c.code : '';
    const silent = c.silent === true;
    const storeHistory = !silent && c.store_history !== false;
    const stopOnError = c.stop_on_error !== false;
    const userExpressions = stringRecord(c.user_expressions);
    if (storeHistory) {
      this.count += 1;
      this.history.add(this.count, code);
    }
    const count = this.count;
    if (!silent) void req.publish('execute_input', { code, execution_count: count });
    const final = await this.link.request(
      { type: 'execute', code, silent, storeHistory, executionCount: count, userExpressions },
      (e) => this.#relay(req, e, count, silent, storeHistory),
    );
    if (final.type === 'done' && final.status === 'ok') {
      await req.reply({ status: 'ok', execution_count: count, user_expressions: final.userExpressions ?? {}, payload: final.payload ?? [] });
      return;
    }
    const error = final.type === 'done' && final.error
      ? final.error
      : { ename: 'KernelError', evalue: `the executor answered an execute request with '${final.type}'`, traceback: [] };
    void req.publish('error', { ...error });
    if (stopOnError) onStop();
    await req.reply({ status: 'error', execution_count: count, ...error, user_expressions: {}, payload: [] });
  }

  /** Answers an execute request that is not run because an earlier cell failed. */
  async abort(req: Request): Promise<void> {
    await req.reply({ status: 'aborted', execution_count: this.count, user_expressions: {}, payload: [] });
  }

  #relay(req: Request, e: Exclude<ExecEvent, { type: 'done' | 'reply' }>, count: number, silent: boolean, storeHistory: boolean): void {
    switch (e.type) {
      case 'stream':
        void req.publish('stream', { name: e.name, text: e.text });
        return;
      case 'display':
        void req.publish(e.update ? 'update_display_data' : 'display_data', {
          data: e.bundle.data,
          metadata: e.bundle.metadata ?? {},
          transient: e.bundle.transient ?? {},
        });
        return;
      case 'clear':
        void req.publish('clear_output', { wait: e.wait });
        return;
      case 'result': {
        if (silent) return;
        const content: JsonObject = { execution_count: count, data: e.bundle.data, metadata: e.bundle.metadata ?? {} };
        if (e.bundle.transient) content.transient = e.bundle.transient;
        void req.publish('execute_result', content);
        const text = e.bundle.data['text/plain'];
        if (storeHistory && typeof text === 'string') this.history.setOutput(count, text);
      }
    }
  }
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  }
  return out;
}
