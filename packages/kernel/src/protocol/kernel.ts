/**
 * The protocol side of the kernel (it runs in the worker thread): binds the sockets, checks
 * every incoming message's signature, publishes status busy/idle around every shell and control
 * request, runs shell requests one at a time in order (control ones on their own queue, so an
 * interrupt gets through while a cell runs), answers heartbeats, and hands execute, complete and
 * inspect to the Executor through the ExecLink.
 */
import type { ExecEvent, ExecRequest } from '../types.ts';
import type { ConnectionInfo } from './connection.ts';
import { toCodePoints, toUtf16 } from './cursor.ts';
import { ExecLink } from './exec-link.ts';
import { Execution } from './execute.ts';
import { History } from './history.ts';
import { isComplete } from './is-complete.ts';
import { kernelInfo } from './kernel-info.ts';
import { log } from './log.ts';
import { terminateMainThread } from './terminate.ts';
import { newMessage, newSession, replyType, type JsonObject, type Message, type Session } from './messages.ts';
import type { Request } from './request.ts';
import { bindSockets, closeSockets, SendQueue, type KernelSockets } from './sockets.ts';
import { decode, encode, Signer, WireError } from './wire.ts';

export interface ProtocolKernelOptions {
  info: ConnectionInfo;
  /** posts a request to the Executor on the main thread */
  post: (req: ExecRequest) => void;
  /** JSON lines file keeping history across sessions; memory only when undefined */
  historyFile?: string;
  /**
   * shared with the Executor: 1 while a cell's script runs under vm's SIGINT watchdog, the only
   * moments SIGINT is sent (elsewhere it could end the process, see exec/index.ts)
   */
  inScript?: Int32Array;
  /** called once the kernel has answered shutdown_request and closed its sockets */
  onShutdown: (restart: boolean) => void;
}

type Handler = (req: Request) => Promise<void>;

/** how often an interrupted cell that still runs is looked at */
const INTERRUPT_CHECK_MS = 400;
/** looks after which a cell still running outside its script is terminated (see terminate.ts) */
const TERMINATE_AFTER_CHECKS = 3;
/** looks after which the interrupt gives up (the cell keeps running; a restart stops it) */
const INTERRUPT_GIVE_UP_CHECKS = 20;

export class ProtocolKernel {
  readonly link: ExecLink;
  readonly #signer: Signer;
  readonly #session: Session = newSession('kernel');
  readonly #history: History;
  readonly #execution: Execution;
  readonly #send: Record<'shell' | 'control' | 'stdin' | 'iopub', SendQueue>;
  readonly #shellQueue: Message[] = [];
  readonly #aborted = new WeakSet<Message>();
  #shellRunning = false;
  #controlTail: Promise<void> = Promise.resolve();
  #closing = false;

