/** Shared setup of the workspace tests: a WorkspaceStore in a temp data dir, closed and removed after. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceStore } from '@huntbook/store';

export async function withStore(fn: (store: WorkspaceStore, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hb-ws-'));
  const store = await WorkspaceStore.open(dir);
  try {
    await fn(store, dir);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
