/**
 * The Logs tab's schema: the workspace's tables with their row counts (GET /api/workspaces/{w}),
 * each opening to its columns and types. Clicking a table or column name hands it to the editor.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/index.ts';
import { kqlName } from '../outputs/grid/kql-filter.ts';

interface TableInfo { name: string; rows: number; columns: { name: string; type: string }[] }

export function SchemaTree({ workspace, onPick }: { workspace: string; onPick: (text: string, isTable: boolean) => void }) {
  const [tables, setTables] = useState<TableInfo[]>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState('');
  useEffect(() => {
    let live = true;
    setTables(undefined);
    setError(undefined);
    api<{ tables: TableInfo[] }>(`/api/workspaces/${encodeURIComponent(workspace)}`).then(
      (r) => { if (live) setTables([...r.tables].sort((a, b) => a.name.localeCompare(b.name))); },
      (e: Error) => { if (live) setError(`cannot read the tables of '${workspace}': ${e.message}`); },
    );
    return () => { live = false; };
  }, [workspace]);
  const toggle = (t: string) => setOpen((s) => { const n = new Set(s); if (n.has(t)) n.delete(t); else n.add(t); return n; });
  const shown = tables?.filter((t) => t.name.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <nav className="schema-tree" data-testid="schema-tree" aria-label="tables">
      <input type="search" placeholder="Filter tables" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="filter tables" />
      {error && <div className="error">{error}</div>}
      {!tables && !error && <div className="muted">loading tables…</div>}
      {tables?.length === 0 && <div className="muted">This workspace has no tables yet.</div>}
      <ul>
        {shown?.map((t) => (
          <li key={t.name} data-testid="schema-table" data-table={t.name}>
            <div className="schema-row">
              <button className="schema-caret" aria-expanded={open.has(t.name)} onClick={() => toggle(t.name)} title="columns">{open.has(t.name) ? '▾' : '▸'}</button>
              <button className="schema-name" onClick={() => onPick(kqlName(t.name), true)} title={`use ${t.name} in the query`}>{t.name}</button>
              <span className="schema-count" data-testid="schema-row-count">{t.rows.toLocaleString('en-US')}</span>
            </div>
            {open.has(t.name) && (
              <ul className="schema-columns">
                {t.columns.map((c) => (
                  <li key={c.name}>
                    <button className="schema-name" onClick={() => onPick(kqlName(c.name), false)}>{c.name}</button>
                    <span className="schema-type">{c.type}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
