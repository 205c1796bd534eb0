/// <reference lib="dom" />
/**
 * The notebook's kernel WebSocket (/api/kernels/{id}/channels, JSON framing): sends
 * execute requests, routes iopub and replies to the caller by parent msg_id, reports the
 * status (the kernel's execution_state, or 'connecting' / 'disconnected'), and reconnects
 * with backoff (1 s doubling to 30 s) when it cannot connect or drops. The socket is made
 * by a factory so the reconnection logic can be tested with a fake.
 */
import { executeRequest, makeMessage, parseMessage, type JupyterMessage } from './messages.ts';

export type KernelStatus = 'starting' | 'idle' | 'busy' | 'restarting' | 'dead' | 'connecting' | 'disconnected';

export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code?: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface ExecuteHandlers {
  /** every iopub message of this request (outputs, status, execute_input) */
  onIopub(msg: JupyterMessage): void;
  /** the shell reply (status ok / error / aborted, execution_count) */
  onReply(msg: JupyterMessage): void;
}

export interface ConnectionEvents {
  onStatus(status: KernelStatus, detail?: string): void;
  /** the socket opened again after it had dropped: reload what the server recorded meanwhile */
  onReconnect(): void;
  /** iopub messages that belong to no request of ours (other tabs, display updates) */
  onOtherIopub?(msg: JupyterMessage): void;
}

export const BACKOFF_MS = { first: 1000, max: 30_000 };

export function nextDelay(previous: number | undefined): number {
  return previous === undefined ? BACKOFF_MS.first : Math.min(previous * 2, BACKOFF_MS.max);
}

export class KernelConnection {
  private socket?: SocketLike;
  private pending = new Map<string, ExecuteHandlers>();
  private delay?: number;
  private timer?: ReturnType<typeof setTimeout>;
  private everOpened = false;
  private closed = false;
  status: KernelStatus = 'connecting';

  constructor(
    private readonly url: () => string,
    readonly sessionId: string,
    private readonly events: ConnectionEvents,
    private readonly makeSocket: (url: string) => SocketLike = (u) => new WebSocket(u) as unknown as SocketLike,
  ) {
    this.open();
  }

  private setStatus(s: KernelStatus, detail?: string): void {
    this.status = s;
    this.events.onStatus(s, detail);
  }

  private open(): void {
    if (this.closed) return;
    this.setStatus('connecting');
    let sock: SocketLike;
    try { sock = this.makeSocket(this.url()); } catch (e) { this.dropped(`cannot open the kernel connection: ${(e as Error).message}`); return; }
    this.socket = sock;
    sock.onopen = () => {
      const again = this.everOpened;
      this.everOpened = true;
      this.delay = undefined;
      this.setStatus('idle');
      // ask for the kernel's real state (kernel_info_request answers on shell, status on iopub)
      this.sendRaw(makeMessage('shell', 'kernel_info_request', {}, this.sessionId));
      if (again) this.events.onReconnect();
    };
    sock.onmessage = (ev) => this.receive(ev.data);
    sock.onerror = () => {};
    sock.onclose = (ev) => {
      if (this.socket !== sock) return;
      this.socket = undefined;
      this.dropped(ev.code === 1008 || ev.code === 4001 ? `the server refused the kernel connection (${ev.reason || 'not allowed'})` : 'the kernel connection dropped');
    };
  }

  private dropped(why: string): void {
    if (this.closed) return;
    this.delay = nextDelay(this.delay);
    this.setStatus('disconnected', `${why}; retrying in ${Math.round(this.delay / 1000)} s`);
    this.timer = setTimeout(() => this.open(), this.delay);
  }

  private receive(data: unknown): void {
    const msg = parseMessage(data);
    if (!msg) return;
    const parent = typeof msg.parent_header?.msg_id === 'string' ? msg.parent_header.msg_id : undefined;
    const h = parent !== undefined ? this.pending.get(parent) : undefined;
    if (msg.channel === 'iopub' && msg.header.msg_type === 'status') {
      const s = msg.content.execution_state;
      if (s === 'idle' || s === 'busy' || s === 'starting' || s === 'restarting' || s === 'dead') this.setStatus(s);
    }
    if (!h) {
      if (msg.channel === 'iopub') this.events.onOtherIopub?.(msg);
      return;
    }
    if (msg.channel === 'iopub') h.onIopub(msg);
    else if (msg.channel === 'shell' && msg.header.msg_type === 'execute_reply') {
      this.pending.delete(parent!);
      h.onReply(msg);
    }
  }

  private sendRaw(msg: JupyterMessage): boolean {
    if (!this.socket || this.socket.readyState !== 1) return false;
    this.socket.send(JSON.stringify(msg));
    return true;
  }

  /** Send a cell; throws when not connected (the caller says so and keeps the cell). */
  execute(code: string, cellId: string, handlers: ExecuteHandlers): string {
    const msg = executeRequest(code, cellId, this.sessionId);
    this.pending.set(msg.header.msg_id, handlers);
    if (!this.sendRaw(msg)) {
      this.pending.delete(msg.header.msg_id);
      throw new Error('the kernel is not connected: the cell was not sent');
    }
    return msg.header.msg_id;
  }

  /** Forget the requests in flight (after a restart their replies never come). */
  forgetPending(): string[] {
    const ids = [...this.pending.keys()];
    this.pending.clear();
    return ids;
  }

  /** Reconnect now (the user asked, or the page came back online). */
  reconnect(): void {
    if (this.closed || this.socket) return;
    clearTimeout(this.timer);
    this.open();
  }

  dispose(): void {
    this.closed = true;
    clearTimeout(this.timer);
    const s = this.socket;
    this.socket = undefined;
    s?.close(1000, 'notebook closed');
  }
}
