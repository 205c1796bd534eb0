/// <reference lib="dom" />
/**
 * Running cells: each run clears the cell's outputs and sends execute_request (metadata.cellId),
 * or leaves it waiting until the kernel is ready; then applies the iopub messages to the cell as
 * they come (execution count from execute_input, outputs, the reply's count). `waiting` holds
 * the cells queued for the kernel, `running` those sent and not answered.
 */
import { useCallback, useRef, useState } from 'react';
import { applyIopub, updateDisplays, type OutputState } from './outputs.ts';
import { updateCell, type Cell, type NotebookDoc } from './model.ts';
import type { KernelApi } from './useKernel.ts';
import type { JupyterMessage } from './messages.ts';

type IdSet = ReadonlySet<string>;

export function useRunner(kernel: KernelApi, apply: (fn: (d: NotebookDoc) => NotebookDoc) => void) {
  const [running, setRunning] = useState<IdSet>(new Set());
  const runningRef = useRef(running);
  runningRef.current = running;
  const [waiting, setWaiting] = useState<IdSet>(new Set());
  const [error, setError] = useState<string>();

  const change = (set: (f: (s: IdSet) => IdSet) => void, fn: (s: Set<string>) => void, ref?: { current: IdSet }) =>
    set((r) => { const s = new Set(r); fn(s); if (ref) ref.current = s; return s; });
  const setRun = (fn: (s: Set<string>) => void) => change(setRunning, fn, runningRef);
  const setWait = (fn: (s: Set<string>) => void) => change(setWaiting, fn);

  const run = useCallback((cells: Cell[]) => {
    setError(undefined);
    for (const cell of cells) {
      if (cell.cell_type !== 'code' || cell.source.trim() === '') continue;
      let state: OutputState = { outputs: [], clearPending: false };
      let sent = false;
      try {
        kernel.execute(cell.source, cell.id, {
          onSent: () => {
            sent = true;
            setWait((s) => s.delete(cell.id));
            setRun((s) => s.add(cell.id));
          },
          onDropped: (why) => {
            setWait((s) => s.delete(cell.id));
            setError(why);
          },
          onIopub: (m) => {
            if (m.header.msg_type === 'execute_input') {
              const n = m.content.execution_count;
              if (typeof n === 'number') apply((d) => updateCell(d, cell.id, (c) => ({ ...c, execution_count: n })));
              return;
            }
            const next = applyIopub(state, m);
            if (next === state) return;
            state = next;
            apply((d) => updateCell(d, cell.id, (c) => ({ ...c, outputs: next.outputs })));
          },
          onReply: (m) => {
            setRun((s) => s.delete(cell.id));
            const n = m.content.execution_count;
            if (typeof n === 'number') apply((d) => updateCell(d, cell.id, (c) => ({ ...c, execution_count: n })));
          },
        });
      } catch (e) {
        setError((e as Error).message);
        return;
      }
      if (!sent) setWait((s) => s.add(cell.id));
      apply((d) => updateCell(d, cell.id, (c) => ({ ...c, outputs: [], execution_count: null })));
    }
  }, [kernel, apply]);

  /** display updates from anywhere reach every cell showing that display */
  const otherIopub = useCallback((m: JupyterMessage) => {
    if (m.header.msg_type !== 'update_display_data') return;
    apply((d) => ({ ...d, cells: d.cells.map((c) => (c.cell_type === 'code' ? { ...c, outputs: updateDisplays(c.outputs, m) } : c)) }));
  }, [apply]);

  const clearRunning = useCallback(() => setRun((s) => s.clear()), []);
  return { running, runningRef, waiting, run, error, clearRunning, otherIopub };
}
