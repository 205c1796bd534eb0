/**
 * What every contents operation shares: the layout, the per-file locks, and access. A request
 * names a workspace the caller must be allowed to read (`notebook.read` on the workspace);
 * reads and writes of a path go through the same authorize() with a `{ kind: 'notebook' }`
 * resource, and the workspace's layout itself (the root, W, W/Users, W/Shared, W/Templates,
 * the home folders W/Users/<name>) is never replaced, moved or deleted. Users/<me>/ is made
 * the first time the caller touches the workspace.
 */
import { mkdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import type { Principal } from '../../auth/tokens.ts';
import type { Authorizer } from '../../auth/authorize.ts';
import type { Workspaces } from '../../context.ts';
import { HttpError } from '../../errors.ts';
import { badUserName, type Layout, type Located } from './layout.ts';
import type { KeyedLock } from './storage.ts';

export interface ContentsDeps {
  readonly layout: Layout;
  readonly workspaces: Workspaces;
  readonly authorize: Authorizer;
  /** the per-file locks (shared with NotebookFiles.mutateNotebook) */
  readonly locks: KeyedLock;
}

/** A place whose workspace exists and may be read by the caller. */
export type Entered = Located & { readonly workspace: string };

/** Translate a file system error about `path` into an HTTP refusal. */
export function fsError(e: unknown, path: string): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new HttpError(404, 'NotFound', `no file or folder '${path}'`);
  if (code === 'EEXIST') return new HttpError(409, 'Conflict', `'${path}' already exists`);
  if (code === 'ENOTDIR') return new HttpError(400, 'NotADirectory', `a part of '${path}' is a file, not a folder`);
  if (code === 'EISDIR') return new HttpError(400, 'IsADirectory', `'${path}' is a folder`);
  if (code === 'ENOTEMPTY') return new HttpError(409, 'Conflict', `the folder '${path}' is not empty`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new HttpError(403, 'Forbidden', `the server may not write '${path}' (${code})`);
  return e;
}

/** stat, or undefined when the path does not exist. */
export async function statOrNone(os: string): Promise<Stats | undefined> {
  try {
    return await stat(os);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}

export class ContentsCore {
  constructor(readonly deps: ContentsDeps) {}

  get layout(): Layout { return this.deps.layout; }
  get locks(): KeyedLock { return this.deps.locks; }

  /** The workspaces (names) the caller may read, in the store's order. */
  async readableWorkspaces(principal: Principal): Promise<string[]> {
    const out: string[] = [];
    for (const w of await this.deps.workspaces.list()) {
      const d = await this.deps.authorize(principal, 'notebook.read', { kind: 'workspace', ref: w.name, id: w.id, name: w.name });
      if (d.allowed) out.push(w.name);
    }
    return out;
  }

  /**
   * Check the caller may read the place's workspace (404 when there is none by that exact
   * name, 403 when not allowed) and may read the path; make Users/<me>/ and Shared/.
   */
  async enter(principal: Principal, at: Located): Promise<Entered> {
    const ws = at.workspace;
    if (ws === undefined) throw new HttpError(400, 'BadPath', 'this needs a path inside a workspace, like demo/Users/you/hunt.ipynb');
    const info = (await this.deps.workspaces.list()).find((w) => w.name === ws);
    if (!info) throw new HttpError(404, 'NotFound', `no workspace named '${ws}' (the first segment of '${at.path}')`);
    const d = await this.deps.authorize(principal, 'notebook.read', { kind: 'workspace', ref: ws, id: info.id, name: ws });
    if (!d.allowed) throw new HttpError(403, 'Forbidden', `not allowed to notebook.read on workspace '${ws}'${d.reason ? `: ${d.reason}` : ''}`);
    if (at.rest !== '') {
      const r = await this.deps.authorize(principal, 'notebook.read', { kind: 'notebook', workspace: ws, path: at.rest });
      if (!r.allowed) throw new HttpError(403, 'Forbidden', `not allowed to read '${at.path}'${r.reason ? `: ${r.reason}` : ''}`);
    }
    await this.makeHome(principal, ws);
    return at as Entered;
  }

  /** Users/<me>/ and Shared/ of a workspace, made on first use (when the name can be a folder and may be written). */
  private async makeHome(principal: Principal, ws: string): Promise<void> {
    const dir = this.layout.notebooksDir(ws);
    await mkdir(join(dir, 'Shared'), { recursive: true });
    if (badUserName(principal.name) !== undefined) return;
    const d = await this.deps.authorize(principal, 'notebook.write', { kind: 'notebook', workspace: ws, path: `Users/${principal.name}` });
    if (d.allowed) await mkdir(join(dir, 'Users', principal.name), { recursive: true });
  }

  /** The layout's own folders: never replaced, moved or deleted. */
  isStructural(at: Located): boolean {
    const n = at.segments.length;
    return n <= 2 || (at.area === 'Users' && n === 3);
  }

  /** Whether the caller may write the place (false for the layout's virtual folders and W/Users). */
  async writable(principal: Principal, at: Located): Promise<boolean> {
    if (at.workspace === undefined || at.area === undefined) return false;
    if (at.area === 'Users' && at.segments.length === 2) return false;
    const d = await this.deps.authorize(principal, 'notebook.write', { kind: 'notebook', workspace: at.workspace, path: at.rest });
    return d.allowed;
  }

  /** Refuse (403 with the reason) unless the caller may write the place; `what` names the operation. */
  async mustWrite(principal: Principal, at: Entered, what: string): Promise<string> {
    if (at.area === undefined || at.os === undefined) {
      throw new HttpError(403, 'Forbidden', `cannot ${what} '${at.path}': a workspace holds Users/<you>/, Shared/ and Templates/; write inside ${at.workspace}/Users/${principal.name}/ or ${at.workspace}/Shared/`);
    }
    const d = await this.deps.authorize(principal, 'notebook.write', { kind: 'notebook', workspace: at.workspace, path: at.rest });
    if (!d.allowed) throw new HttpError(403, 'Forbidden', `not allowed to ${what} '${at.path}'${d.reason ? `: ${d.reason}` : ''}`);
    return at.os;
  }

  /** Refuse changing the layout's own folders. */
  mustNotBeStructural(at: Located, what: string): void {
    if (this.isStructural(at)) throw new HttpError(403, 'Forbidden', `cannot ${what} '${at.path}': it is part of the workspace's layout (Users/<name>/, Shared/, Templates/)`);
  }

  /** The parent folder of a place must exist (Users/<me>/ and Shared/ always do once entered). */
  async mustHaveParent(at: Entered): Promise<void> {
    const parent = this.layout.locate(at.segments.slice(0, -1));
    const st = parent.os ? await statOrNone(parent.os) : undefined;
    if (!st) throw new HttpError(404, 'NotFound', `no folder '${parent.path}' to hold '${at.segments[at.segments.length - 1]}'`);
    if (!st.isDirectory()) throw new HttpError(400, 'NotADirectory', `'${parent.path}' is a file, not a folder`);
  }
}
