/**
 * The notebook editor: the document (useNotebookDoc), its kernel (useKernel), running
 * (useRunner), runs sent by other pages (RunFollower: after a reload, the cell the previous
 * page left running), autosave, Jupyter's command/edit modes and shortcuts (shortcuts.ts), and
 * the toolbar. Outputs recorded on the server are merged in without touching cell sources, so
 * the notebook stays editable whatever the kernel connection does.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createCheckpoint, getContents } from '../api/contents.ts';
import { CellView } from './CellView.tsx';
import { Toolbar } from './Toolbar.tsx';
import { KernelLog } from './KernelLog.tsx';
import { useNotebookDoc } from './useNotebookDoc.ts';
import { useKernel } from './useKernel.ts';
import { useRunner } from './useRunner.ts';
import { useAutosave } from './useAutosave.ts';
import { handleKey, INITIAL, type Action, type Key, type KeyState } from './shortcuts.ts';
import { RunFollower } from './follower.ts';
import { fromNbformat, kindOf, mergeOutputs, splitKql, updateCell, type Cell, type CellKind } from './model.ts';
import './notebook.css';

export function NotebookView({ path, workspace }: { path: string; workspace: string }) {
  const nb = useNotebookDoc(path);
  const { doc, docRef, selected, setSelected, ops } = nb;
  const [keys, setKeys] = useState<KeyState>(INITIAL);
  const [notice, setNotice] = useState<string>();
  const [showLog, setShowLog] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  /** reads in flight are numbered: an older answer never replaces a newer one */
  const reads = useRef({ next: 0, applied: -1 });
  /**
   * Take the outputs the server recorded. `ours: false` leaves the cells this page runs alone
   * (their outputs come live, ahead of the server's batched writes).
   */
  const reloadOutputs = useCallback(async (opts: { clearRunning?: boolean; ours?: boolean }) => {
    const seq = reads.current.next++;
    try {
      const m = await getContents(path);
      if (seq < reads.current.applied) return;
      reads.current.applied = seq;
      const server = fromNbformat(m.content, path);
      const mine = runner.runningRef.current;
      nb.apply((d) => mergeOutputs(d, server, opts.ours === false ? new Set(d.cells.filter((c) => !mine.has(c.id)).map((c) => c.id)) : undefined));
      if (opts.clearRunning) runner.clearRunning();
    } catch (e) { setNotice(`cannot reload the outputs: ${(e as Error).message}`); }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path]);
  const [followed, setFollowed] = useState<ReadonlySet<string>>(new Set());
  const follower = useRef<RunFollower>(undefined);
  follower.current ??= new RunFollower({ reload: () => void reloadOutputs({ ours: false }), onRunning: setFollowed });
  useEffect(() => () => follower.current?.dispose(), []);
  const kernel = useKernel(path, {
    onReconnect: (idle) => { void reloadOutputs({ clearRunning: idle }); },
    onConnect: () => { void reloadOutputs({ ours: false }); },
    onRestart: () => { runner.clearRunning(); follower.current?.reset(); },
    onOtherIopub: (m) => { runner.otherIopub(m); follower.current?.handle(m); },
  });
  const runner = useRunner(kernel, nb.apply);
  /** cells whose outputs the server's copy has ahead of this page's: the save keeps the server's */
  const runningForSave = (): ReadonlySet<string> => {
    const f = follower.current;
    if (f?.unnamedActive) return new Set((docRef.current?.cells ?? []).map((c) => c.id));
    return new Set([...runner.runningRef.current, ...(f?.cells ?? [])]);
  };
  const autosave = useAutosave(path, doc, nb.version, { writable: nb.writable, running: runningForSave });

  /** run cells, saving first when the server's copy lacks edits (it records outputs only into cells it has) */
  const run = (list: Cell[]) => {
    if (!autosave.dirty()) { runner.run(list); return; }
    void autosave.save().then(() => runner.run(list));
  };

  const cells = doc?.cells ?? [];
  const selIndex = cells.findIndex((c) => c.id === selected);
  const selCell = selIndex >= 0 ? cells[selIndex] : undefined;

  const commandMode = () => { setKeys(INITIAL); root.current?.focus(); };
  const act = (a: Action) => {
    const d = docRef.current;
    if (!d) return;
    const i = d.cells.findIndex((c) => c.id === selected);
    const cell = i >= 0 ? d.cells[i] : undefined;
    switch (a) {
      case 'run': if (cell) run([cell]); commandMode(); break;
      case 'run-next':
        if (cell) run([cell]);
        if (i === d.cells.length - 1) ops.insert('below', cell ? kindOf(cell) === 'markdown' ? 'typescript' : kindOf(cell) : 'typescript');
        else ops.selectRelative(1);
        commandMode();
        break;
      case 'run-insert': if (cell) run([cell]); ops.insert('below'); setKeys({ mode: 'edit', pendingD: false }); break;
      case 'edit': setKeys({ mode: 'edit', pendingD: false }); break;
      case 'command': commandMode(); break;
      case 'insert-above': if (nb.writable) ops.insert('above'); break;
      case 'insert-below': if (nb.writable) ops.insert('below'); break;
      case 'delete': if (cell && nb.writable) ops.remove(cell.id); break;
      case 'undo-delete': if (nb.writable) ops.undoDelete(); break;
      case 'to-markdown': if (cell && nb.writable) ops.setKind(cell.id, 'markdown'); break;
      case 'to-code': if (cell && nb.writable) ops.setKind(cell.id, 'typescript'); break;
      case 'select-prev': ops.selectRelative(-1); break;
      case 'select-next': ops.selectRelative(1); break;
      case 'save': void autosave.save(); break;
    }
  };
  const onKey = (k: Key, prevent: () => void) => {
    const r = handleKey(keys, k);
    if (!r.handled) return;
    prevent();
    setKeys(r.state);
    if (r.action) act(r.action);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).closest('input, select, textarea:not(.inputarea)') && e.key !== 'Escape') return;
    onKey({ key: e.key, shift: e.shiftKey, ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey }, () => e.preventDefault());
  };
  // keys Monaco passes up (Shift+Enter, Esc ... inside an editor)
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const on = (e: Event) => onKey((e as CustomEvent<Key>).detail, () => {});
    el.addEventListener('notebook-key', on);
    return () => el.removeEventListener('notebook-key', on);
  });

  const onSelect = useCallback((id: string) => setSelected(id), [setSelected]);
  const onEdit = useCallback((id: string) => { setSelected(id); setKeys({ mode: 'edit', pendingD: false }); }, [setSelected]);
  const onAddFilter = useCallback((id: string, where: string) => {
    nb.edit((d) => updateCell(d, id, (c) => {
      if (kindOf(c) !== 'kql') return c;
      const { magic, body } = splitKql(c.source);
      return { ...c, source: `${magic}\n${body.replace(/\s+$/, '')}\n| ${where.replace(/^\|\s*/, '')}` };
    }));
  }, [nb.edit]);

  const on = useMemo(() => ({
    save: () => void autosave.save(),
    checkpoint: () => { void autosave.save().then(() => createCheckpoint(path)).then(() => setNotice('Checkpoint saved'), (e: Error) => setNotice(`checkpoint failed: ${e.message}`)); },
    add: (k: CellKind) => { ops.insert('below', k); setKeys({ mode: 'edit', pendingD: false }); },
    up: () => selected && ops.move(selected, -1),
    down: () => selected && ops.move(selected, 1),
    remove: () => selected && ops.remove(selected),
    undo: () => ops.undoDelete(),
    kind: (k: CellKind) => selected && ops.setKind(selected, k),
    run: () => act('run-next'),
    runAll: () => run(docRef.current?.cells ?? []),
    runAbove: () => run((docRef.current?.cells ?? []).slice(0, Math.max(0, selIndex))),
    interrupt: () => { kernel.interrupt().catch((e: Error) => setNotice(`interrupt failed: ${e.message}`)); },
    restart: () => { if (globalThis.confirm('Restart the kernel? Its variables are lost.')) kernel.restart().catch((e: Error) => setNotice(`restart failed: ${e.message}`)); },
    log: () => setShowLog(true),
    reconnect: () => kernel.reconnect(),
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [selected, selIndex, kernel, autosave.save, path, keys]);

  if (nb.error) return <p className="error notebook-error" role="alert">{nb.error}</p>;
  if (!doc) return <p className="muted empty">Opening {path}…</p>;
  const readOnly = !nb.writable;
  return (
    <div className="notebook" ref={root} tabIndex={-1} onKeyDown={onKeyDown} data-testid="notebook" data-mode={keys.mode}>
      <Toolbar path={path} writable={nb.writable} kind={selCell ? kindOf(selCell) : undefined} canUndo={nb.canUndo}
        kernel={kernel} save={autosave.status} on={on} beforeExport={autosave.save} />
      {(runner.error || notice) && (
        <div className="nb-notice" role="alert">{runner.error ?? notice} <button className="link" onClick={() => setNotice(undefined)}>dismiss</button></div>
      )}
      <div className="cells">
        {cells.map((c) => (
          <CellView key={c.id} cell={c} workspace={workspace} selected={c.id === selected} editing={c.id === selected && keys.mode === 'edit'}
            running={runner.running.has(c.id) || followed.has(c.id)} waiting={runner.waiting.has(c.id)} readOnly={readOnly} onSelect={onSelect} onEdit={onEdit} onSource={ops.setSource} onAddFilter={onAddFilter} />
        ))}
        {cells.length === 0 && <p className="muted empty">An empty notebook: add a KQL, code or markdown cell.</p>}
      </div>
      {showLog && kernel.kernelId && <KernelLog kernelId={kernel.kernelId} onClose={() => setShowLog(false)} />}
    </div>
  );
}
