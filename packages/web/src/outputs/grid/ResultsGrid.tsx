/// <reference lib="dom" />
/**
 * The results grid: a virtualised table (only the rows in view are in the DOM, so 100,000 rows
 * scroll as smoothly as 100) with typed sorting (click a header), a global and per-column filter,
 * grouping by a column (counts per group, groups open on click), column statistics, dynamic values
 * expanded as formatted JSON, cell selection (click, Ctrl/Cmd+click, Shift+click) that can become
 * a KQL `where` clause ("Add as filter" / "Exclude"), copy as TSV (button or Ctrl+C) and CSV export.
 * The logic is in the pure modules beside this file; this one keeps the state and draws.
 */
import { useCallback, useDeferredValue, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { KqlResultOutput } from './types.ts';
import { buildView, type ViewLine } from './view.ts';
import type { SortSpec } from './sort.ts';
import { cellText } from './values.ts';
import { clickCell, EMPTY_SELECTION, selectedBlock, selectedCells, type Selection } from './selection.ts';
import { whereClause } from './kql-filter.ts';
import { exportFileName, toCsv, toTsv } from './csv.ts';
import { copyText, downloadText } from './browser.ts';
import { ColumnStatsPanel } from './ColumnStatsPanel.tsx';

export interface ResultsGridProps {
  result: KqlResultOutput;
  /** called with `| where …` for "Add as filter" / "Exclude" (the buttons show only when given) */
  onAddFilter?: (whereClause: string) => void;
  /** the stem of the exported file's name */
  name?: string;
  /** the tallest the grid's scroll area gets, in pixels (default 420) */
  maxHeight?: number;
}

const ROW_HEIGHT = 26;
const NUMBER_WIDTH = 56;

function columnWidths(result: KqlResultOutput): number[] {
  const sample = result.rows.slice(0, 200);
  return result.columns.map((c, i) => {
    let longest = c.name.length + 3;
    for (const r of sample) longest = Math.max(longest, Math.min(cellText(r[i]).length, 60));
    return Math.max(70, Math.min(380, longest * 7.5 + 16));
  });
}

export function ResultsGrid({ result, onAddFilter, name = 'results', maxHeight = 420 }: ResultsGridProps) {
  const [text, setText] = useState('');
  const [columnFilters, setColumnFilters] = useState<Record<number, string>>({});
  const [showColumnFilters, setShowColumnFilters] = useState(false);
  const [sort, setSort] = useState<SortSpec>();
  const [groupBy, setGroupBy] = useState<number>();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [statsColumn, setStatsColumn] = useState<number>();
  const [detail, setDetail] = useState<{ row: number; col: number }>();
  const [notice, setNotice] = useState<string>();
  const scrollRef = useRef<HTMLDivElement>(null);

  const filter = useDeferredValue(useMemo(() => ({ text, columns: columnFilters }), [text, columnFilters]));
  const view = useMemo(() => buildView(result, { filter, sort, groupBy, expanded }), [result, filter, sort, groupBy, expanded]);
  const widths = useMemo(() => columnWidths(result), [result]);
  const template = `${NUMBER_WIDTH}px ${widths.map((w) => `${w}px`).join(' ')}`;
  const totalWidth = NUMBER_WIDTH + widths.reduce((a, b) => a + b, 0);

  const virtualizer = useVirtualizer({ count: view.lines.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const headerHeight = ROW_HEIGHT * (showColumnFilters ? 2 : 1);
  const height = Math.min(maxHeight, headerHeight + Math.max(1, view.lines.length) * ROW_HEIGHT + 2);

  const toggleSort = (col: number) => setSort((s) => (s?.column !== col ? { column: col, direction: 'asc' } : s.direction === 'asc' ? { column: col, direction: 'desc' } : undefined));
  const say = (m: string) => { setNotice(m); setTimeout(() => setNotice((x) => (x === m ? undefined : x)), 2500); };

  const onCell = (e: MouseEvent, row: number, col: number) => {
    setSelection((s) => clickCell(s, row, col, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey }, view.rows));
    if (e.shiftKey) e.preventDefault();
  };

  const copy = useCallback(async () => {
    const block = selection.keys.size ? selectedBlock(selection, result, view.rows) : [result.columns.map((c) => c.name), ...view.rows.map((r) => result.rows[r]!)];
    try {
      await copyText(toTsv(block));
      say(selection.keys.size ? `copied ${selection.keys.size} cell${selection.keys.size === 1 ? '' : 's'}` : `copied ${view.rows.length} rows`);
    } catch (e) {
      say(`copy failed: ${(e as Error).message}`);
    }
  }, [selection, result, view.rows]);

  const addFilter = (exclude: boolean) => {
    if (!onAddFilter || selection.keys.size === 0) return;
    onAddFilter(whereClause(selectedCells(selection, result), { exclude }));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && (e.target as HTMLElement).tagName !== 'INPUT') {
      e.preventDefault();
      void copy();
    } else if (e.key === 'Escape') {
      setSelection(EMPTY_SELECTION);
      setDetail(undefined);
    }
  };

  const line = (l: ViewLine) => {
    if (l.kind === 'group') {
      const g = l.group;
      return (
        <div className="grid-group" data-testid="grid-group" data-open={l.open} style={{ width: totalWidth }}
          onClick={() => setExpanded((s) => { const n = new Set(s); if (n.has(l.key)) n.delete(l.key); else n.add(l.key); return n; })}>
          <span className="grid-caret">{l.open ? '▾' : '▸'}</span>
          <span className="grid-group-value">{g.isNull ? <em>null</em> : g.text === '' ? <em>(empty)</em> : g.text}</span>
          <span className="grid-group-count" data-testid="grid-group-count">{g.count.toLocaleString('en-US')}</span>
        </div>
      );
    }
    const row = result.rows[l.row]!;
    return (
      <div className="grid-row" data-testid="grid-row" style={{ gridTemplateColumns: template, width: totalWidth }}>
        <div className="grid-rownum">{l.row + 1}</div>
        {result.columns.map((c, i) => {
          const v = row[i];
          const selected = selection.keys.has(`${l.row}:${i}`);
          const t = cellText(v);
          return (
            <div key={i} data-testid="grid-cell" className={`grid-cell t-${c.type}${selected ? ' selected' : ''}${v === null || v === undefined ? ' null' : ''}`}
              title={t.length > 40 ? t.slice(0, 2000) : undefined}
              onMouseDown={(e) => onCell(e, l.row, i)} onDoubleClick={() => setDetail({ row: l.row, col: i })}>
              {c.type === 'dynamic' && v !== null && typeof v === 'object' && (
                <button className="grid-json-open" data-testid="grid-json-open" title="show as JSON" onClick={(e) => { e.stopPropagation(); setDetail({ row: l.row, col: i }); }}>{'{}'}</button>
              )}
              {t}
            </div>
          );
        })}
      </div>
    );
  };

  const shown = view.rows.length;
  const total = result.rowCount ?? result.rows.length;
  const detailValue = detail ? result.rows[detail.row]?.[detail.col] : undefined;

  return (
    <div className="results-grid" data-testid="results-grid" tabIndex={0} onKeyDown={onKeyDown}>
      <div className="grid-toolbar">
        <input type="search" placeholder="Filter rows" value={text} onChange={(e) => setText(e.target.value)} data-testid="grid-filter" aria-label="filter rows" />
        <button onClick={() => setShowColumnFilters((x) => !x)} aria-pressed={showColumnFilters} data-testid="grid-column-filters">Column filters</button>
        <label className="grid-group-by">Group by{' '}
          <select value={groupBy ?? ''} data-testid="grid-group-by" onChange={(e) => { setGroupBy(e.target.value === '' ? undefined : Number(e.target.value)); setExpanded(new Set()); }}>
            <option value="">(none)</option>
            {result.columns.map((c, i) => <option key={i} value={i}>{c.name}</option>)}
          </select>
        </label>
        {onAddFilter && <>
          <button disabled={selection.keys.size === 0} onClick={() => addFilter(false)} data-testid="grid-add-filter" title="add a where clause keeping the selected values">Add as filter</button>
          <button disabled={selection.keys.size === 0} onClick={() => addFilter(true)} data-testid="grid-exclude-filter" title="add a where clause dropping the selected values">Exclude</button>
        </>}
        <button onClick={() => void copy()} data-testid="grid-copy" title="copy the selected cells (or every shown row) as TSV">Copy</button>
        <button onClick={() => downloadText(toCsv(result.columns, result.rows, view.rows, { safeForSpreadsheets: true }), exportFileName(name, 'csv'), 'text/csv;charset=utf-8')} data-testid="grid-export-csv">Export CSV</button>
        <span className="grid-count" data-testid="grid-count">
          {shown === result.rows.length ? `${shown.toLocaleString('en-US')} row${shown === 1 ? '' : 's'}` : `${shown.toLocaleString('en-US')} of ${result.rows.length.toLocaleString('en-US')} rows`}
          {result.truncated || total > result.rows.length ? ` (the result had ${total.toLocaleString('en-US')}; the first ${result.rows.length.toLocaleString('en-US')} are here)` : ''}
        </span>
        {notice && <span className="grid-notice" role="status">{notice}</span>}
      </div>
      <div className="grid-scroll" ref={scrollRef} style={{ height }}>
        <div className="grid-head" style={{ width: totalWidth }}>
          <div className="grid-header-row" style={{ gridTemplateColumns: template }}>
            <div className="grid-rownum">#</div>
            {result.columns.map((c, i) => (
              <div key={i} className="grid-header" data-testid="grid-header" data-column={c.name} title={`${c.name}: ${c.type}`}>
                <button className="grid-sort" onClick={() => toggleSort(i)}>
                  {c.name}{sort?.column === i ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                </button>
                <button className="grid-stats-open" data-testid="grid-stats-open" title={`statistics of ${c.name}`} onClick={() => setStatsColumn((s) => (s === i ? undefined : i))}>Σ</button>
              </div>
            ))}
          </div>
          {showColumnFilters && (
            <div className="grid-header-row" style={{ gridTemplateColumns: template }}>
              <div className="grid-rownum" />
              {result.columns.map((c, i) => (
                <input key={i} className="grid-column-filter" data-testid="grid-column-filter" aria-label={`filter ${c.name}`}
                  placeholder={c.type === 'string' || c.type === 'dynamic' || c.type === 'guid' ? 'contains' : '> < = or text'}
                  value={columnFilters[i] ?? ''} onChange={(e) => setColumnFilters((f) => ({ ...f, [i]: e.target.value }))} />
              ))}
            </div>
          )}
        </div>
        <div className="grid-body" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div key={item.key} className="grid-line" style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
              {line(view.lines[item.index]!)}
            </div>
          ))}
        </div>
        {view.lines.length === 0 && <div className="grid-empty muted">{result.rows.length === 0 ? 'No rows.' : 'No row matches the filters.'}</div>}
      </div>
      {statsColumn !== undefined && statsColumn < result.columns.length && (
        <ColumnStatsPanel result={result} column={statsColumn} indexes={view.rows} onClose={() => setStatsColumn(undefined)} />
      )}
      {detail && (
        <div className="grid-detail" data-testid="grid-json">
          <div className="grid-detail-head">
            <strong>{result.columns[detail.col]?.name}</strong> row {detail.row + 1}
            <button className="link" onClick={() => setDetail(undefined)}>close</button>
          </div>
          <pre>{typeof detailValue === 'object' && detailValue !== null ? JSON.stringify(detailValue, null, 2) : cellText(detailValue)}</pre>
        </div>
      )}
    </div>
  );
}
