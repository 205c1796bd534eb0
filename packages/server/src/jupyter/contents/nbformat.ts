/**
 * nbformat 4 notebooks: checking what a client saves (a bad notebook is refused with what is
 * wrong and where, e.g. "cells[2].outputs[0].output_type"), bringing it to 4.5 (cell ids added
 * where missing), and the two text forms: in memory and over HTTP, multi-line strings are one
 * string (`source`, stream `text`, text MIME data); on disk they are lists of lines with sorted
 * keys and one-space indent, as nbformat writes them.
 */
import { randomUUID } from 'node:crypto';
import type { Notebook, NotebookCell } from '../types.ts';

/** A notebook that does not follow nbformat 4; `where` is a JSON path like `cells[2].source`. */
export class NotebookError extends Error {
  constructor(readonly where: string, readonly problem: string) {
    super(`${where}: ${problem}`);
    this.name = 'NotebookError';
  }
}

const CELL_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const CELL_TYPES = ['code', 'markdown', 'raw'];

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isMultiline(v: unknown): v is string | string[] {
  return typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
}

function join(v: string | string[]): string {
  return Array.isArray(v) ? v.join('') : v;
}

/** nbformat keeps JSON MIME types as JSON values; the rest are (multi-line) strings. */
function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json');
}

function need(o: Obj, key: string, where: string, check: (v: unknown) => boolean, what: string): unknown {
  if (!(key in o)) throw new NotebookError(where, `'${key}' is missing (${what})`);
  if (!check(o[key])) throw new NotebookError(`${where}.${key}`, `expected ${what}, got ${describe(o[key])}`);
  return o[key];
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  return `a ${typeof v}`;
}

function checkMimeBundle(data: unknown, where: string): Obj {
  if (!isObj(data)) throw new NotebookError(where, `expected an object of MIME type -> value, got ${describe(data)}`);
  const out: Obj = {};
  for (const [mime, value] of Object.entries(data)) {
    if (!isJsonMime(mime) && !isMultiline(value)) throw new NotebookError(`${where}["${mime}"]`, `expected a string or an array of strings, got ${describe(value)}`);
    out[mime] = !isJsonMime(mime) ? join(value as string | string[]) : value;
  }
  return out;
}

function checkOutput(o: unknown, where: string): Obj {
  if (!isObj(o)) throw new NotebookError(where, `expected an output object, got ${describe(o)}`);
  const type = need(o, 'output_type', where, (v) => typeof v === 'string', "one of 'stream', 'display_data', 'execute_result', 'error'");
  const out: Obj = { ...o };
  switch (type) {
    case 'stream':
      need(o, 'name', where, (v) => v === 'stdout' || v === 'stderr', "'stdout' or 'stderr'");
      out.text = join(need(o, 'text', where, isMultiline, 'a string or an array of strings') as string | string[]);
      break;
    case 'execute_result':
    case 'display_data':
      if (type === 'execute_result') need(o, 'execution_count', where, (v) => v === null || Number.isInteger(v), 'an integer or null');
      out.data = checkMimeBundle(need(o, 'data', where, () => true, 'a MIME bundle'), `${where}.data`);
      out.metadata = o.metadata === undefined ? {} : need(o, 'metadata', where, isObj, 'an object');
      break;
    case 'error':
      need(o, 'ename', where, (v) => typeof v === 'string', 'a string');
      need(o, 'evalue', where, (v) => typeof v === 'string', 'a string');
      need(o, 'traceback', where, (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), 'an array of strings');
      break;
    default:
      throw new NotebookError(`${where}.output_type`, `unknown output type ${describe(type)} (expected 'stream', 'display_data', 'execute_result' or 'error')`);
  }
  return out;
}

