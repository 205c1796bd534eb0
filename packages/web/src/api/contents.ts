/// <reference lib="dom" />
/**
 * Jupyter Server's /api/contents, typed: get, save, new untitled, rename, delete and
 * checkpoints. Paths are contents paths (`demo/Users/me/hunt.ipynb`); segments are URL-encoded.
 */
import { api } from './index.ts';

export interface ContentsModel {
  name: string;
  path: string;
  type: 'notebook' | 'file' | 'directory';
  writable: boolean;
  created: string;
  last_modified: string;
  size: number | null;
  mimetype: string | null;
  format: 'json' | 'text' | 'base64' | null;
  content: unknown;
}

export interface Checkpoint { id: string; last_modified: string }

export function contentsUrl(path: string): string {
  const p = path.split('/').filter((s) => s !== '').map(encodeURIComponent).join('/');
  return `/api/contents${p === '' ? '' : `/${p}`}`;
}

export function getContents(path: string, opts: { content?: boolean; type?: 'notebook' | 'file' | 'directory' } = {}): Promise<ContentsModel> {
  const q = new URLSearchParams();
  if (opts.content === false) q.set('content', '0');
  if (opts.type) q.set('type', opts.type);
  const s = q.toString();
  return api<ContentsModel>(`${contentsUrl(path)}${s ? `?${s}` : ''}`);
}

export function saveNotebook(path: string, notebook: unknown): Promise<ContentsModel> {
  return api<ContentsModel>(contentsUrl(path), { method: 'PUT', body: { type: 'notebook', format: 'json', content: notebook } });
}

export function newUntitled(dir: string, type: 'notebook' | 'directory'): Promise<ContentsModel> {
  return api<ContentsModel>(contentsUrl(dir), { method: 'POST', body: { type, ...(type === 'notebook' ? { ext: '.ipynb' } : {}) } });
}

export function renameContents(path: string, newPath: string): Promise<ContentsModel> {
  return api<ContentsModel>(contentsUrl(path), { method: 'PATCH', body: { path: newPath } });
}

export function deleteContents(path: string): Promise<void> {
  return api<void>(contentsUrl(path), { method: 'DELETE' });
}

export function createCheckpoint(path: string): Promise<Checkpoint> {
  return api<Checkpoint>(`${contentsUrl(path)}/checkpoints`, { method: 'POST' });
}

export function listCheckpoints(path: string): Promise<Checkpoint[]> {
  return api<Checkpoint[]>(`${contentsUrl(path)}/checkpoints`);
}
