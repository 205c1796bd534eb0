/// <reference lib="dom" />
/**
 * The open notebook's state: load from /api/contents, the edits (each bumps `version`,
 * which autosave follows), the selected cell, and the stack of deleted cells for undo.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { getContents } from '../api/contents.ts';
import { changeKind, deleteCell, fromNbformat, insertCell, moveCell, newCell, undoDelete, updateCell, type Cell, type CellKind, type Deleted, type NotebookDoc } from './model.ts';

export function useNotebookDoc(path: string) {
  const [doc, setDoc] = useState<NotebookDoc>();
  const [writable, setWritable] = useState(false);
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string>();
  const deleted = useRef<Deleted[]>([]);
  const [canUndo, setCanUndo] = useState(false);
  const docRef = useRef(doc);
  docRef.current = doc;

  useEffect(() => {
    getContents(path).then((m) => {
      const d = fromNbformat(m.content, path);
      setDoc(d);
      setWritable(m.writable);
      setSelected(d.cells[0]?.id);
    }, (e: Error) => setError(`cannot open ${path}: ${e.message}`));
  }, [path]);

  /** a user edit: saved by autosave */
  const edit = useCallback((fn: (d: NotebookDoc) => NotebookDoc) => {
    setDoc((d) => (d ? fn(d) : d));
    setVersion((v) => v + 1);
  }, []);
  /** a change from the kernel or the server (outputs): shown, saved with the next edit */
  const apply = useCallback((fn: (d: NotebookDoc) => NotebookDoc) => setDoc((d) => (d ? fn(d) : d)), []);

  const setSource = useCallback((id: string, source: string) => {
    if (docRef.current?.cells.find((c) => c.id === id)?.source === source) return;
    edit((d) => updateCell(d, id, (c) => ({ ...c, source })));
  }, [edit]);

  const indexOf = (id: string | undefined) => docRef.current?.cells.findIndex((c) => c.id === id) ?? -1;

  const ops = {
    setSource,
    insert: (where: 'above' | 'below', kind: CellKind = 'typescript', source = ''): Cell => {
      const cell = newCell(kind, source);
      const i = indexOf(selected);
      edit((d) => insertCell(d, i < 0 ? d.cells.length : where === 'above' ? i : i + 1, cell));
      setSelected(cell.id);
      return cell;
    },
    append: (kind: CellKind): Cell => {
      const cell = newCell(kind);
      edit((d) => insertCell(d, d.cells.length, cell));
      setSelected(cell.id);
      return cell;
    },
    move: (id: string, delta: -1 | 1) => edit((d) => moveCell(d, id, delta)),
    remove: (id: string) => {
      const d = docRef.current;
      if (!d) return;
      const i = indexOf(id);
      const r = deleteCell(d, id);
      if (!r.deleted) return;
      deleted.current.push(r.deleted);
      setCanUndo(true);
      edit(() => r.doc);
      setSelected(r.doc.cells[Math.min(i, r.doc.cells.length - 1)]?.id);
    },
    undoDelete: () => {
      const last = deleted.current.pop();
      setCanUndo(deleted.current.length > 0);
      if (!last) return;
      edit((d) => undoDelete(d, last));
      setSelected(last.cell.id);
    },
    setKind: (id: string, kind: CellKind) => edit((d) => updateCell(d, id, (c) => changeKind(c, kind))),
    selectRelative: (delta: -1 | 1) => {
      const d = docRef.current;
      if (!d || d.cells.length === 0) return;
      const i = indexOf(selected);
      setSelected(d.cells[Math.max(0, Math.min(d.cells.length - 1, i + delta))]!.id);
    },
  };

  return { doc, docRef, writable, error, version, selected, setSelected, canUndo, edit, apply, ops };
}
