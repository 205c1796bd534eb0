/**
 * Checkpoints, as Jupyter Server's file checkpoints: one per file, id "checkpoint", a copy of
 * the file's bytes. They live in <data dir>/workspaces/W/notebooks/.checkpoints/, in a tree that
 * mirrors Users/ and Shared/ (a folder's checkpoints are the same-named folder there; a file's
 * checkpoint is `.<name>~checkpoint`, hidden, so it never clashes with a mirrored folder).
 * Renames move them and deletes remove them.
 */
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Principal } from '../../auth/tokens.ts';
import { HttpError } from '../../errors.ts';
import { ContentsCore, fsError, statOrNone, type Entered } from './core.ts';
import type { Layout, Located } from './layout.ts';
import { writeAtomic } from './storage.ts';

export const CHECKPOINT_ID = 'checkpoint';

export interface CheckpointModel {
  id: string;
  last_modified: string;
}

/** Where a place's checkpoint (file) or checkpoints (folder) are; undefined outside Users/ and Shared/. */
export function checkpointPath(layout: Layout, at: Located, folder: boolean): string | undefined {
  if (at.workspace === undefined || (at.area !== 'Users' && at.area !== 'Shared')) return undefined;
  const rel = at.segments.slice(1);
  const root = layout.checkpointsDir(at.workspace);
  return folder ? join(root, ...rel) : join(root, ...rel.slice(0, -1), `.${rel[rel.length - 1]}~checkpoint`);
}

/** Move the checkpoints of a renamed file or folder along with it. */
export async function moveCheckpoints(layout: Layout, from: Located, to: Located, folder: boolean): Promise<void> {
  const a = checkpointPath(layout, from, folder);
  const b = checkpointPath(layout, to, folder);
  if (!a || !b || !(await statOrNone(a))) return;
  await mkdir(dirname(b), { recursive: true });
  await rm(b, { recursive: true, force: true });
  await rename(a, b);
}

/** Remove the checkpoints of a deleted file or folder. */
export async function removeCheckpoints(layout: Layout, at: Located, folder: boolean): Promise<void> {
  const p = checkpointPath(layout, at, folder);
  if (p) await rm(p, { recursive: true, force: true });
}

function checkpointModel(mtimeMs: number): CheckpointModel {
  return { id: CHECKPOINT_ID, last_modified: new Date(mtimeMs).toISOString() };
}

/** GET .../checkpoints: the file's checkpoints (none, or one). */
export async function listCheckpoints(core: ContentsCore, principal: Principal, at: Located): Promise<CheckpointModel[]> {
  const e = await core.enter(principal, at);
  const p = checkpointPath(core.layout, e, false);
  const st = p ? await statOrNone(p) : undefined;
  return st ? [checkpointModel(st.mtimeMs)] : [];
}

async function mustBeFile(e: Entered, os: string): Promise<void> {
  const st = await statOrNone(os);
  if (!st) throw new HttpError(404, 'NotFound', `no file '${e.path}'`);
  if (!st.isFile()) throw new HttpError(400, 'IsADirectory', `'${e.path}' is a folder: only files have checkpoints`);
}

/** POST .../checkpoints: copy the file to its checkpoint. */
export async function createCheckpoint(core: ContentsCore, principal: Principal, at: Located): Promise<CheckpointModel> {
  const e = await core.enter(principal, at);
  const os = await core.mustWrite(principal, e, 'checkpoint');
  const p = checkpointPath(core.layout, e, false)!;
  return core.locks.run(os, async () => {
    await mustBeFile(e, os);
    const bytes = await readFile(os);
    await mkdir(dirname(p), { recursive: true });
    await writeAtomic(p, bytes);
    return checkpointModel((await statOrNone(p))!.mtimeMs);
  });
}

function mustBeKnownId(e: Entered, id: string): void {
  if (id !== CHECKPOINT_ID) throw new HttpError(404, 'NotFound', `no checkpoint '${id}' of '${e.path}' (a file has one checkpoint, id '${CHECKPOINT_ID}')`);
}

/** POST .../checkpoints/{id}: put the checkpoint's bytes back into the file. */
export async function restoreCheckpoint(core: ContentsCore, principal: Principal, at: Located, id: string): Promise<void> {
  const e = await core.enter(principal, at);
  const os = await core.mustWrite(principal, e, 'restore a checkpoint of');
  mustBeKnownId(e, id);
  const p = checkpointPath(core.layout, e, false)!;
  await core.locks.run(os, async () => {
    let bytes: Buffer;
    try {
      bytes = await readFile(p);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new HttpError(404, 'NotFound', `'${e.path}' has no checkpoint '${id}' to restore`);
      throw err;
    }
    try {
      await writeAtomic(os, bytes);
    } catch (err) {
      throw fsError(err, e.path);
    }
  });
}

/** DELETE .../checkpoints/{id}. */
export async function deleteCheckpoint(core: ContentsCore, principal: Principal, at: Located, id: string): Promise<void> {
  const e = await core.enter(principal, at);
  await core.mustWrite(principal, e, 'delete a checkpoint of');
  mustBeKnownId(e, id);
  const p = checkpointPath(core.layout, e, false)!;
  if (!(await statOrNone(p))) throw new HttpError(404, 'NotFound', `'${e.path}' has no checkpoint '${id}'`);
  await rm(p, { force: true });
}
