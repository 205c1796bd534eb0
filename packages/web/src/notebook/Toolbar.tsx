/** The notebook's toolbar: save and checkpoint, export, cells (add, move, delete, undo, kind), running, the kernel. */
import type { CellKind } from './model.ts';
import type { KernelStatus as Status } from './connection.ts';
import type { SaveStatus as Save } from './useAutosave.ts';
import { KernelStatus } from './KernelStatus.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { ExportButtons } from '../export/NotebookExport.tsx';

export interface ToolbarProps {
  path: string;
  writable: boolean;
  kind?: CellKind;
  canUndo: boolean;
  kernel: { status: Status; detail?: string; kernelId?: string };
  save: Save;
  /** before an export (it reads the server's copy): save the edits */
  beforeExport?: () => Promise<void>;
  on: {
    save(): void; checkpoint(): void; add(kind: CellKind): void; up(): void; down(): void; remove(): void; undo(): void;
    kind(k: CellKind): void; run(): void; runAll(): void; runAbove(): void; interrupt(): void; restart(): void; log(): void; reconnect(): void;
  };
}

export function Toolbar({ path, writable, kind, canUndo, kernel, save, beforeExport, on }: ToolbarProps) {
  const hasCell = kind !== undefined;
  return (
    <div className="nb-toolbar" role="toolbar" aria-label="notebook">
      <span className="nb-title" title={path}>{path.split('/').pop()}</span>
      <button data-testid="save" onClick={on.save} disabled={!writable} title="Save (Ctrl+S)">Save</button>
      <button data-testid="checkpoint" onClick={on.checkpoint} disabled={!writable}>Save checkpoint</button>
      <ExportButtons path={path} beforeExport={writable ? beforeExport : undefined} />
      <span className="sep" />
      <button data-testid="add-kql" onClick={() => on.add('kql')} title="Add a KQL cell below">+ KQL</button>
      <button data-testid="add-code" onClick={() => on.add('typescript')} title="Add a TypeScript cell below (B)">+ Code</button>
      <button data-testid="add-markdown" onClick={() => on.add('markdown')} title="Add a markdown cell below">+ Markdown</button>
      <button onClick={on.up} disabled={!hasCell} title="Move up">↑</button>
      <button onClick={on.down} disabled={!hasCell} title="Move down">↓</button>
      <button data-testid="delete-cell" onClick={on.remove} disabled={!hasCell} title="Delete cell (D D)">✕</button>
      <button data-testid="undo-delete" onClick={on.undo} disabled={!canUndo} title="Undo cell deletion (Z)">Undo delete</button>
      <select data-testid="cell-kind" value={kind ?? ''} disabled={!hasCell} onChange={(e) => on.kind(e.target.value as CellKind)} aria-label="cell kind">
        <option value="kql">KQL</option><option value="typescript">TypeScript</option><option value="markdown">Markdown</option><option value="raw">Raw</option>
      </select>
      <span className="sep" />
      <button data-testid="run-cell" onClick={on.run} disabled={!hasCell} title="Run the cell and select the next (Shift+Enter)">▶ Run</button>
      <button data-testid="run-all" onClick={on.runAll}>Run all</button>
      <button data-testid="run-above" onClick={on.runAbove} disabled={!hasCell}>Run above</button>
      <button data-testid="interrupt" onClick={on.interrupt} title="Interrupt the kernel">■</button>
      <button data-testid="restart" onClick={on.restart} title="Restart the kernel">⟳ Restart</button>
      <span className="sep" />
      <KernelStatus status={kernel.status} detail={kernel.detail} />
      {kernel.status === 'disconnected' && <button onClick={on.reconnect} data-testid="reconnect">Retry now</button>}
      <button data-testid="kernel-log-button" onClick={on.log} disabled={!kernel.kernelId}>Kernel log</button>
      <span className="spacer" />
      <SaveStatus status={save} />
    </div>
  );
}
