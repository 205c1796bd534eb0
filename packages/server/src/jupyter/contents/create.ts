/**
 * POST /api/contents/dir: a new untitled notebook, file or folder in a folder ({type, ext}),
 * named as Jupyter names them (Untitled.ipynb, Untitled1.ipynb, untitled.txt, Untitled
 * Folder, Untitled Folder 1), or a copy of a file ({copy_from}: hunt.ipynb -> hunt-Copy1.ipynb).
 * Copied notebooks are checked and brought to nbformat 4.5 (so every cell has an id).
 */
import { mkdir, readFile } from 'node:fs/promises';
import type { Principal } from '../../auth/tokens.ts';
import { HttpError } from '../../errors.ts';
import type { ContentsModel } from '../types.ts';
import { ContentsCore, statOrNone, type Entered } from './core.ts';
import { badSegment, type Layout, type Located } from './layout.ts';
import { isNotebookName } from './models.ts';
import { emptyNotebook, notebookToFile } from './nbformat.ts';
import { notebookText, writtenModel } from './save.ts';
import { writeAtomic } from './storage.ts';

/**
 * The first free name in a folder: `base + insert + i + suffix` for i = '', 1, 2, ...
 * The suffix is the extension (`.ipynb` whole; otherwise from the first dot, as Jupyter does).
 */
async function freeName(layout: Layout, dir: Entered, filename: string, insert: string): Promise<string> {
  let dot = filename.endsWith('.ipynb') ? filename.length - '.ipynb'.length : filename.indexOf('.');
  if (dot < 0) dot = filename.length;
  const base = filename.slice(0, dot);
  const suffix = filename.slice(dot);
  for (let i = 0; ; i++) {
    const name = `${base}${i ? `${insert}${i}` : ''}${suffix}`;
    const at = layout.locate([...dir.segments, name]);
    if (!(await statOrNone(at.os!))) return name;
  }
}

async function mustBeFolder(core: ContentsCore, principal: Principal, at: Located): Promise<{ dir: Entered; os: string }> {
  const dir = await core.enter(principal, at);
  const os = await core.mustWrite(principal, dir, 'create files in');
  const st = await statOrNone(os);
  if (!st) throw new HttpError(404, 'NotFound', `no folder '${dir.path}'`);
  if (!st.isDirectory()) throw new HttpError(400, 'NotADirectory', `cannot POST to the file '${dir.path}': POST to a folder, or PUT to save a file`);
  return { dir, os };
}

/** Write a new entry into `dir` under a fresh name (serialized per folder, so two creates never pick the same name). */
async function createIn(core: ContentsCore, principal: Principal, dir: Entered, dirOs: string, wanted: string, insert: string, write: (os: string) => Promise<void>): Promise<ContentsModel> {
  return core.locks.run(dirOs, async () => {
    const name = await freeName(core.layout, dir, wanted, insert);
    const at = core.layout.locate([...dir.segments, name]) as Entered;
    await core.mustWrite(principal, at, 'create');
    await write(at.os!);
    return writtenModel(core, principal, at, at.os!);
  });
}

/** POST {type, ext}: a new untitled notebook, file or folder. */
export async function newUntitled(core: ContentsCore, principal: Principal, at: Located, body: Record<string, unknown>): Promise<ContentsModel> {
  const { dir, os } = await mustBeFolder(core, principal, at);
  const rawExt = body.ext ?? '';
  if (typeof rawExt !== 'string') throw new HttpError(400, 'BadModel', `'ext' must be a string like '.txt' (got ${JSON.stringify(rawExt)})`);
  const ext: string = rawExt !== '' && !rawExt.startsWith('.') ? `.${rawExt}` : rawExt;
  const type = body.type ?? (ext === '.ipynb' ? 'notebook' : 'file');
  if (type === 'directory') return createIn(core, principal, dir, os, 'Untitled Folder', ' ', (p) => mkdir(p));
  if (type === 'notebook') return createIn(core, principal, dir, os, 'Untitled.ipynb', '', (p) => writeAtomic(p, notebookToFile(emptyNotebook())));
  if (type !== 'file') throw new HttpError(400, 'BadModel', `the type of a new entry must be 'notebook', 'file' or 'directory' (got ${JSON.stringify(type)})`);
  const bad = ext.length > 1 ? badSegment(`x${ext}`) ?? (ext.includes('/') ? "a '/'" : undefined) : undefined;
  if (bad) throw new HttpError(400, 'BadModel', `the extension '${ext}' holds ${bad}`);
  return createIn(core, principal, dir, os, `untitled${ext}`, '', (p) => writeAtomic(p, ''));
}

/** POST {copy_from}: copy a file or notebook (from any workspace the caller may read) into a folder. */
export async function copyInto(core: ContentsCore, principal: Principal, at: Located, copyFrom: unknown): Promise<ContentsModel> {
  if (typeof copyFrom !== 'string') throw new HttpError(400, 'BadModel', `'copy_from' must be a contents path (got ${JSON.stringify(copyFrom)})`);
  const src = await core.enter(principal, core.layout.resolve(copyFrom, "the body's copy_from"));
  const st = src.os ? await statOrNone(src.os) : undefined;
  if (!st) throw new HttpError(404, 'NotFound', `no file '${src.path}' to copy`);
  if (!st.isFile()) throw new HttpError(400, 'IsADirectory', `'${src.path}' is a folder: only files and notebooks can be copied`);
  const { dir, os } = await mustBeFolder(core, principal, at);
  const bytes = await readFile(src.os!);
  const from = src.segments[src.segments.length - 1].replace(/-Copy\d*\./, '.');
  const data = isNotebookName(from) ? notebookText(parse(bytes.toString('utf8'), src.path), src.path) : bytes;
  return createIn(core, principal, dir, os, from, '-Copy', (p) => writeAtomic(p, data));
}

function parse(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, 'BadNotebook', `cannot copy '${path}': it is not JSON (${(e as Error).message})`);
  }
}
