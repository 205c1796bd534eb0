/**
 * One cell: its prompt (execution count, `*` while running; "waiting for kernel" while its run
 * is queued until the kernel is ready), its kind, the editor (or the
 * rendered markdown), and its outputs through <OutputArea>. Selection and edit mode are the
 * notebook's; the cell reports clicks and focus.
 */
import { memo } from 'react';
import { CodeEditor } from '../editor/CodeEditor.tsx';
import { OutputArea } from '../outputs/OutputArea.tsx';
import { MarkdownView } from './MarkdownView.tsx';
import { kindOf, splitKql, KQL_MAGIC, type Cell } from './model.ts';

export interface CellViewProps {
  cell: Cell;
  workspace: string;
  selected: boolean;
  editing: boolean;
  running: boolean;
  /** run, and queued until the kernel is ready */
  waiting?: boolean;
  readOnly: boolean;
  onSelect(id: string): void;
  onEdit(id: string): void;
  onSource(id: string, source: string): void;
  onAddFilter(id: string, where: string): void;
}

export const CellView = memo(function CellView({ cell, workspace, selected, editing, running, waiting = false, readOnly, onSelect, onEdit, onSource, onAddFilter }: CellViewProps) {
  const kind = kindOf(cell);
  const prompt = cell.cell_type !== 'code' ? '' : running || waiting ? '[*]' : `[${cell.execution_count ?? ' '}]`;
  const kql = kind === 'kql' ? splitKql(cell.source) : undefined;
  const showEditor = kind !== 'markdown' || editing;
  return (
    <div className={`cell cell-${kind}${selected ? ' selected' : ''}${editing ? ' editing' : ''}`} data-testid="cell" data-cell-id={cell.id}
      data-kind={kind} data-running={running || undefined} data-waiting={waiting || undefined} onMouseDown={() => onSelect(cell.id)}>
      <div className="cell-prompt" data-testid="cell-prompt">{prompt}</div>
      <div className="cell-main">
        {kql && (
          <input className="kql-magic" aria-label="KQL magic line" value={kql.magic} readOnly={readOnly}
            onChange={(e) => onSource(cell.id, `${e.target.value.startsWith(KQL_MAGIC) ? e.target.value : KQL_MAGIC}\n${kql.body}`)} />
        )}
        {showEditor
          ? <CodeEditor value={kql ? kql.body : cell.source} workspace={workspace} readOnly={readOnly}
              language={kind === 'kql' ? 'kusto' : kind === 'markdown' ? 'markdown' : 'typescript'} focus={editing}
              onFocus={() => onEdit(cell.id)}
              onChange={(v) => onSource(cell.id, kql ? `${kql.magic}\n${v}` : v)} />
          : <MarkdownView source={cell.source} onEdit={() => onEdit(cell.id)} />}
        {waiting && <div className="cell-waiting" data-testid="cell-waiting" role="status">waiting for kernel…</div>}
        {cell.cell_type === 'code' && cell.outputs.length > 0 && (
          <OutputArea outputs={cell.outputs} onAddFilter={(where: string) => onAddFilter(cell.id, where)} />
        )}
      </div>
    </div>
  );
});
