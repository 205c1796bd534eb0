/**
 * Contents models in Jupyter Server's shape, built from the file system: names and paths,
 * created / last_modified from the file's times, sizes, MIME types guessed from the extension,
 * and file content as text (UTF-8) or base64.
 */
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { extname } from 'node:path';
import { HttpError } from '../../errors.ts';
import type { ContentsModel } from '../types.ts';

const MIME: Record<string, string> = {
  '.txt': 'text/plain', '.md': 'text/markdown', '.markdown': 'text/markdown', '.csv': 'text/csv', '.tsv': 'text/tab-separated-values',
  '.json': 'application/json', '.ndjson': 'application/x-ndjson', '.geojson': 'application/geo+json', '.yaml': 'application/x-yaml', '.yml': 'application/x-yaml',
  '.xml': 'application/xml', '.html': 'text/html', '.htm': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.ts': 'text/x-typescript', '.py': 'text/x-python', '.sh': 'application/x-sh', '.kql': 'text/x-kql', '.csl': 'text/x-kql', '.log': 'text/plain',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.pdf': 'application/pdf', '.zip': 'application/zip', '.gz': 'application/gzip', '.parquet': 'application/vnd.apache.parquet',
  '.evtx': 'application/octet-stream',
};

/** The MIME type of a file name, or null when unknown. */
export function guessMime(name: string): string | null {
  return MIME[extname(name).toLowerCase()] ?? null;
}

export function isNotebookName(name: string): boolean {
  return name.endsWith('.ipynb');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** created: the birth time where the file system keeps one, else the change time. */
export function times(st: Stats): { created: string; last_modified: string } {
  return { created: iso(st.birthtimeMs > 0 ? st.birthtimeMs : st.ctimeMs), last_modified: iso(st.mtimeMs) };
}

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A model without content (content and format null), as listings and write replies have. */
export function baseModel(path: string, type: ContentsModel['type'], st: Stats, writable: boolean): ContentsModel {
  return {
    name: nameOf(path), path, type, writable, ...times(st),
    size: type === 'directory' ? null : st.size,
    mimetype: type === 'file' ? guessMime(path) : null,
    content: null, format: null,
  };
}

/** A virtual folder (the root, a workspace) with its times from a real one. */
export function virtualDirectory(path: string, st: Stats | undefined, content: ContentsModel[] | null): ContentsModel {
  const t = st ? times(st) : { created: iso(0), last_modified: iso(0) };
  return { name: nameOf(path), path, type: 'directory', writable: false, ...t, size: null, mimetype: null, content, format: content ? 'json' : null };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The content of a file model: text when asked or when it is UTF-8, base64 otherwise. */
export function fileContent(path: string, bytes: Buffer, format: 'text' | 'base64' | undefined): { content: string; format: 'text' | 'base64'; mimetype: string } {
  const guessed = guessMime(path);
  if (format !== 'base64') {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return { content: text, format: 'text', mimetype: guessed ?? 'text/plain' };
    } catch {
      if (format === 'text') throw new HttpError(400, 'NotUtf8', `${path} is not UTF-8 encoded: ask for it with format=base64`);
    }
  }
  return { content: bytes.toString('base64'), format: 'base64', mimetype: guessed ?? 'application/octet-stream' };
}
