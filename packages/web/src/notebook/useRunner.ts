/// <reference lib="dom" />
/**
 * Running cells: each run clears the cell's outputs, sends execute_request (metadata.cellId)
 * and applies the iopub messages to the cell as they come (execution count from
 * execute_input, outputs, the reply's count); `running` holds the cells sent and not answered.
 */
import { useCallback, useRef, useState } from 'react';
import { applyIopub, updateDisplays, type OutputState } from './outputs.ts';
import { updateCell, type Cell, type NotebookDoc } from './model.ts';
import type { KernelApi } from './useKernel.ts';
import type { JupyterMessage } from './messages.ts';

export function useRunner(kernel: KernelApi, apply: (fn: (d: NotebookDoc) => NotebookDoc) => void) {
  const [running, setRunning] = useState<ReadonlySet<string>>(new Set());
  const runningRef = useRef(running);
  runningRef.current = running;
  const [error, setError] = useState<string>();

  const setRun = (fn: (s: Set<string>) => void) => setRunning((r) => { const s = new Set(r); fn(s); runningRef.current = s; return s; });

  const run = useCallback((cells: Cell[]) => {
    setError(undefined);
    for (const cell of cells) {
      if (cell.cell_type !== 'code' || cell.source.trim() === '') continue;
      let state: OutputState = { outputs: [], clearPending: false };
      try {
        kernel.execute(cell.source, cell.id, {
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
      setRun((s) => s.add(cell.id));
      apply((d) => updateCell(d, cell.id, (c) => ({ ...c, outputs: [], execution_count: null })));
    }
  }, [kernel, apply]);

  /** display updates from anywhere reach every cell showing that display */
  const otherIopub = useCallback((m: JupyterMessage) => {
    if (m.header.msg_type !== 'update_display_data') return;
    apply((d) => ({ ...d, cells: d.cells.map((c) => (c.cell_type === 'code' ? { ...c, outputs: updateDisplays(c.outputs, m) } : c)) }));
  }, [apply]);

  const clearRunning = useCallback(() => setRun((s) => s.clear()), []);
  return { running, runningRef, run, error, clearRunning, otherIopub };
}
