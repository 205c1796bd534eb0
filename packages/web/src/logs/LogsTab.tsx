/// <reference lib="dom" />
/**
 * The Logs tab: ad-hoc KQL as in the Azure portal's Logs blade. The schema tree (tables, row
 * counts, columns) beside a KQL editor (Monaco with the workspace's schema), a time range sent as
 * the query API's `timespan`, Run (button, Shift+Enter or Ctrl+Enter) and Cancel (aborts the
 * request, which stops the query on the server), then the row count and duration, a chart when
 * the query ends in `render`, and the results grid, whose "Add as filter" appends a `where` clause
 * to the query. Errors show their line and column under the query. Every run is recorded in the
 * user's history of the workspace (server-side), one click from being run again.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/index.ts';
import { CodeEditor } from '../editor/CodeEditor.tsx';
import { ResultsGrid } from '../outputs/grid/ResultsGrid.tsx';
import { Chart } from '../outputs/Chart.tsx';
import { SchemaTree } from './SchemaTree.tsx';
import { TimeRangePicker } from './TimeRangePicker.tsx';
import { DEFAULT_RANGE, rangeLabel, rangeOf, timespanOf, type TimeRange } from './timerange.ts';
import { errorExcerpt, queryError, readResponse, type LogsResult, type QueryErrorInfo } from './response.ts';
import { buildChart } from './chart.ts';
import { clearHistory, listHistory, recordHistory, type HistoryEntry } from './history.ts';
import '../outputs/outputs.css';
import './logs.css';

interface Ran extends LogsResult { readonly ms: number; readonly query: string }

const draftKey = (ws: string) => `huntbook.logs.draft.${ws}`;

function savedDraft(ws: string): string {
  try { return sessionStorage.getItem(draftKey(ws)) ?? ''; } catch { return ''; }
}

export function LogsTab({ workspace }: { workspace: string }) {
  const [query, setQuery] = useState(() => savedDraft(workspace));
  const [range, setRange] = useState<TimeRange>(DEFAULT_RANGE);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Ran>();
  const [error, setError] = useState<QueryErrorInfo & { query?: string }>();
  const [status, setStatus] = useState<string>();
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [historyError, setHistoryError] = useState<string>();
  const [showHistory, setShowHistory] = useState(false);
  const abort = useRef<AbortController>(undefined);
  const editorHost = useRef<HTMLDivElement>(null);
  const latest = useRef({ query, range, running });
  latest.current = { query, range, running };

  useEffect(() => { try { sessionStorage.setItem(draftKey(workspace), query); } catch { /* private mode: drafts are not kept */ } }, [workspace, query]);
  useEffect(() => { setQuery(savedDraft(workspace)); setResult(undefined); setError(undefined); }, [workspace]);

  const refreshHistory = useCallback(() => {
    listHistory(workspace).then((h) => { setHistory(h); setHistoryError(undefined); }, (e: Error) => setHistoryError(`history unavailable: ${e.message}`));
  }, [workspace]);
  useEffect(refreshHistory, [refreshHistory]);

  const record = useCallback((entry: Omit<HistoryEntry, 'id' | 'at'>) => {
    recordHistory(workspace, entry).then(refreshHistory, (e: Error) => setHistoryError(`the run was not added to the history: ${e.message}`));
  }, [workspace, refreshHistory]);

  const run = useCallback(async () => {
    const { query: text, range: r, running: busy } = latest.current;
    if (busy || text.trim() === '') return;
    let timespan: string | undefined;
    try { timespan = timespanOf(r); } catch (e) { setError({ message: (e as Error).message }); return; }
    const ctrl = new AbortController();
    abort.current = ctrl;
    setRunning(true);
    setError(undefined);
    setStatus(undefined);
    const t0 = performance.now();
    try {
      const body = await api(`/v1/workspaces/${encodeURIComponent(workspace)}/query`, {
        method: 'POST', body: { query: text, ...(timespan ? { timespan } : {}) },
        headers: { Prefer: 'include-render=true, include-statistics=true' }, signal: ctrl.signal,
      });
      const res = readResponse(body);
      const ms = performance.now() - t0;
      setResult({ ...res, ms, query: text });
      record({ query: text, timespan, rows: res.data.rows.length, durationMs: Math.round(ms) });
    } catch (e) {
      if (ctrl.signal.aborted) setStatus('Cancelled.');
      else {
        const message = (e as Error).message;
        setError({ ...queryError(message), query: text });
        record({ query: text, timespan, error: message });
      }
    } finally {
      if (abort.current === ctrl) abort.current = undefined;
      setRunning(false);
    }
  }, [workspace, record]);

  const cancel = () => abort.current?.abort();
  useEffect(() => () => abort.current?.abort(), []);

  // Shift+Enter / Ctrl+Enter: the editor hands the notebook's keys on as a 'notebook-key' event
  useEffect(() => {
    const el = editorHost.current;
    if (!el) return;
    const onKey = (e: Event) => {
      const d = (e as CustomEvent<{ key: string; shift: boolean; ctrl: boolean; meta: boolean }>).detail;
      if (d?.key === 'Enter' && (d.shift || d.ctrl || d.meta)) void run();
    };
    el.addEventListener('notebook-key', onKey);
    return () => el.removeEventListener('notebook-key', onKey);
  }, [run]);

  const pick = (text: string, isTable: boolean) => {
    setQuery((q) => (q.trim() === '' && isTable ? `${text}\n| take 100` : `${q}${q === '' || /\s$/.test(q) ? '' : ' '}${text}`));
  };
  const addFilter = (clause: string) => setQuery((q) => `${q.trimEnd()}\n${clause}`);
  const chart = useMemo(() => (result ? buildChart(result.data, result.render) : undefined), [result]);
  const excerpt = error?.line !== undefined && error.query ? errorExcerpt(error.query, error.line, error.column ?? 1) : undefined;

  return (
    <div className="logs-tab" data-testid="logs-tab">
      <SchemaTree workspace={workspace} onPick={pick} />
      <section className="logs-main">
        <div className="logs-toolbar">
          <button className="primary" onClick={() => void run()} disabled={running || query.trim() === ''} data-testid="logs-run" title="Run (Shift+Enter)">Run</button>
          <button onClick={cancel} disabled={!running} data-testid="logs-cancel">Cancel</button>
          <TimeRangePicker value={range} onChange={setRange} />
          <span className="spacer" />
          <button onClick={() => setShowHistory((x) => !x)} aria-pressed={showHistory} data-testid="logs-history-toggle">History</button>
        </div>
        <div className="logs-editor" data-testid="logs-editor" ref={editorHost}
          onKeyDown={(e) => { if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey)) { e.preventDefault(); void run(); } }}>
          <CodeEditor value={query} language="kusto" workspace={workspace} onChange={setQuery} focus />
        </div>
        {showHistory && (
          <div className="logs-history" data-testid="logs-history">
            <div className="logs-history-head">
              <strong>History</strong>
              <button className="link" onClick={() => { clearHistory(workspace).then(refreshHistory, (e: Error) => setHistoryError(e.message)); }} disabled={history.length === 0}>clear</button>
            </div>
            {historyError && <div className="error">{historyError}</div>}
            {history.length === 0 && !historyError && <div className="muted">No queries yet.</div>}
            <ul>
              {history.map((h) => (
                <li key={h.id}>
                  <button className="logs-history-item" data-testid="logs-history-item" onClick={() => { setQuery(h.query); setRange(rangeOf(h.timespan)); }} title="put this query back in the editor">
                    <code>{h.query.length > 300 ? `${h.query.slice(0, 300)}…` : h.query}</code>
                    <span className="muted">{new Date(h.at).toLocaleString()} · {rangeLabel(rangeOf(h.timespan))} · {h.error ? <span className="error">error</span> : `${(h.rows ?? 0).toLocaleString('en-US')} row${h.rows === 1 ? '' : 's'}`}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="logs-status" data-testid="logs-status" role="status">
          {running ? 'Running…' : status ?? (result && !error ? `${result.data.rows.length.toLocaleString('en-US')} row${result.data.rows.length === 1 ? '' : 's'} · ${Math.round(result.ms).toLocaleString('en-US')} ms${result.serverMs !== undefined ? ` (server ${Math.round(result.serverMs).toLocaleString('en-US')} ms)` : ''}` : '')}
          {result?.partial && !error && <span className="warn"> · partial result: {result.partial}</span>}
        </div>
        {error && (
          <div className="logs-error" data-testid="logs-error" role="alert">
            <div>{error.message}</div>
            {excerpt && <pre><span className="muted">line {error.line}: </span>{excerpt.text}{'\n'}{' '.repeat(`line ${error.line}: `.length)}{excerpt.caret}</pre>}
          </div>
        )}
        {result && !error && <>
          {chart && Object.keys(chart.spec).length > 0 && <Chart spec={chart.spec} />}
          {chart && chart.notes.length > 0 && <div className="muted chart-notes">{chart.notes.join('; ')}</div>}
          <ResultsGrid key={result.query + result.ms} result={result.data} onAddFilter={addFilter} name="logs-query" maxHeight={560} />
        </>}
      </section>
    </div>
  );
}
