/**
 * The worker's side of the link to the Executor on the main thread: it posts ExecRequests and
 * routes the ExecEvents that come back to the request they belong to, until its 'done' or
 * 'reply'.
 */
import { randomUUID } from 'node:crypto';
import type { ExecEvent, ExecRequest } from '../types.ts';

type Final = Extract<ExecEvent, { type: 'done' | 'reply' }>;
type Output = Exclude<ExecEvent, Final>;
type WithId = Extract<ExecRequest, { id: string }>;
/** a request before the link gives it an id */
export type NewRequest = WithId extends infer R ? (R extends WithId ? Omit<R, 'id'> : never) : never;

export class ExecLink {
  readonly #pending = new Map<string, { onOutput: (e: Output) => void; resolve: (e: Final) => void }>();

  constructor(private readonly post: (req: ExecRequest) => void) {}

  /** how many requests wait for the main thread */
  get busy(): number {
    return this.#pending.size;
  }

  /** ids of the requests waiting for the main thread */
  pendingIds(): string[] {
    return [...this.#pending.keys()];
  }

  isPending(id: string): boolean {
    return this.#pending.has(id);
  }

  /** Posts a request with a new id; resolves with its final event. */
  request(req: NewRequest, onOutput: (e: Output) => void = () => {}): Promise<Final> {
    const id = randomUUID();
    return new Promise((resolve) => {
      this.#pending.set(id, { onOutput, resolve });
      this.post({ ...req, id } as unknown as ExecRequest);
    });
  }

  /** Posts a request that has no reply (interrupt, shutdown). */
  notify(req: Extract<ExecRequest, { type: 'interrupt' | 'shutdown' }>): void {
    this.post(req);
  }

  /** An event from the main thread. */
  receive(e: ExecEvent): void {
    const p = this.#pending.get(e.id);
    if (!p) {
      process.stderr.write(`huntbook kernel: an event '${e.type}' for request ${e.id}, which is not running, was dropped\n`);
      return;
    }
    if (e.type === 'done' || e.type === 'reply') {
      this.#pending.delete(e.id);
      p.resolve(e);
    } else {
      p.onOutput(e);
    }
  }
}
