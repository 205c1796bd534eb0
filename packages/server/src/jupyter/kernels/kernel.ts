/**
 * One kernel as the manager runs it: its process (started from the kernelspec's argv with a
 * connection file and the HUNTBOOK_* environment), its ZeroMQ channels, its execution state
 * (from iopub status messages), its log, and restart, interrupt and shutdown. A process that
 * exits unexpectedly leaves the kernel 'dead', with a log line saying why and an iopub status
 * 'dead' message to listeners. Every process start gets a new token; it is revoked at exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { KernelModel } from '../types.ts';
import { KernelChannels } from './channels.ts';
import { newConnection, writeConnectionFile } from './connection.ts';
import { KernelLog } from './log.ts';
import { makeMessage, type JupyterMessage } from './wire.ts';

export type ExecutionState = KernelModel['execution_state'];

export interface KernelLaunch {
  /** the kernelspec argv, with {connection_file} */
  argv: string[];
  /** HUNTBOOK_URL and HUNTBOOK_WORKSPACE (HUNTBOOK_TOKEN is made per process) */
  env: Record<string, string>;
  /** a new token for the kernel's owner; revoke() when the process ends */
  makeToken(): { token: string; revoke(): void };
  /** how long a process may take to answer kernel_info on all channels */
  readyTimeoutMs?: number;
}

const OOM = /heap limit|JavaScript heap out of memory/i;

export class Kernel {
  readonly session = randomUUID();
  state: ExecutionState = 'starting';
  lastActivity = new Date();
  /** WebSocket clients connected now (set by the channels route) */
  connections = 0;
  #child: ChildProcess | undefined;
  #channels: KernelChannels | undefined;
  #removeConnection: (() => void) | undefined;
  #revokeToken: (() => void) | undefined;
  #stopping = false;
  #exited: Promise<void> = Promise.resolve();
  readonly #listeners = new Set<(msg: JupyterMessage) => void>();

  constructor(readonly id: string, readonly name: string, readonly owner: string, readonly log: KernelLog, private readonly launch: KernelLaunch) {}

  /** the process id of the kernel now, when it runs */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  model(): KernelModel {
    return { id: this.id, name: this.name, last_activity: this.lastActivity.toISOString(), execution_state: this.state, connections: this.connections };
  }

  /** every message from the kernel (and the server's own status messages); returns an unsubscribe */
  onMessage(fn: (msg: JupyterMessage) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Starts the process and resolves when it answers on shell and publishes on iopub. */
  async start(): Promise<void> {
    this.#stopping = false;
    this.state = 'starting';
    const info = await newConnection(this.name);
    const file = writeConnectionFile(info, this.id);
    this.#removeConnection = file.remove;
    const { token, revoke } = this.launch.makeToken();
    this.#revokeToken = revoke;
    const argv = this.launch.argv.map((a) => a.replaceAll('{connection_file}', file.path));
    this.log.line(`starting kernel ${this.id} (${this.name}) for ${this.owner}: ${argv.join(' ')}`);
    const child = spawn(argv[0]!, argv.slice(1), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.launch.env, HUNTBOOK_TOKEN: token },
    });
    this.#child = child;
    if (child.pid !== undefined) this.log.line(`kernel process pid ${child.pid}`);
    child.stdout!.setEncoding('utf8').on('data', (t: string) => this.log.output('stdout', t));
    child.stderr!.setEncoding('utf8').on('data', (t: string) => this.log.output('stderr', t));
    let spawnError: Error | undefined;
    this.#exited = new Promise<void>((resolve) => {
      child.once('error', (e) => { spawnError = e; this.#ended(child, null, null, e); resolve(); });
      child.once('exit', (code, signal) => { this.#ended(child, code, signal); resolve(); });
    });

    let iopubSeen = false;
    let infoSeen = false;
    this.#channels = new KernelChannels(info, (msg) => {
      if (msg.channel === 'iopub' && msg.header.msg_type === 'status' && msg.content.execution_state === 'idle') iopubSeen = true;
      if (msg.header.msg_type === 'kernel_info_reply' && msg.parent_header.session === this.session) infoSeen = true;
      this.#received(msg);
    }, (e) => this.log.line(e.message));