  private constructor(private readonly sockets: KernelSockets, private readonly opts: ProtocolKernelOptions) {
    this.#signer = new Signer(opts.info.key);
    this.link = new ExecLink(opts.post);
    this.#history = new History(opts.historyFile);
    this.#execution = new Execution(this.link, this.#history);
    this.#send = {
      shell: new SendQueue(sockets.shell, 'shell'),
      control: new SendQueue(sockets.control, 'control'),
      stdin: new SendQueue(sockets.stdin, 'stdin'),
      iopub: new SendQueue(sockets.iopub, 'iopub'),
    };
  }

  /** Binds the sockets, publishes status 'starting' and starts listening. */
  static async start(opts: ProtocolKernelOptions): Promise<ProtocolKernel> {
    const k = new ProtocolKernel(await bindSockets(opts.info), opts);
    void k.#publish('status', { execution_state: 'starting' });
    void k.#heartbeat();
    void k.#listen('shell', (msg) => k.#enqueueShell(msg));
    void k.#listen('control', (msg) => {
      k.#controlTail = k.#controlTail.then(() => k.#dispatch('control', msg));
    });
    void k.#listen('stdin', (msg) => log(`ignored '${msg.header.msg_type}' on stdin: this kernel does not ask for input`));
    return k;
  }

  /** An event from the Executor. */
  receive(e: ExecEvent): void {
    this.link.receive(e);
  }

  async #heartbeat(): Promise<void> {
    try {
      for await (const frames of this.sockets.hb) await this.sockets.hb.send(frames);
    } catch (e) {
      if (!this.#closing) log(`the heartbeat stopped: ${(e as Error).message}`);
    }
  }

  async #listen(channel: 'shell' | 'control' | 'stdin', onMessage: (msg: Message) => void): Promise<void> {
    try {
      for await (const frames of this.sockets[channel]) {
        let msg: Message;
        try {
          msg = decode(frames, this.#signer);
        } catch (e) {
          if (!(e instanceof WireError)) throw e;
          log(`dropped a message on ${channel}${e.msgType ? ` (msg_type '${e.msgType}')` : ''}: ${e.message}`);
          continue;
        }
        onMessage(msg);
      }
    } catch (e) {
      if (!this.#closing) log(`the ${channel} socket stopped: ${(e as Error).message}`);
    }
  }

  #enqueueShell(msg: Message): void {
    this.#shellQueue.push(msg);
    if (!this.#shellRunning) void this.#drainShell();
  }

  async #drainShell(): Promise<void> {
    this.#shellRunning = true;
    try {
      for (let msg = this.#shellQueue.shift(); msg && !this.#closing; msg = this.#shellQueue.shift()) {
        await this.#dispatch('shell', msg);
      }
    } finally {
      this.#shellRunning = false;
    }
  }

  #publish(msgType: string, content: JsonObject, parent?: Message): Promise<void> {
    return this.#send.iopub.send(encode(newMessage(this.#session, msgType, content, parent), this.#signer));
  }

  #request(channel: 'shell' | 'control', msg: Message): Request {
    return {
      msg,
      channel,
      reply: (content) => this.#send[channel].send(encode(newMessage(this.#session, replyType(msg.header.msg_type), content, msg, msg.identities), this.#signer)),
      publish: (msgType, content) => this.#publish(msgType, content, msg),
    };
  }

  /** One request, between status busy and idle. */
  async #dispatch(channel: 'shell' | 'control', msg: Message): Promise<void> {
    const req = this.#request(channel, msg);
    const type = msg.header.msg_type;
    void req.publish('status', { execution_state: 'busy' });
    let restart: boolean | undefined;
    try {
      if (type === 'shutdown_request') {
        restart = msg.content.restart === true;
        await this.#shutdown(req, restart);
      } else {
        const handler = this.#handlers[type];
        if (handler) await handler(req);
        else log(`ignored a '${type}' message on ${channel}: this kernel does not handle it`);
      }
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      log(`'${type}' on ${channel} failed: ${err.stack ?? err.message}`);
      if (type.endsWith('_request')) await req.reply({ status: 'error', ename: err.name, evalue: err.message, traceback: [] });
    } finally {
      await req.publish('status', { execution_state: 'idle' });
    }
    if (restart !== undefined) await this.#close(restart);
  }

  readonly #handlers: Record<string, Handler> = {
    kernel_info_request: (req) => req.reply(kernelInfo()),
    execute_request: async (req) => {
      if (this.#aborted.has(req.msg)) return this.#execution.abort(req);
      await this.#execution.execute(req, () => {
        for (const m of this.#shellQueue) if (m.header.msg_type === 'execute_request') this.#aborted.add(m);
      });
    },
    complete_request: async (req) => {
      const { code, cursorPos } = codeAndCursor(req.msg.content);
      const final = await this.link.request({ type: 'complete', code, cursorPos });
      const content = final.type === 'reply' ? { ...final.content } : {};
      for (const k of ['cursor_start', 'cursor_end'] as const) {
        if (typeof content[k] === 'number') content[k] = toCodePoints(code, content[k] as number);
      }
      const at = toCodePoints(code, cursorPos);
      await req.reply({ status: 'ok', matches: [], cursor_start: at, cursor_end: at, metadata: {}, ...content });
    },
    inspect_request: async (req) => {
      const { code, cursorPos } = codeAndCursor(req.msg.content);
      const detailLevel = req.msg.content.detail_level === 1 ? 1 : 0;
      const final = await this.link.request({ type: 'inspect', code, cursorPos, detailLevel });
      const content = final.type === 'reply' ? final.content : {};
      await req.reply({ status: 'ok', found: false, data: {}, metadata: {}, ...content });
    },
    is_complete_request: (req) => req.reply({ ...isComplete(String(req.msg.content.code ?? '')) }),
    history_request: (req) => req.reply({ status: 'ok', history: this.#history.query(req.msg.content) }),
    comm_info_request: (req) => req.reply({ status: 'ok', comms: {} }),
    comm_open: async (req) => {
      const c = req.msg.content;
      log(`comm_open for target '${String(c.target_name)}' refused: this kernel has no comm targets`);
      await req.publish('comm_close', { comm_id: c.comm_id, data: {} });
    },
    comm_msg: async () => {},
    comm_close: async () => {},
    interrupt_request: async (req) => {
      const running = this.link.pendingIds();
      this.link.notify({ type: 'interrupt' });
      this.#stopRunning(running, 0);
      await req.reply({ status: 'ok' });
    },
  };

  /** Whether the main thread runs a cell's script under vm's SIGINT watchdog right now. */
  mainInScript(): boolean {
    return this.opts.inScript !== undefined && Atomics.load(this.opts.inScript, 0) === 1;
  }

  /**
   * The signal half of an interrupt and what follows while the cell still runs. SIGINT goes
   * out only while the cell's script runs under breakOnSigint (it stops a synchronous loop
   * there); the message half, posted already, abandons a cell that waits. A cell still running
   * after some looks, outside its script, loops after an `await` (or the main thread is stuck
   * in other JavaScript): its JavaScript is terminated through the inspector, after which the
   * message half gets through and ends the cell with KeyboardInterrupt.
   */
  #stopRunning(running: string[], check: number): void {
    if (this.mainInScript()) {
      if (check > 0) log(`the running cell did not stop on interrupt; sending SIGINT again (${check})`);
      process.kill(process.pid, 'SIGINT');
    }
    if (running.length === 0) return;
    setTimeout(() => {
      if (this.#closing || !running.some((id) => this.link.isPending(id))) return;
      if (check + 1 >= TERMINATE_AFTER_CHECKS && !this.mainInScript()) {
        log('the running cell did not stop on interrupt (it runs outside its script, e.g. loops after an await); terminating its JavaScript through the inspector');
        terminateMainThread().catch((e: Error) => log(`cannot stop the running cell: ${e.message}; only a restart stops it`));
        return;
      }
      if (check + 1 >= INTERRUPT_GIVE_UP_CHECKS) {
        log('the running cell did not stop on interrupt; only a restart stops it');
        return;
      }
      this.#stopRunning(running, check + 1);
    }, INTERRUPT_CHECK_MS).unref();
  }

  async #shutdown(req: Request, restart: boolean): Promise<void> {
    this.link.notify({ type: 'shutdown', restart });
    await req.reply({ status: 'ok', restart });
  }

  async #close(restart: boolean): Promise<void> {
    this.#closing = true;
    await Promise.all(Object.values(this.#send).map((q) => q.flushed()));
    closeSockets(this.sockets);
    this.opts.onShutdown(restart);
  }
}

/** The code and the cursor (as a UTF-16 index) of a complete or inspect request. */
function codeAndCursor(content: JsonObject): { code: string; cursorPos: number } {
  const code = typeof content.code === 'string' ? content.code : '';
  const pos = content.cursor_pos;
  const cursorPos = typeof pos === 'number' && Number.isInteger(pos) && pos >= 0 ? toUtf16(code, pos) : code.length;
  return { code, cursorPos };
}
