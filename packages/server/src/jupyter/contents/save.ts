/**
 * PUT /api/contents/path: save a notebook (checked as nbformat 4, brought to 4.5, written
 * atomically), a file (text or base64), a folder, or one chunk of an upload (Jupyter's
 * `chunk`: 1, 2, ..., -1 for the last). Chunks gather in a hidden part file and the file
 * appears, whole, with the last one. A save never half-writes: a bad notebook is refused
 * before anything is written.
 */
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Principal } from '../../auth/tokens.ts';
import { HttpError } from '../../errors.ts';
import type { ContentsModel } from '../types.ts';
import { ContentsCore, fsError, statOrNone, type Entered } from './core.ts';
import type { Located } from './layout.ts';
import { baseModel, isNotebookName, sha256 } from './models.ts';
import { checkNotebook, NotebookError, notebookToFile } from './nbformat.ts';
import { writeAtomic } from './storage.ts';

export interface SaveResult {
  model: ContentsModel;
  /** true when the path did not exist before (201) */
  created: boolean;
}

type Body = Record<string, unknown>;

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/;

/** The bytes of a file model's content, by its format. */
export function fileBytes(body: Body, path: string): Buffer {
  if (typeof body.content !== 'string') throw new HttpError(400, 'BadModel', `the content of file '${path}' must be a string (with format 'text' or 'base64')`);
  if (body.format === 'text') return Buffer.from(body.content, 'utf8');
  if (body.format === 'base64') {
    if (!BASE64.test(body.content)) throw new HttpError(400, 'BadModel', `the content of file '${path}' is not base64 (format 'base64')`);
    return Buffer.from(body.content, 'base64');
  }
  throw new HttpError(400, 'BadModel', `say the format of file '${path}': 'text' or 'base64' (got ${JSON.stringify(body.format ?? null)})`);
}

/** The file text of a notebook model's content, or a 400 saying what is wrong and where. */
export function notebookText(content: unknown, path: string): string {
  try {
    return notebookToFile(checkNotebook(content));
  } catch (e) {
    if (e instanceof NotebookError) throw new HttpError(400, 'BadNotebook', `not a valid nbformat 4 notebook, nothing saved to '${path}': ${e.message}`, {}, { where: e.where });
    throw e;
  }
}

/** The model a write answers with (no content), as Jupyter Server does. */
export async function writtenModel(core: ContentsCore, principal: Principal, at: Located, os: string): Promise<ContentsModel> {
  const st = (await statOrNone(os))!;
  const type = st.isDirectory() ? 'directory' : isNotebookName(at.path) ? 'notebook' : 'file';
  return baseModel(at.path, type, st, await core.writable(principal, at));
}

export async function save(core: ContentsCore, principal: Principal, at: Located, body: unknown): Promise<SaveResult> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'BadModel', `the PUT body for '${at.path}' must be a contents model {type, format, content}`);
  const m = body as Body;
  if (m.copy_from !== undefined) throw new HttpError(400, 'BadModel', 'cannot copy with PUT: POST {copy_from} to the destination folder');
  const type = m.type;
  if (type !== 'notebook' && type !== 'file' && type !== 'directory') throw new HttpError(400, 'BadModel', `the model's type must be 'notebook', 'file' or 'directory' (got ${JSON.stringify(type ?? null)})`);
  if (type !== 'directory' && !('content' in m)) throw new HttpError(400, 'BadModel', `the model for '${at.path}' has no content`);
  const e = await core.enter(principal, at);
  const os = await core.mustWrite(principal, e, 'save');
  if (type !== 'directory') core.mustNotBeStructural(e, 'save a file as');
  await core.mustHaveParent(e);
  if (m.chunk !== undefined) return saveChunk(core, principal, e, os, m);
  try {
    return await core.locks.run(os, async () => {
      const before = await statOrNone(os);
      if (type === 'directory') {
        if (before && !before.isDirectory()) throw new HttpError(400, 'NotADirectory', `'${e.path}' is a file, not a folder`);
        if (!before) await mkdir(os);
      } else {
        if (before?.isDirectory()) throw new HttpError(400, 'IsADirectory', `'${e.path}' is a folder: a ${type} cannot replace it`);
        await writeAtomic(os, type === 'notebook' ? notebookText(m.content, e.path) : fileBytes(m, e.path));
      }
      return { model: await writtenModel(core, principal, e, os), created: before === undefined };
    });
  } catch (err) {
    throw fsError(err, e.path);
  }
}

/** The hidden file a chunked upload gathers in. */
function partFile(core: ContentsCore, e: Entered): string {
  return join(core.layout.checkpointsDir(e.workspace), '.uploads', `${sha256(Buffer.from(e.path, 'utf8'))}.part`);
}

async function saveChunk(core: ContentsCore, principal: Principal, e: Entered, os: string, m: Body): Promise<SaveResult> {
  const chunk = m.chunk;
  if (!Number.isInteger(chunk) || (chunk as number) === 0 || (chunk as number) < -1) throw new HttpError(400, 'BadModel', `'chunk' must be 1, 2, ... or -1 for the last (got ${JSON.stringify(chunk)})`);
  if (m.type !== 'file' || m.format !== 'base64') throw new HttpError(400, 'BadModel', `a chunked upload to '${e.path}' sends type 'file' with format 'base64'`);
  const bytes = fileBytes(m, e.path);
  const part = partFile(core, e);
  await mkdir(join(core.layout.checkpointsDir(e.workspace), '.uploads'), { recursive: true });
  const n = chunk as number;
  const havePart = (await statOrNone(part)) !== undefined;
  if (n === 1) await writeFile(part, bytes);
  else if (havePart) await appendFile(part, bytes);
  else if (n === -1) await writeFile(part, bytes); // a whole file sent as its only, last chunk
  else throw new HttpError(400, 'BadChunk', `chunk ${n} of '${e.path}' arrived without chunk 1 (send chunks in order: 1, 2, ..., -1)`);
  if (n !== -1) {
    const st = (await statOrNone(part))!;
    const before = await statOrNone(os);
    return { model: { ...baseModel(e.path, 'file', st, true), size: st.size }, created: before === undefined };
  }
  try {
    return await core.locks.run(os, async () => {
      const before = await statOrNone(os);
      if (before?.isDirectory()) throw new HttpError(400, 'IsADirectory', `'${e.path}' is a folder: an upload cannot replace it`);
      if (isNotebookName(e.path)) {
        // an uploaded notebook is checked like a saved one
        const text = notebookText(parseJson(await readFile(part, 'utf8'), e.path), e.path);
        await writeAtomic(os, text);
        await rm(part, { force: true });
      } else {
        await rename(part, os);
      }
      return { model: await writtenModel(core, principal, e, os), created: before === undefined };
    });
  } catch (err) {
    if (err instanceof HttpError) await rm(part, { force: true });
    throw fsError(err, e.path);
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, 'BadNotebook', `the uploaded notebook '${path}' is not JSON: ${(e as Error).message}`);
  }
}
