/**
 * Contents paths and where they live. A contents path is `W/Users/<user>/...`, `W/Shared/...`
 * or `W/Templates/...` (W a workspace); this file checks a path (no traversal, no hidden
 * segments) and maps it to the file system:
 *   W/Users/..., W/Shared/...   <data dir>/workspaces/W/notebooks/Users/..., .../Shared/...
 *   W/Templates/...             the repo's templates/ folder (read-only)
 * The root and W itself are virtual folders. Checkpoints live beside, in notebooks/.checkpoints/.
 */
import { join } from 'node:path';
import { HttpError } from '../../errors.ts';

export type Area = 'Users' | 'Shared' | 'Templates';
export const AREAS: readonly Area[] = ['Users', 'Shared', 'Templates'];

/** A checked contents path and its place. */
export interface Located {
  /** the normalized contents path ('' for the root) */
  readonly path: string;
  readonly segments: readonly string[];
  /** the first segment; undefined at the root */
  readonly workspace?: string;
  /** the path inside the workspace ('' for the workspace folder itself): the notebook resource's path */
  readonly rest: string;
  /** Users, Shared or Templates; undefined for the root, the workspace folder or an unknown top folder */
  readonly area?: Area;
  /** the file system path; undefined for virtual folders and unknown places */
  readonly os?: string;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why a name cannot be a path segment, or undefined when it can. */
export function badSegment(s: string): string | undefined {
  if (s === '') return 'an empty segment (two slashes in a row)';
  if (s === '.' || s === '..') return `the segment '${s}' (no relative steps)`;
  if (s.includes('\\')) return 'a backslash';
  if (s.includes('\u0000')) return 'a NUL character';
  if (CONTROL.test(s)) return 'a control character';
  if (s.startsWith('.')) return `the hidden name '${s}'`;
  return undefined;
}

/** Why a principal's name cannot be its folder under Users/, or undefined when it can. */
export function badUserName(name: string): string | undefined {
  if (name.includes('/')) return `the user name '${name}' holds '/'`;
  if (name.includes('..')) return `the user name '${name}' holds '..'`;
  return badSegment(name);
}

/**
 * The segments of a contents path. One trailing slash is allowed (folders); a leading slash,
 * '.', '..', empty segments, backslashes, NUL, control characters and hidden names are not.
 * `where` says which path it is in the error ("the URL path", "the body's 'path'").
 */
export function parseContentsPath(raw: string, where: string): string[] {
  let p = raw;
  if (p === '') return [];
  if (p.startsWith('/')) throw new HttpError(400, 'BadPath', `${where} '${show(raw)}' is absolute: contents paths are relative to the root, like 'demo/Users/you/hunt.ipynb'`);
  if (p.endsWith('/')) p = p.slice(0, -1);
  const segments = p.split('/');
  for (const s of segments) {
    const bad = badSegment(s);
    if (bad) throw new HttpError(400, 'BadPath', `${where} '${show(raw)}' holds ${bad}`);
  }
  return segments;
}

function show(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** Where a workspace's notebooks and the templates are. */
export class Layout {
  constructor(readonly dataDir: string, readonly templatesDir: string) {}

  /** <data dir>/workspaces/W/notebooks */
  notebooksDir(workspace: string): string {
    return join(this.dataDir, 'workspaces', workspace, 'notebooks');
  }

  /** <data dir>/workspaces/W/notebooks/.checkpoints */
  checkpointsDir(workspace: string): string {
    return join(this.notebooksDir(workspace), '.checkpoints');
  }

  /** Place checked segments (the workspace is not looked up here). */
  locate(segments: readonly string[]): Located {
    const path = segments.join('/');
    if (segments.length === 0) return { path, segments, rest: '' };
    const [workspace, top, ...more] = segments;
    const rest = segments.slice(1).join('/');
    if (top === undefined) return { path, segments, workspace, rest };
    if (top === 'Templates') return { path, segments, workspace, rest, area: 'Templates', os: join(this.templatesDir, ...more) };
    if (top === 'Users' || top === 'Shared') return { path, segments, workspace, rest, area: top, os: join(this.notebooksDir(workspace), top, ...more) };
    return { path, segments, workspace, rest };
  }

  /** Parse and place a raw contents path. */
  resolve(raw: string, where: string): Located {
    return this.locate(parseContentsPath(raw, where));
  }
}
