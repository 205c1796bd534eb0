/**
 * NotebookFiles (../types.ts) for the kernel manager: read a notebook by contents path and
 * change one in place (read, change, check, atomic write) under the same per-file lock as the
 * contents API's saves, so recorded outputs and the browser's saves never interleave.
 * The kernel manager is trusted: no principal here; Templates/ stays read-only.
 */
import { readFile } from 'node:fs/promises';
import type { Notebook, NotebookFiles } from '../types.ts';
import type { Layout } from './layout.ts';
import { checkNotebook, notebookFromFile, notebookToFile } from './nbformat.ts';
import { KeyedLock, writeAtomic } from './storage.ts';

async function readText(os: string): Promise<string | undefined> {
  try {
    return await readFile(os, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw e;
  }
}

export class FileNotebooks implements NotebookFiles {
  constructor(private readonly layout: Layout, private readonly locks: KeyedLock) {}

  workspaceOf(path: string): string | undefined {
    return this.layout.resolve(path, 'the notebook path').workspace;
  }

  async readNotebook(path: string): Promise<Notebook | undefined> {
    const at = this.layout.resolve(path, 'the notebook path');
    if (at.os === undefined) return undefined;
    const text = await readText(at.os);
    return text === undefined ? undefined : notebookFromFile(text);
  }

  /** false when the notebook does not exist or is read-only (Templates/); throws when `fn` leaves it invalid. */
  async mutateNotebook(path: string, fn: (nb: Notebook) => void): Promise<boolean> {
    const at = this.layout.resolve(path, 'the notebook path');
    const os = at.os;
    if (os === undefined || at.area === 'Templates') return false;
    return this.locks.run(os, async () => {
      const text = await readText(os);
      if (text === undefined) return false;
      const nb = notebookFromFile(text);
      fn(nb);
      await writeAtomic(os, notebookToFile(checkNotebook(nb)));
      return true;
    });
  }
}
