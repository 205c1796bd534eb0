/**
 * The manager's ZeroMQ client sockets to one kernel process: dealers for shell, control and
 * stdin, a subscriber (to everything) for iopub. Messages are signed and checked with the
 * connection file's key; each socket sends one message at a time, in order.
 */
import { Dealer, Subscriber } from 'zeromq';
import { endpoint, type ConnectionInfo } from './connection.ts';
import { fromFrames, MessageSigner, toFrames, type Channel, type JupyterMessage } from './wire.ts';

export class KernelChannels {
  readonly #signer: MessageSigner;
  readonly #sockets: { shell: Dealer; control: Dealer; stdin: Dealer; iopub: Subscriber };
  readonly #tails = new Map<Channel, Promise<void>>();
  #closed = false;

  constructor(info: ConnectionInfo, onMessage: (msg: JupyterMessage) => void, onError: (e: Error) => void) {
    this.#signer = new MessageSigner(info.key);
    this.#sockets = {
      shell: new Dealer({ linger: 0 }),
      control: new Dealer({ linger: 0 }),
      stdin: new Dealer({ linger: 0 }),
      iopub: new Subscriber({ linger: 0 }),
    };
    this.#sockets.shell.connect(endpoint(info, info.shell_port));
    this.#sockets.control.connect(endpoint(info, info.control_port));
    this.#sockets.stdin.connect(endpoint(info, info.stdin_port));
    this.#sockets.iopub.connect(endpoint(info, info.iopub_port));
    this.#sockets.iopub.subscribe();
    for (const channel of ['shell', 'control', 'stdin', 'iopub'] as const) void this.#receive(channel, onMessage, onError);
  }

  async #receive(channel: Channel, onMessage: (msg: JupyterMessage) => void, onError: (e: Error) => void): Promise<void> {
    const socket = this.#sockets[channel];
    try {
      for await (const frames of socket) {
        const msg = fromFrames(frames, channel, this.#signer);
        if (msg instanceof Error) onError(msg);
        else onMessage(msg);
      }
    } catch (e) {
      if (!this.#closed) onError(new Error(`receiving on ${channel} failed: ${(e as Error).message}`));
    }
  }

  /** Sends a message on shell, control or stdin; resolves when ZeroMQ took it. */
  send(msg: JupyterMessage): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('the kernel connection is closed'));
    const channel = msg.channel;
    if (channel === 'iopub') return Promise.reject(new Error('nothing is sent to a kernel on iopub'));
    const socket = this.#sockets[channel];
    const frames = toFrames(msg, this.#signer);
    const next = (this.#tails.get(channel) ?? Promise.resolve()).then(() => socket.send(frames));
    this.#tails.set(channel, next.catch(() => {}));
    return next;
  }

  close(): void {
    this.#closed = true;
    for (const s of Object.values(this.#sockets)) if (!s.closed) s.close();
  }
}
