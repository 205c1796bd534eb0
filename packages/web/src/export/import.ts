/**
 * Importing an .ipynb (pure): any nbformat 4 notebook becomes an nbformat 4.5 Huntbook notebook
 * (cell ids added where missing or invalid, multi-line sources joined, the Huntbook kernelspec),
 * and a Kqlmagic notebook's cells (a notebook of another kernel using the KQL magics) are mapped by kqlmagic.ts so its `%%kql` cells run as-is.
 * Returns the notebook and notes (cell by cell) on what changed; throws, saying what and where,
 * when the file is not a notebook at all.
 */
import { mapKqlmagicCell } from './kqlmagic.ts';

export interface ImportedNotebook {
  notebook: {
    nbformat: 4;
    nbformat_minor: 5;
    metadata: Record<string, unknown>;
    cells: Record<string, unknown>[];
  };
  /** what the import changed, e.g. "cell 3 (abc): dropped the Kqlmagic connection string ..." */
  notes: string[];
}

export const HUNTBOOK_KERNELSPEC = { name: 'huntbook', display_name: 'Huntbook (TypeScript + KQL)', language: 'typescript' };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

function text(v: unknown): string {
  return Array.isArray(v) ? v.map(String).join('') : typeof v === 'string' ? v : '';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A notebook's JSON text (from an upload) as a Huntbook notebook; `name` is for messages. */
export function importNotebook(json: string, name = 'the file'): ImportedNotebook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new Error(`${name} is not JSON: ${(e as Error).message}`);
  }
  if (!isObject(parsed)) throw new Error(`${name} is not a notebook (a JSON object with nbformat and cells)`);
  if (parsed.nbformat !== 4) throw new Error(`${name} is nbformat ${String(parsed.nbformat)}; only nbformat 4 notebooks can be imported (convert it with 'jupyter nbconvert --to notebook')`);
  if (!Array.isArray(parsed.cells)) throw new Error(`${name} has no cells list`);

  const notes: string[] = [];
  const seen = new Set<string>();
  let counter = 0;
  const freshId = () => {
    let id: string;
    do id = `imported-${++counter}`; while (seen.has(id));
    return id;
  };

  const meta = isObject(parsed.metadata) ? { ...parsed.metadata } : {};
  const oldSpec = isObject(meta.kernelspec) ? meta.kernelspec : undefined;
  // a notebook made for another kernel that uses the KQL magics (Kqlmagic's, in Python)
  const fromKqlmagic = oldSpec?.name !== HUNTBOOK_KERNELSPEC.name && parsed.cells.some((c) => isObject(c) && /%(%?)kql\b|kqlmagic/i.test(text(c.source)));
  if (oldSpec && oldSpec.name !== HUNTBOOK_KERNELSPEC.name) notes.push(`the kernel was '${String(oldSpec.name)}'; it is now Huntbook's (TypeScript + KQL)`);

  const cells = parsed.cells.map((raw, index) => {
    if (!isObject(raw)) throw new Error(`${name}: cell ${index + 1} is not an object`);
    const type = raw.cell_type === 'markdown' || raw.cell_type === 'raw' || raw.cell_type === 'code' ? raw.cell_type : undefined;
    if (type === undefined) throw new Error(`${name}: cell ${index + 1} has an unknown cell_type '${String(raw.cell_type)}'`);
    let id = typeof raw.id === 'string' && ID.test(raw.id) && !seen.has(raw.id) ? raw.id : undefined;
    if (id === undefined) id = freshId();
    seen.add(id);
    const cell: Record<string, unknown> = { id, cell_type: type, metadata: isObject(raw.metadata) ? raw.metadata : {}, source: text(raw.source) };
    if (type === 'code') {
      cell.outputs = Array.isArray(raw.outputs) ? raw.outputs : [];
      cell.execution_count = typeof raw.execution_count === 'number' ? raw.execution_count : null;
      if (fromKqlmagic) {
        const mapped = mapKqlmagicCell(cell.source as string);
        cell.source = mapped.source;
        for (const c of mapped.changes) notes.push(`cell ${index + 1} (${id}): ${c}`);
      }
    } else if (isObject(raw.attachments)) {
      cell.attachments = raw.attachments;
    }
    return cell;
  });

  meta.kernelspec = { ...HUNTBOOK_KERNELSPEC };
  meta.language_info = { name: 'typescript' };
  if (fromKqlmagic) meta.huntbook = { ...(isObject(meta.huntbook) ? meta.huntbook : {}), importedFrom: 'kqlmagic' };
  return { notebook: { nbformat: 4, nbformat_minor: 5, metadata: meta, cells }, notes };
}

/** The .ipynb text of a notebook for download: nbformat's own layout (one-space indent). */
export function notebookFileText(notebook: unknown): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/** A file name for an imported notebook that is safe as a contents path segment. */
export function importedName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.ipynb$/i, '').replace(/[\u0000-\u001f<>:"|?*#%]/g, '_').trim();
  return `${base === '' || base === '.' || base === '..' ? 'imported' : base}.ipynb`;
}
