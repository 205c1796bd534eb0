/**
 * The Log Analytics query API's answer as the Logs tab uses it: the first table as grid data
 * (dynamic values, which the wire carries as JSON text, parsed back), the `render` hint, the
 * server's statistics, a partial-result error; and a failed query's message with its line and
 * column (the service puts "(line L, column C)" in every diagnostic's message).
 */
import type { GridColumn, KqlResultOutput } from '../outputs/grid/types.ts';

export interface LaRender {
  visualization: string | null;
  title?: string | null;
  xColumn?: string | null;
  yColumns?: string | null;
  series?: string | null;
  kind?: string | null;
  xTitle?: string | null;
  yTitle?: string | null;
  legend?: string | null;
  [key: string]: unknown;
}

export interface LogsResult {
  readonly data: KqlResultOutput;
  readonly render?: LaRender;
  /** the server's execution time, when it said */
  readonly serverMs?: number;
  /** why the rows are not all there (the server's row or size limit) */
  readonly partial?: string;
}

function parseDynamic(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try { return JSON.parse(v); } catch { return v; }
}

export function readResponse(body: unknown): LogsResult {
  const b = body as { tables?: { columns?: GridColumn[]; rows?: unknown[][] }[]; render?: LaRender; statistics?: { query?: { executionTime?: number } }; error?: { message?: string; details?: { message?: string }[] } } | undefined;
  const table = b?.tables?.[0];
  if (!table || !Array.isArray(table.columns) || !Array.isArray(table.rows)) throw new Error('the server answered without a result table (tables[0] with columns and rows)');
  const columns = table.columns.map((c) => ({ name: String(c.name), type: String(c.type) }));
  const dynamic = columns.map((c) => c.type === 'dynamic');
  const rows = dynamic.some(Boolean) ? table.rows.map((r) => r.map((v, i) => (dynamic[i] ? parseDynamic(v) : v))) : table.rows;
  const exec = b?.statistics?.query?.executionTime;
  return {
    data: { columns, rows, rowCount: rows.length, truncated: b?.error !== undefined },
    render: b?.render && b.render.visualization ? b.render : undefined,
    serverMs: typeof exec === 'number' ? exec * 1000 : undefined,
    partial: b?.error ? b.error.details?.[0]?.message ?? b.error.message ?? 'the result is partial' : undefined,
  };
}

export interface QueryErrorInfo {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** A failed query's message and, when it names one, its position. */
export function queryError(message: string): QueryErrorInfo {
  const m = /\(line (\d+), column (\d+)\)/.exec(message);
  return m ? { message, line: Number(m[1]), column: Number(m[2]) } : { message };
}

/** The query line an error points at, and a caret under its column (for the error display). */
export function errorExcerpt(query: string, line: number, column: number): { text: string; caret: string } | undefined {
  const lines = query.split(/\r?\n/);
  const text = lines[line - 1];
  if (text === undefined || column < 1) return undefined;
  return { text, caret: `${' '.repeat(Math.min(column - 1, text.length))}^` };
}