function checkCell(c: unknown, where: string, ids: Set<string>): NotebookCell {
  if (!isObj(c)) throw new NotebookError(where, `expected a cell object, got ${describe(c)}`);
  const type = need(c, 'cell_type', where, (v) => typeof v === 'string' && CELL_TYPES.includes(v), "'code', 'markdown' or 'raw'") as NotebookCell['cell_type'];
  const source = join(need(c, 'source', where, isMultiline, 'a string or an array of strings') as string | string[]);
  const metadata = c.metadata === undefined ? {} : (need(c, 'metadata', where, isObj, 'an object') as Obj);
  let id: string;
  if (c.id === undefined) {
    do id = randomUUID(); while (ids.has(id));
  } else {
    id = need(c, 'id', where, (v) => typeof v === 'string' && CELL_ID.test(v), 'a cell id of 1 to 64 letters, digits, - or _') as string;
    if (ids.has(id)) throw new NotebookError(`${where}.id`, `the id '${id}' is used by an earlier cell; cell ids are unique in a notebook`);
  }
  ids.add(id);
  const cell: NotebookCell = { ...c, id, cell_type: type, source, metadata } as NotebookCell;
  if (type === 'code') {
    const outputs = c.outputs === undefined ? [] : (need(c, 'outputs', where, Array.isArray, 'an array of outputs') as unknown[]);
    cell.outputs = outputs.map((o, i) => checkOutput(o, `${where}.outputs[${i}]`));
    cell.execution_count = c.execution_count === undefined ? null : (need(c, 'execution_count', where, (v) => v === null || Number.isInteger(v), 'an integer or null') as number | null);
  } else {
    if (c.outputs !== undefined) throw new NotebookError(`${where}.outputs`, `a ${type} cell has no outputs (only code cells do)`);
    if (c.execution_count !== undefined) throw new NotebookError(`${where}.execution_count`, `a ${type} cell has no execution count (only code cells do)`);
  }
  if (c.attachments !== undefined) {
    const att = need(c, 'attachments', where, isObj, 'an object of name -> MIME bundle') as Obj;
    cell.attachments = Object.fromEntries(Object.entries(att).map(([k, v]) => [k, checkMimeBundle(v, `${where}.attachments["${k}"]`)]));
  }
  return cell;
}

/**
 * Check a notebook as a client sent it and bring it to nbformat 4.5: every cell gets an id,
 * multi-line values become one string. Throws NotebookError saying what and where.
 */
export function checkNotebook(value: unknown): Notebook {
  if (!isObj(value)) throw new NotebookError('notebook', `expected a notebook object, got ${describe(value)}`);
  need(value, 'nbformat', 'notebook', (v) => v === 4, 'the number 4 (only nbformat 4 is supported)');
  const minor = need(value, 'nbformat_minor', 'notebook', (v) => Number.isInteger(v) && (v as number) >= 0, 'a non-negative integer') as number;
  const metadata = need(value, 'metadata', 'notebook', isObj, 'an object') as Obj;
  const cells = need(value, 'cells', 'notebook', Array.isArray, 'an array of cells') as unknown[];
  const ids = new Set<string>();
  return { ...value, nbformat: 4, nbformat_minor: Math.max(minor, 5), metadata, cells: cells.map((c, i) => checkCell(c, `cells[${i}]`, ids)) } as Notebook;
}

/** An empty nbformat 4.5 notebook, as Jupyter makes new ones. */
export function emptyNotebook(): Notebook {
  return { cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 };
}

/** Lines of a string with their line ends, as nbformat stores multi-line strings. */
function splitLines(s: string): string[] {
  const lines = s.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

function mapBundle(data: unknown, fn: (v: string | string[]) => unknown): unknown {
  if (!isObj(data)) return data;
  return Object.fromEntries(Object.entries(data).map(([m, v]) => [m, !isJsonMime(m) && isMultiline(v) ? fn(v) : v]));
}

/** Apply `fn` to every multi-line text of a notebook (source, stream text, text MIME data). */
function mapText(nb: Obj, fn: (v: string | string[]) => unknown): Obj {
  if (!Array.isArray(nb.cells)) return nb;
  const cells = nb.cells.map((c) => {
    if (!isObj(c)) return c;
    const cell: Obj = { ...c };
    if (isMultiline(c.source)) cell.source = fn(c.source);
    if (isObj(c.attachments)) cell.attachments = Object.fromEntries(Object.entries(c.attachments).map(([k, v]) => [k, mapBundle(v, fn)]));
    if (Array.isArray(c.outputs)) {
      cell.outputs = c.outputs.map((o) => {
        if (!isObj(o)) return o;
        const out: Obj = { ...o };
        if (o.output_type === 'stream' && isMultiline(o.text)) out.text = fn(o.text);
        if ('data' in o) out.data = mapBundle(o.data, fn);
        return out;
      });
    }
    return cell;
  });
  return { ...nb, cells };
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObj(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
}

/** The file text of a notebook (lists of lines, sorted keys, indent 1, final newline). */
export function notebookToFile(nb: Notebook): string {
  return `${JSON.stringify(sortKeys(mapText(nb as unknown as Obj, (v) => splitLines(join(v)))), null, 1)}\n`;
}

/**
 * A notebook from its file text, multi-line values joined (as Jupyter Server returns it).
 * Throws NotebookError when the text is not JSON or not a notebook-shaped object.
 */
export function notebookFromFile(text: string): Notebook {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new NotebookError('notebook', `not JSON (${(e as Error).message})`);
  }
  if (!isObj(value) || !Array.isArray(value.cells)) throw new NotebookError('notebook', 'not a notebook (no cells array)');
  return mapText(value, join) as unknown as Notebook;
}
