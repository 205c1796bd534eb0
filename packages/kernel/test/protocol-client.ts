/**
 * Test helpers for the protocol tests and the bench: start a real kernel process from a
 * connection file with free ports, and a small ZeroMQ client (shell, control, iopub, heartbeat)
 * that signs its requests and collects what comes back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dealer, Request as ReqSocket, Subscriber } from 'zeromq';
import type { ConnectionInfo } from '../src/protocol/connection.ts';
import { endpoint } from '../src/protocol/connection.ts';
import { newMessage, newSession, type JsonObject, type Message } from '../src/protocol/messages.ts';
import { decode, encode, Signer } from '../src/protocol/wire.ts';

export const LAUNCHER = fileURLToPath(new URL('../bin/huntbook-kernel.js', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface RunningKernel {
  info: ConnectionInfo;
  child: ChildProcess;
  /** everything the kernel wrote on stderr so far */
  stderr(): string;
  /** the exit code (null when a signal ended the process: see child.signalCode) */
  exited: Promise<number | null>;
  /** kills the process if still alive and removes the temp dir */
  dispose(): Promise<void>;
}

/** @param options.nodeArgs node's own flags (default the kernelspec's heap limit) */
export async function startKernel(env: NodeJS.ProcessEnv = {}, options: { nodeArgs?: string[] } = {}): Promise<RunningKernel> {
  const dir = mkdtempSync(join(tmpdir(), 'huntbook-kernel-'));
  const info: ConnectionInfo = {
    transport: 'tcp', ip: '127.0.0.1', key: randomUUID(), signature_scheme: 'hmac-sha256',
    shell_port: await freePort(), control_port: await freePort(), iopub_port: await freePort(), stdin_port: await freePort(), hb_port: await freePort(),
  };
  const file = join(dir, 'kernel.json');
  writeFileSync(file, JSON.stringify(info));
  const child = spawn(process.execPath, [...(options.nodeArgs ?? ['--max-old-space-size=2048']), LAUNCHER, '-f', file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    info, child, exited,
    stderr: () => err,
    async dispose() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Jupyter client over real sockets. */
export class KernelClient {
  readonly session = newSession('test');
  readonly signer: Signer;
  // a short reconnect interval: a client made before the kernel binds connects as soon as it does
  readonly shell = new Dealer({ linger: 0, reconnectInterval: 10 });
  readonly control = new Dealer({ linger: 0, reconnectInterval: 10 });
  readonly iopub = new Subscriber({ linger: 0, reconnectInterval: 10 });
  /** every iopub message received so far */
  readonly published: Message[] = [];
  readonly #replies = new Map<string, Message>();
  readonly #waiters: Array<() => void> = [];

  constructor(readonly info: ConnectionInfo) {
    this.signer = new Signer(info.key);
    this.shell.connect(endpoint(info, 'shell'));
    this.control.connect(endpoint(info, 'control'));
    this.iopub.connect(endpoint(info, 'iopub'));
    this.iopub.subscribe();
    void this.#pump(this.shell, (m) => this.#replies.set(String((m.parent_header as JsonObject).msg_id), m));
    void this.#pump(this.control, (m) => this.#replies.set(String((m.parent_header as JsonObject).msg_id), m));
    void this.#pump(this.iopub, (m) => this.published.push(m));
  }

  async #pump(socket: Dealer | Subscriber, on: (m: Message) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        on(decode(frames, this.signer));
        for (const w of this.#waiters.splice(0)) w();
      }
    } catch {
      // closed
    }
  }

  /** Sends a request; returns its msg_id. */
  async send(channel: 'shell' | 'control', msgType: string, content: JsonObject): Promise<string> {
    const msg = newMessage(this.session, msgType, content);
    await this[channel].send(encode(msg, this.signer));
    return msg.header.msg_id;
  }

  /** Sends raw frames (for bad signatures). */
  async sendFrames(channel: 'shell' | 'control', frames: Buffer[]): Promise<void> {
    await this[channel].send(frames);
  }

  /** Waits until `probe` returns a value (checked on every message received). */
  async until<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      // woken by every message; polled too, for probes of other things (the kernel's stderr)
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 50));
        this.#waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  reply(msgId: string, timeoutMs?: number): Promise<Message> {
    return this.until(() => this.#replies.get(msgId), `the reply to ${msgId}`, timeoutMs);
  }

  /** iopub messages of a request, once its status idle arrived. */
  async outputs(msgId: string, timeoutMs?: number): Promise<Message[]> {
    const mine = () => this.published.filter((m) => (m.parent_header as JsonObject).msg_id === msgId);
    await this.until(() => mine().find((m) => m.header.msg_type === 'status' && m.content.execution_state === 'idle'), `status idle of ${msgId}`, timeoutMs);
    return mine();
  }

  /** Sends a request and waits for both its reply and its idle. */
  async call(channel: 'shell' | 'control', msgType: string, content: JsonObject): Promise<{ reply: Message; outputs: Message[] }> {
    const id = await this.send(channel, msgType, content);
    const reply = await this.reply(id);
    return { reply, outputs: await this.outputs(id) };
  }

  /** Waits until the kernel answers kernel_info (iopub is connected by then too). */
  async ready(timeoutMs = 20_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const id = await this.send('shell', 'kernel_info_request', {});
      try {
        const reply = await this.reply(id, 1000);
        // the reply may come before this SUBSCRIBE took effect: wait for one idle seen on iopub
        await this.outputs(id, 1000).catch(async () => { await this.call('shell', 'kernel_info_request', {}); });
        return reply;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
    }
  }

  close(): void {
    for (const s of [this.shell, this.control, this.iopub]) s.close();
  }
}

/** One heartbeat ping: resolves with the echoed bytes. */
export async function ping(info: ConnectionInfo, payload: string, timeoutMs = 5000): Promise<string> {
  const req = new ReqSocket({ linger: 0, receiveTimeout: timeoutMs });
  req.connect(endpoint(info, 'hb'));
  try {
    await req.send(payload);
    const [echo] = await req.receive();
    return echo!.toString();
  } finally {
    req.close();
  }
}
