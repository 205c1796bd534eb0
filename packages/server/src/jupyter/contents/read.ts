/**
 * GET /api/contents[/path]: the model of the root (the caller's workspaces), a workspace
 * (Users, Shared, Templates), a folder, a notebook or a file, with or without content, as
 * Jupyter Server answers (type / format / content / hash query options).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Principal } from '../../auth/tokens.ts';
import { HttpError } from '../../errors.ts';
import type { ContentsModel } from '../types.ts';
import { ContentsCore, statOrNone, type Entered } from './core.ts';
import { AREAS, badSegment, type Located } from './layout.ts';
import { baseModel, fileContent, isNotebookName, sha256, virtualDirectory } from './models.ts';
import { NotebookError, notebookFromFile } from './nbformat.ts';

export interface GetOptions {
  content: boolean;
  type?: ContentsModel['type'];
  format?: 'text' | 'base64';
  hash: boolean;
}

/** The model of any contents path. */
export async function getModel(core: ContentsCore, principal: Principal, at: Located, opt: GetOptions): Promise<ContentsModel> {
  if (at.workspace === undefined) return rootModel(core, principal, opt);
  const entered = await core.enter(principal, at);
  if (opt.type && opt.type !== 'directory' && entered.segments.length === 1) throw new HttpError(400, 'WrongType', `'${at.path}' is a folder, not a ${opt.type}`);
  if (entered.segments.length === 1) return workspaceModel(core, principal, entered, opt);
  return realModel(core, principal, entered, opt);
}

async function rootModel(core: ContentsCore, principal: Principal, opt: GetOptions): Promise<ContentsModel> {
  if (opt.type && opt.type !== 'directory') throw new HttpError(400, 'WrongType', `the root is a folder, not a ${opt.type}`);
  const st = await statOrNone(join(core.layout.dataDir, 'workspaces'));
  if (!opt.content) return virtualDirectory('', st, null);
  const children: ContentsModel[] = [];
  for (const ws of await core.readableWorkspaces(principal)) {
    children.push(virtualDirectory(ws, (await statOrNone(core.layout.notebooksDir(ws))) ?? (await statOrNone(join(core.layout.dataDir, 'workspaces', ws))), null));
  }
  return virtualDirectory('', st, children);
}

async function workspaceModel(core: ContentsCore, principal: Principal, at: Entered, opt: GetOptions): Promise<ContentsModel> {
  const st = await statOrNone(core.layout.notebooksDir(at.workspace));
  if (!opt.content) return virtualDirectory(at.path, st, null);
  const children: ContentsModel[] = [];
  for (const area of AREAS) {
    const child = core.layout.locate([at.workspace, area]);
    const cst = child.os ? await statOrNone(child.os) : undefined;
    if (cst) children.push(baseModel(child.path, 'directory', cst, await core.writable(principal, child)));
  }
  return virtualDirectory(at.path, st, children);
}

async function realModel(core: ContentsCore, principal: Principal, at: Entered, opt: GetOptions): Promise<ContentsModel> {
  if (at.os === undefined) throw new HttpError(404, 'NotFound', `no file or folder '${at.path}': a workspace holds Users, Shared and Templates`);
  const st = await statOrNone(at.os);
  if (!st) throw new HttpError(404, 'NotFound', `no file or folder '${at.path}'`);
  const writable = await core.writable(principal, at);
  if (st.isDirectory()) {
    if (opt.type && opt.type !== 'directory') throw new HttpError(400, 'WrongType', `'${at.path}' is a folder, not a ${opt.type}`);
    const model = baseModel(at.path, 'directory', st, writable);
    if (opt.content) {
      model.content = await listing(core, principal, at);
      model.format = 'json';
    }
    return model;
  }
  if (opt.type === 'directory') throw new HttpError(400, 'WrongType', `'${at.path}' is not a folder`);
  if (opt.type === 'notebook' && !isNotebookName(at.path)) throw new HttpError(400, 'WrongType', `'${at.path}' is not a notebook (no .ipynb extension)`);
  const type = isNotebookName(at.path) && opt.type !== 'file' ? 'notebook' : 'file';
  const model = baseModel(at.path, type, st, writable);
  if (!opt.content && !opt.hash) return model;
  const bytes = await readFile(at.os);
  if (opt.hash) {
    model.hash = sha256(bytes);
    model.hash_algorithm = 'sha256';
  }
  if (!opt.content) return model;
  if (type === 'notebook') {
    try {
      model.content = notebookFromFile(bytes.toString('utf8'));
    } catch (e) {
      if (e instanceof NotebookError) throw new HttpError(400, 'UnreadableNotebook', `unreadable notebook '${at.path}': ${e.message}`);
      throw e;
    }
    model.format = 'json';
    return model;
  }
  const c = fileContent(at.path, bytes, opt.format);
  return { ...model, ...c };
}

/** The children of a real folder: hidden names left out, sorted by name, each the caller may read. */
async function listing(core: ContentsCore, principal: Principal, at: Entered): Promise<ContentsModel[]> {
  const out: ContentsModel[] = [];
  const names = (await readdir(at.os!)).filter((n) => badSegment(n) === undefined).sort();
  for (const name of names) {
    const child = core.layout.locate([...at.segments, name]);
    const d = await core.deps.authorize(principal, 'notebook.read', { kind: 'notebook', workspace: at.workspace, path: child.rest });
    if (!d.allowed) continue;
    const st = await statOrNone(child.os!);
    if (!st || !(st.isDirectory() || st.isFile())) continue;
    const type = st.isDirectory() ? 'directory' : isNotebookName(name) ? 'notebook' : 'file';
    out.push(baseModel(child.path, type, st, await core.writable(principal, child)));
  }
  return out;
}
