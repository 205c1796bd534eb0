/// <reference lib="dom" />
/**
 * The notebook's kernel WebSocket (/api/kernels/{id}/channels, JSON framing): sends
 * execute requests, routes iopub and replies to the caller by parent msg_id, reports the
 * status (the kernel's execution_state, or 'connecting' / 'disconnected'), and reconnects
 * with backoff (1 s doubling to 30 s) when it cannot connect or drops. A cell run while the
 * kernel is not ready (connecting, starting, restarting, dead, disconnected) waits in a queue
 * and is sent, in order, once the socket is open and the kernel idle or busy (as JupyterLab
 * does). When the socket opens, the status is the server's word on the kernel (`probe`), not
 * a guess: after a reload the kernel may be busy with a cell the previous page sent. The
 * socket is made by a factory so the reconnection logic can be tested with a fake.
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
  /** the request left the queue and went to the kernel (at once when it was ready) */
  onSent?(): void;
  /** the request never went: dropped from the queue (restart, notebook closed), and why */
  onDropped?(why: string): void;
}

export interface ConnectionEvents {
  onStatus(status: KernelStatus, detail?: string): void;
  /** the socket opened again after it had dropped: reload what the server recorded meanwhile */
  onReconnect(): void;
  /** iopub messages that belong to no request of ours (other tabs, display updates) */
  onOtherIopub?(msg: JupyterMessage): void;
  /** the socket opened for the first time: reload what the server recorded since the page loaded */
  onConnect?(): void;
  /** the kernel's execution_state as the server knows it (GET /api/kernels/{id}), asked when the socket opens */
  probe?(): Promise<string>;
}

const READY: ReadonlySet<KernelStatus> = new Set(['idle', 'busy']);
const KERNEL_STATES: ReadonlySet<string> = new Set(['starting', 'idle', 'busy', 'restarting', 'dead']);

export const BACKOFF_MS = { first: 1000, max: 30_000 };

export function nextDelay(previous: number | undefined): number {
  return previous === undefined ? BACKOFF_MS.first : Math.min(previous * 2, BACKOFF_MS.max);
}

export class KernelConnection {
  private socket?: SocketLike;
  private pending = new Map<string, ExecuteHandlers>();
  /** requests waiting for the kernel to be ready, oldest first */
  private queue: { msg: JupyterMessage; handlers: ExecuteHandlers }[] = [];
  /** a status message arrived since the socket opened (it is newer than the probe's answer) */
  private heard = false;
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
    this.flush();
  }

  /** whether a request sent now goes to the kernel */
  get ready(): boolean {
    return this.socket?.readyState === 1 && READY.has(this.status);
  }

  /** how many requests wait for the kernel */
  get queued(): number {
    return this.queue.length;
  }

  private flush(): void {
    while (this.queue.length > 0 && this.ready) {
      const q = this.queue[0]!;
      if (!this.sendRaw(q.msg)) return;
      this.queue.shift();
      this.pending.set(q.msg.header.msg_id, q.handlers);
      q.handlers.onSent?.();
    }
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
      this.heard = false;
      // the kernel's real state: the server's word now, then its status messages (the
      // kernel_info_request is answered, with busy and idle, once the kernel gets to it)
      const probe = this.events.probe;
      if (probe) {
        probe().then((st) => {
          if (this.socket === sock && !this.heard) this.setStatus(KERNEL_STATES.has(st) ? st as KernelStatus : 'idle');
        }, () => {
          if (this.socket === sock && !this.heard) this.setStatus('idle');
        });
      } else {
        this.setStatus('idle');
      }
      this.sendRaw(makeMessage('shell', 'kernel_info_request', {}, this.sessionId));
      if (again) this.events.onReconnect();
      else this.events.onConnect?.();
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
      if (typeof s === 'string' && KERNEL_STATES.has(s)) { this.heard = true; this.setStatus(s as KernelStatus); }
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

  /** Send a cell now, or queue it until the kernel is ready (handlers.onSent says when it went). */
  execute(code: string, cellId: string, handlers: ExecuteHandlers): string {
    if (this.closed) throw new Error('the notebook was closed: the cell was not sent');
    const msg = executeRequest(code, cellId, this.sessionId);
    this.queue.push({ msg, handlers });
    this.flush();
    return msg.header.msg_id;
  }

  /** Forget the requests in flight and drop the queued ones (the kernel restarts: their replies never come). */
  forgetPending(why = 'the kernel restarted'): string[] {
    const ids = [...this.pending.keys()];
    this.pending.clear();
    this.dropQueue(why);
    return ids;
  }

  private dropQueue(why: string): void {
    const q = this.queue;
    this.queue = [];
    for (const { handlers } of q) handlers.onDropped?.(`${why}: the cell was not sent`);
  }

  /** Reconnect now (the user asked, or the page came back online). */
  reconnect(): void {
    if (this.closed || this.socket) return;
    clearTimeout(this.timer);
    this.open();
  }

  dispose(): void {
    this.closed = true;
    this.dropQueue('the notebook was closed');
    clearTimeout(this.timer);
    const s = this.socket;
    this.socket = undefined;
    s?.close(1000, 'notebook closed');
  }
}
