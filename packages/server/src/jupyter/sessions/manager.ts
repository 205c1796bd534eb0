/**
 * Sessions (Jupyter Server's /api/sessions): a notebook (or console) path bound to a kernel.
 * One session per path: asking again for a path returns the existing one. A session's kernel
 * belongs to the principal who started it; sessions whose kernel is shut down disappear.
 */
import { randomUUID } from 'node:crypto';
import type { SessionModel } from '../types.ts';
import type { Kernel } from '../kernels/kernel.ts';

export interface Session {
  id: string;
  path: string;
  name: string;
  type: string;
  kernelId: string;
}

export class SessionManager {
  readonly #sessions = new Map<string, Session>();

  constructor(private readonly kernelOf: (id: string) => Kernel | undefined) {}

  /** sessions whose kernel still exists */
  list(): Session[] {
    for (const [id, s] of this.#sessions) if (!this.kernelOf(s.kernelId)) this.#sessions.delete(id);
    return [...this.#sessions.values()];
  }

  get(id: string): Session | undefined {
    return this.list().find((s) => s.id === id);
  }

  byPath(path: string): Session | undefined {
    return this.list().find((s) => s.path === path);
  }

  /** the notebook paths of a kernel's sessions */
  pathsOfKernel(kernelId: string): string[] {
    return this.list().filter((s) => s.kernelId === kernelId).map((s) => s.path);
  }

  create(fields: Omit<Session, 'id'>): Session {
    const s = { id: randomUUID(), ...fields };
    this.#sessions.set(s.id, s);
    return s;
  }

  delete(id: string): Session | undefined {
    const s = this.#sessions.get(id);
    this.#sessions.delete(id);
    return s;
  }

  model(s: Session): SessionModel {
    const k = this.kernelOf(s.kernelId)!;
    return { id: s.id, path: s.path, name: s.name, type: s.type, kernel: k.model() };
  }
}
