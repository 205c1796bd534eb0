/**
 * The kernel's five ZeroMQ sockets, bound from the connection file: shell, control and stdin
 * (ROUTER), iopub (PUB) and heartbeat (REP). Each outgoing socket has one send queue, because a
 * ZeroMQ socket takes one send at a time.
 */
import { Publisher, Reply, Router, type Socket } from 'zeromq';
import { log } from './log.ts';
import { endpoint, type Channel, type ConnectionInfo } from './connection.ts';

/** Sends on one socket, one message after the other, in the order asked. */
export class SendQueue {
  #tail: Promise<void> = Promise.resolve();
  constructor(private readonly socket: { send(frames: Buffer[]): Promise<void> }, readonly name: string) {}

  send(frames: Buffer[]): Promise<void> {
    const next = this.#tail.then(() => this.socket.send(frames));
    this.#tail = next.catch((e: unknown) => {
      log(`sending on ${this.name} failed: ${(e as Error).message}`);
    });
    return this.#tail;
  }

  /** resolves when everything queued so far was handed to ZeroMQ */
  flushed(): Promise<void> {
    return this.#tail;
  }
}

export interface KernelSockets {
  shell: Router;
  control: Router;
  stdin: Router;
  iopub: Publisher;
  hb: Reply;
}

/** Binds all five sockets; an address in use names the channel and endpoint. */
export async function bindSockets(info: ConnectionInfo): Promise<KernelSockets> {
  const sockets: KernelSockets = {
    shell: new Router({ linger: 1000 }),
    control: new Router({ linger: 1000 }),
    stdin: new Router({ linger: 0 }),
    iopub: new Publisher({ linger: 1000 }),
    hb: new Reply({ linger: 0 }),
  };
  try {
    for (const [channel, socket] of Object.entries(sockets) as [Channel, Socket][]) {
      const at = endpoint(info, channel);
      try {
        await socket.bind(at);
      } catch (e) {
        throw new Error(`cannot bind the ${channel} socket to ${at}: ${(e as Error).message}`);
      }
    }
  } catch (e) {
    closeSockets(sockets);
    throw e;
  }
  return sockets;
}

export function closeSockets(sockets: KernelSockets): void {
  for (const s of Object.values(sockets) as Socket[]) if (!s.closed) s.close();
}
