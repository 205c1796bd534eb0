/**
 * IPython's help syntax in a cell: `x?`, `?x` (and `x??`, `??x` for more detail, e.g. a
 * function's source) where x is a name or a dotted path. The cell is not run: its execute_reply
 * carries the inspect text as a pager payload, `{ source: 'page', data, start: 0 }`, which
 * Jupyter front ends show in their pager (or inline).
 */
import { inspectAt } from './complete.ts';

const PATH = '[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*';
const BEFORE = new RegExp(`^(\\?\\??)\\s*(${PATH})$`);
const AFTER = new RegExp(`^(${PATH})\\s*(\\?\\??)$`);

export interface PageRequest {
  path: string;
  detailLevel: 0 | 1;
}

/** The help request a cell is, or undefined when it is code (`a ?? b`, `a?.b` are code). */
export function pageRequest(code: string): PageRequest | undefined {
  const text = code.trim();
  const before = BEFORE.exec(text);
  if (before) return { path: before[2]!.replace(/\s+/g, ''), detailLevel: before[1]!.length === 2 ? 1 : 0 };
  const after = AFTER.exec(text);
  if (after) return { path: after[1]!.replace(/\s+/g, ''), detailLevel: after[2]!.length === 2 ? 1 : 0 };
  return undefined;
}

export type PageResult = { found: true; payload: unknown[] } | { found: false; message: string };

/** The pager payload for a help request (the same text as inspect_request gives). */
export function page(req: PageRequest): PageResult {
  const reply = inspectAt(req.path, req.path.length, req.detailLevel);
  if (!reply.found) return { found: false, message: `Object \`${req.path}\` not found.\n` };
  return { found: true, payload: [{ source: 'page', data: { 'text/plain': reply.data['text/plain'] }, start: 0 }] };
}
