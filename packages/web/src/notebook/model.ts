/**
 * The notebook as the editor holds it, and the pure edits on it (insert, move, delete with
 * undo, change kind). Cells keep nbformat's shape so saving is a plain conversion; sources
 * are single strings here and the kind of a code cell is read from its first line
 * (`%%kql` = KQL, else TypeScript), as the kernel reads it.
 */

export type Output = Record<string, unknown> & { output_type: string };

export interface Cell {
  id: string;
  cell_type: 'code' | 'markdown' | 'raw';
  source: string;
  metadata: Record<string, unknown>;
  outputs: Output[];
  execution_count: number | null;
}

export interface NotebookDoc {
  metadata: Record<string, unknown>;
  nbformat_minor: number;
  cells: Cell[];
}

export type CellKind = 'markdown' | 'kql' | 'typescript' | 'raw';

export const KQL_MAGIC = '%%kql';

export function newId(): string {
  const c = globalThis.crypto;
  return c?.randomUUID ? c.randomUUID().replace(/-/g, '').slice(0, 16) : Math.random().toString(16).slice(2, 18);
}

function joinSource(s: unknown): string {
  return Array.isArray(s) ? s.join('') : typeof s === 'string' ? s : '';
}

/** Read an nbformat 4 notebook (any minor); cells without an id get one (4.5 needs them). */
export function fromNbformat(nb: unknown, where = 'notebook'): NotebookDoc {
  const n = nb as { nbformat?: unknown; nbformat_minor?: unknown; metadata?: unknown; cells?: unknown };
  if (!n || typeof n !== 'object' || n.nbformat !== 4 || !Array.isArray(n.cells)) {
    throw new Error(`${where} is not an nbformat 4 notebook (nbformat: ${String(n?.nbformat)})`);
  }
  const seen = new Set<string>();
  const cells = n.cells.map((c: Record<string, unknown>): Cell => {
    let id = typeof c.id === 'string' && c.id !== '' && !seen.has(c.id) ? c.id : newId();
    seen.add(id);
    const type = c.cell_type === 'markdown' || c.cell_type === 'raw' ? c.cell_type : 'code';
    return {
      id, cell_type: type, source: joinSource(c.source),
      metadata: (c.metadata as Record<string, unknown>) ?? {},
      outputs: type === 'code' && Array.isArray(c.outputs) ? (c.outputs as Output[]) : [],
      execution_count: type === 'code' && typeof c.execution_count === 'number' ? c.execution_count : null,
    };
  });
  return { metadata: (n.metadata as Record<string, unknown>) ?? {}, nbformat_minor: Math.max(5, Number(n.nbformat_minor) || 5), cells };
}

/** The nbformat 4.5 JSON of a notebook. */
export function toNbformat(doc: NotebookDoc): Record<string, unknown> {
  return {
    nbformat: 4,
    nbformat_minor: doc.nbformat_minor,
    metadata: doc.metadata,
    cells: doc.cells.map((c) => c.cell_type === 'code'
      ? { id: c.id, cell_type: 'code', source: c.source, metadata: c.metadata, outputs: c.outputs, execution_count: c.execution_count }
      : { id: c.id, cell_type: c.cell_type, source: c.source, metadata: c.metadata }),
  };
}

export function kindOf(cell: Cell): CellKind {
  if (cell.cell_type !== 'code') return cell.cell_type;
  return /^%%kql\b/.test(cell.source) ? 'kql' : 'typescript';
}

/** A KQL cell split into its magic line (`%%kql -quiet` ...) and its query. */
export function splitKql(source: string): { magic: string; body: string } {
  const nl = source.indexOf('\n');
  return nl < 0 ? { magic: source, body: '' } : { magic: source.slice(0, nl), body: source.slice(nl + 1) };
}

export function newCell(kind: CellKind = 'typescript', source = ''): Cell {
  const code = kind === 'kql' || kind === 'typescript';
  return {
    id: newId(),
    cell_type: code ? 'code' : kind,
    source: kind === 'kql' && !/^%%kql\b/.test(source) ? `${KQL_MAGIC}\n${source}` : source,
    metadata: {}, outputs: [], execution_count: null,
  };
}

export function insertCell(doc: NotebookDoc, index: number, cell: Cell): NotebookDoc {
  const cells = doc.cells.slice();
  cells.splice(Math.max(0, Math.min(index, cells.length)), 0, cell);
  return { ...doc, cells };
}

/** Move a cell up (-1) or down (+1); unchanged at the ends. */
export function moveCell(doc: NotebookDoc, id: string, delta: -1 | 1): NotebookDoc {
  const i = doc.cells.findIndex((c) => c.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= doc.cells.length) return doc;
  const cells = doc.cells.slice();
  [cells[i], cells[j]] = [cells[j]!, cells[i]!];
  return { ...doc, cells };
}

export interface Deleted { cell: Cell; index: number }

export function deleteCell(doc: NotebookDoc, id: string): { doc: NotebookDoc; deleted?: Deleted } {
  const index = doc.cells.findIndex((c) => c.id === id);
  if (index < 0) return { doc };
  const cells = doc.cells.slice();
  const [cell] = cells.splice(index, 1);
  return { doc: { ...doc, cells }, deleted: { cell: cell!, index } };
}

/** Put a deleted cell back where it was (or at the end if the notebook got shorter). */
export function undoDelete(doc: NotebookDoc, d: Deleted): NotebookDoc {
  const cell = doc.cells.some((c) => c.id === d.cell.id) ? { ...d.cell, id: newId() } : d.cell;
  return insertCell(doc, d.index, cell);
}

export function updateCell(doc: NotebookDoc, id: string, fn: (c: Cell) => Cell): NotebookDoc {
  let changed = false;
  const cells = doc.cells.map((c) => { if (c.id !== id) return c; changed = true; return fn(c); });
  return changed ? { ...doc, cells } : doc;
}

/** Change a cell's kind, keeping its text (the `%%kql` line is added or removed). */
export function changeKind(cell: Cell, kind: CellKind): Cell {
  const from = kindOf(cell);
  if (from === kind) return cell;
  let text = from === 'kql' ? splitKql(cell.source).body : cell.source;
  if (kind === 'kql') text = `${KQL_MAGIC}\n${text}`;
  const code = kind === 'kql' || kind === 'typescript';
  return {
    ...cell, cell_type: code ? 'code' : kind, source: text,
    outputs: code && cell.cell_type === 'code' ? cell.outputs : [],
    execution_count: code && cell.cell_type === 'code' ? cell.execution_count : null,
  };
}

/** Take outputs and execution counts from the server's copy for the given cells (after a reconnect). */
export function mergeOutputs(doc: NotebookDoc, server: NotebookDoc, ids?: ReadonlySet<string>): NotebookDoc {
  const byId = new Map(server.cells.map((c) => [c.id, c]));
  let changed = false;
  const cells = doc.cells.map((c) => {
    const s = byId.get(c.id);
    if (!s || c.cell_type !== 'code' || (ids && !ids.has(c.id))) return c;
    if (JSON.stringify(s.outputs) === JSON.stringify(c.outputs) && s.execution_count === c.execution_count) return c;
    changed = true;
    return { ...c, outputs: s.outputs, execution_count: s.execution_count };
  });
  return changed ? { ...doc, cells } : doc;
}
