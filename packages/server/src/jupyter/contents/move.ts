/**
 * PATCH /api/contents/path {path} (rename or move, within one workspace) and DELETE (files,
 * and folders with everything in them, as Jupyter Server deletes them). Checkpoints follow
 * their files. The workspace's layout folders are never moved or deleted.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Principal } from '../../auth/tokens.ts';
import { HttpError } from '../../errors.ts';
import type { ContentsModel } from '../types.ts';
import { ContentsCore, fsError, statOrNone } from './core.ts';
import type { Located } from './layout.ts';
import { moveCheckpoints, removeCheckpoints } from './checkpoints.ts';
import { writtenModel } from './save.ts';

export async function renamePath(core: ContentsCore, principal: Principal, at: Located, newPath: unknown): Promise<ContentsModel> {
  if (typeof newPath !== 'string') throw new HttpError(400, 'BadModel', `the PATCH body must be {"path": "<new path>"} (got path ${JSON.stringify(newPath ?? null)})`);
  const from = await core.enter(principal, at);
  const to = await core.enter(principal, core.layout.resolve(newPath, "the body's 'path'"));
  if (to.workspace !== from.workspace) throw new HttpError(400, 'CrossWorkspace', `'${from.path}' stays in workspace '${from.workspace}': copy it (POST {copy_from}) to put it in '${to.workspace}'`);
  const src = await core.mustWrite(principal, from, 'move');
  const dst = await core.mustWrite(principal, to, 'move a file to');
  core.mustNotBeStructural(from, 'move');
  core.mustNotBeStructural(to, 'replace');
  if (from.path === to.path) return writtenModel(core, principal, to, dst);
  if (to.path.startsWith(`${from.path}/`)) throw new HttpError(400, 'BadPath', `cannot move '${from.path}' into itself ('${to.path}')`);
  await core.mustHaveParent(to);
  try {
    return await core.locks.runAll([src, dst], async () => {
      const st = await statOrNone(src);
      if (!st) throw new HttpError(404, 'NotFound', `no file or folder '${from.path}'`);
      if (await statOrNone(dst)) throw new HttpError(409, 'Conflict', `'${to.path}' already exists: pick another name or delete it first`);
      await rename(src, dst);
      await moveCheckpoints(core.layout, from, to, st.isDirectory());
      return writtenModel(core, principal, to, dst);
    });
  } catch (e) {
    throw fsError(e, from.path);
  }
}

export async function deletePath(core: ContentsCore, principal: Principal, at: Located): Promise<void> {
  const e = await core.enter(principal, at);
  const os = await core.mustWrite(principal, e, 'delete');
  core.mustNotBeStructural(e, 'delete');
  try {
    await core.locks.run(os, async () => {
      const st = await statOrNone(os);
      if (!st) throw new HttpError(404, 'NotFound', `no file or folder '${e.path}'`);
      if (st.isDirectory()) {
        // out of sight in one rename, then removed
        const trash = join(dirname(os), `.${basename(os)}.deleting-${randomBytes(6).toString('hex')}`);
        await rename(os, trash);
        await rm(trash, { recursive: true, force: true });
      } else {
        await rm(os);
      }
      await removeCheckpoints(core.layout, e, st.isDirectory());
    });
  } catch (err) {
    throw fsError(err, e.path);
  }
}
