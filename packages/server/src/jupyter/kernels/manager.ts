/**
 * The kernel manager: starts kernels from their kernelspec for a principal (the owner), keeps
 * them by id, records their outputs into notebooks (OutputRecorder), and shuts them down
 * (one, or all when the server closes). Logs go to <data dir>/kernels/<id>.log.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { TokenStore } from '../../auth/tokens.ts';
import type { NotebookFiles } from '../types.ts';
import { Kernel } from './kernel.ts';
import { KernelLog } from './log.ts';
import { OutputRecorder } from './recorder.ts';
import { kernelSpecs } from './specs.ts';

export interface KernelManagerOptions {
  dataDir: string;
  tokens: TokenStore;
  /** this server's URL, for the kernel's HUNTBOOK_URL */
  url(): string;
  /** notebooks, for recording outputs (absent: nothing is recorded) */
  notebooks(): NotebookFiles | undefined;
}

/** A kernelspec name that is not offered (404). */
export class NoSuchKernelSpec extends Error {}

export class KernelManager {
  readonly #kernels = new Map<string, { kernel: Kernel; recorder: OutputRecorder | undefined }>();
  #closing = false;

  constructor(private readonly options: KernelManagerOptions) {}

  /** Starts a kernel owned by `owner` that queries `workspace`; resolves when it answers. */
  async start(name: string, owner: string, workspace: string | undefined): Promise<Kernel> {
    if (this.#closing) throw new Error('the server is shutting down: no new kernels');
    const spec = kernelSpecs().get(name);
    if (!spec) throw new NoSuchKernelSpec(`no kernelspec named '${name}' (GET /api/kernelspecs lists them)`);
    const id = randomUUID();
    const log = new KernelLog(join(this.options.dataDir, 'kernels', `${id}.log`));
    const tokens = this.options.tokens;
    const kernel = new Kernel(id, name, owner, log, {
      argv: spec.spec.argv,
      env: { ...spec.spec.env, HUNTBOOK_URL: this.options.url(), ...(workspace ? { HUNTBOOK_WORKSPACE: workspace } : {}) },
      makeToken: () => {
        const { token, info } = tokens.create(owner);
        return { token, revoke: () => { try { tokens.revoke(info.id); } catch { /* the store is closed: the server is gone */ } } };
      },
    });
    const notebooks = this.options.notebooks();
    const recorder = notebooks ? new OutputRecorder(notebooks, (line) => log.line(line)) : undefined;
    if (recorder) kernel.onMessage((msg) => recorder.handle(msg));
    this.#kernels.set(id, { kernel, recorder });
    try {
      await kernel.start();
    } catch (e) {
      this.#kernels.delete(id);
      await kernel.shutdown().catch(() => {});
      throw e;
    }
    return kernel;
  }

  get(id: string): Kernel | undefined {
    return this.#kernels.get(id)?.kernel;
  }

  recorder(id: string): OutputRecorder | undefined {
    return this.#kernels.get(id)?.recorder;
  }

  list(): Kernel[] {
    return [...this.#kernels.values()].map((k) => k.kernel);
  }

  /** Shuts a kernel down and forgets it; false when there is none. */
  async shutdown(id: string): Promise<boolean> {
    const entry = this.#kernels.get(id);
    if (!entry) return false;
    this.#kernels.delete(id);
    await entry.kernel.shutdown();
    await entry.recorder?.flushAll();
    await entry.kernel.log.flushed();
    return true;
  }

  /** Shuts every kernel down (server close). */
  async shutdownAll(): Promise<void> {
    this.#closing = true;
    await Promise.all([...this.#kernels.entries()].map(([id, { kernel }]) => this.shutdown(id).catch(() => kernel.kill())));
  }
}