    // iopub is a subscription: ask kernel_info until a reply and a published idle show both ways work
    const deadline = Date.now() + (this.launch.readyTimeoutMs ?? 60_000);
    while (!(iopubSeen && infoSeen)) {
      if (this.#child !== child || child.exitCode !== null || child.signalCode !== null || spawnError) {
        throw new Error(`kernel ${this.id} ended while starting${spawnError ? `: ${spawnError.message}` : ''}; see GET /api/kernels/${this.id}/logs`);
      }
      if (Date.now() > deadline) {
        this.log.line('the kernel did not answer kernel_info in time; stopping it');
        await this.#stopProcess(false);
        this.state = 'dead';
        throw new Error(`kernel ${this.id} did not answer within ${Math.round((this.launch.readyTimeoutMs ?? 60_000) / 1000)} s; see GET /api/kernels/${this.id}/logs`);
      }
      await this.#channels.send(makeMessage('shell', 'kernel_info_request', {}, this.session)).catch(() => {});
      await new Promise((r) => setTimeout(r, 250));
    }
    this.log.line(`kernel ${this.id} is ready`);
  }

  /** Sends a client's message to the kernel. */
  send(msg: JupyterMessage): Promise<void> {
    if (!this.#channels || this.state === 'dead') return Promise.reject(new Error(`kernel ${this.id} is not running`));
    this.lastActivity = new Date();
    return this.#channels.send(msg);
  }

  /** interrupt_mode 'message': interrupt_request on control */
  async interrupt(): Promise<void> {
    this.log.line('interrupt requested');
    await this.send(makeMessage('control', 'interrupt_request', {}, this.session));
  }

  /** Stops the process (shutdown_request restart=true), then starts a new one with the same id. */
  async restart(): Promise<void> {
    this.log.line('restart requested');
    this.#setState('restarting');
    await this.#stopProcess(true);
    this.#setState('starting');
    await this.start();
  }

  /** Stops the process for good (shutdown_request, then signals if it lingers). */
  async shutdown(): Promise<void> {
    this.log.line('shutdown requested');
    await this.#stopProcess(false);
    this.state = 'dead';
    this.#listeners.clear();
  }

  async #stopProcess(restart: boolean): Promise<void> {
    this.#stopping = true;
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await this.#channels?.send(makeMessage('control', 'shutdown_request', { restart }, this.session)).catch(() => {});
      const exited = this.#exited;
      const waited = (ms: number) => Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
      if (!(await waited(3000))) {
        child.kill('SIGTERM');
        if (!(await waited(2000))) {
          child.kill('SIGKILL');
          await exited;
        }
      }
    }
    this.#closeChannels();
  }

  /** Kills the process at once (server shutdown's last resort). */
  kill(): void {
    this.#stopping = true;
    this.#child?.kill('SIGKILL');
  }

  #ended(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null, error?: Error): void {
    if (this.#child !== child) return;
    this.#revokeToken?.();
    this.#revokeToken = undefined;
    const how = error ? `could not start: ${error.message}` : signal ? `was killed by signal ${signal}` : `exited with code ${code}`;
    if (this.#stopping) {
      this.log.line(`the kernel process ${how}`);
      return;
    }
    const why = OOM.test(this.log.stderrTail) ? 'out of memory: the kernel reached its heap limit' : `the kernel process ${how}`;
    this.log.line(`kernel died: ${why}`);
    this.#closeChannels();
    this.#setState('dead');
  }

  #closeChannels(): void {
    this.#channels?.close();
    this.#channels = undefined;
    this.#removeConnection?.();
    this.#removeConnection = undefined;
  }

  #setState(state: ExecutionState): void {
    this.state = state;
    this.#emit(makeMessage('iopub', 'status', { execution_state: state }, this.session));
  }

  #received(msg: JupyterMessage): void {
    this.lastActivity = new Date();
    if (msg.channel === 'iopub' && msg.header.msg_type === 'status') {
      const s = msg.content.execution_state;
      if (s === 'busy' || s === 'idle' || s === 'starting') this.state = s;
    }
    this.#emit(msg);
  }

  #emit(msg: JupyterMessage): void {
    for (const fn of this.#listeners) {
      try {
        fn(msg);
      } catch (e) {
        this.log.line(`a listener of kernel messages failed: ${(e as Error).message}`);
      }
    }
  }
}
