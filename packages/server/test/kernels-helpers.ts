/** Shared setup of the kernel tests: a WebSocket client of /api/kernels/{id}/channels speaking Jupyter's JSON framing. */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { TestServer } from './server-helpers.ts';

export interface Msg {
  channel: string;
  header: { msg_id: string; msg_type: string; session: string };
  parent_header: { msg_id?: string; session?: string };
  metadata: Record<string, unknown>;
  content: any;
}

export class KernelClient {
  readonly messages: Msg[] = [];
  readonly session = randomUUID();
  #waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as Msg);
      for (const w of this.#waiters.splice(0)) w();
    });
  }

  static async connect(s: TestServer, kernelId: string, token = s.token): Promise<KernelClient> {
    const c = new KernelClient(new WebSocket(`${s.url.replace(/^http/, 'ws')}/api/kernels/${kernelId}/channels?session_id=${randomUUID()}&token=${token}`));
    await new Promise((resolve, reject) => { c.ws.once('open', resolve); c.ws.once('error', reject); c.ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`))); });
    return c;
  }

  /** the first message (seen or to come) matching, within timeoutMs */
  async waitFor(pred: (m: Msg) => boolean, what: string, timeoutMs = 60_000): Promise<Msg> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(pred);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms; got ${this.messages.map((m) => m.header.msg_type).join(', ')}`);
      await new Promise<void>((r) => { this.#waiters.push(r); setTimeout(r, 200); });
    }
  }

  /** sends execute_request; returns its msg_id */
  execute(code: string, metadata: Record<string, unknown> = {}): string {
    const msgId = randomUUID();
    this.ws.send(JSON.stringify({
      channel: 'shell',
      header: { msg_id: msgId, msg_type: 'execute_request', session: this.session, username: 'test', date: new Date().toISOString(), version: '5.3' },
      parent_header: {}, metadata,
      content: { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
      buffers: [],
    }));
    return msgId;
  }

  /** executes and waits for idle: the iopub messages of the request and its reply */
  async run(code: string): Promise<{ iopub: Msg[]; reply: Msg }> {
    const id = this.execute(code);
    await this.waitFor((m) => m.channel === 'iopub' && m.parent_header.msg_id === id && m.header.msg_type === 'status' && m.content.execution_state === 'idle', `idle after ${JSON.stringify(code)}`);
    const reply = await this.waitFor((m) => m.channel === 'shell' && m.parent_header.msg_id === id && m.header.msg_type === 'execute_reply', 'execute_reply');
    return { iopub: this.messages.filter((m) => m.channel === 'iopub' && m.parent_header.msg_id === id), reply };
  }

  close(): void {
    this.ws.close();
  }
}

/** The kernel process ids a kernel's log names, in order. */
export async function kernelPids(s: TestServer, kernelId: string): Promise<number[]> {
  const text = await (await fetch(`${s.url}/api/kernels/${kernelId}/logs`, { headers: { authorization: `token ${s.token}` } })).text();
  return [...text.matchAll(/kernel process pid (\d+)/g)].map((m) => Number(m[1]));
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** polls fn until it returns a truthy value */
export async function until<T>(fn: () => Promise<T> | T, what: string, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
