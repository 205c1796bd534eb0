/**
 * The display of a KQL result as a Jupyter MIME bundle: a table as
 * `application/vnd.dataresource+json` (Frictionless Table Schema, as JupyterLab and nteract
 * render it) with `text/html` and `text/plain` fallbacks, the full typed result for Huntbook's grid
 * as `application/vnd.huntbook.kql-result+json`, and a Vega-Lite chart when the query ended in
 * `render`. At most `limit` rows are shown, with a note saying so; the variable keeps them all.
 */
import type { DisplayBundle, RenderInfo, ResultColumn } from '../types.ts';

export const DEFAULT_DISPLAY_LIMIT = 10_000;

export interface DisplayInput {
  columns: readonly ResultColumn[];
  rows: readonly unknown[][];
  render?: RenderInfo;
  workspace: string;
  elapsedMs: number;
  limit: number;
  /** a Vega-Lite v5 spec of the render, when there is one */
  chart?: unknown;
  /** notes shown above the table (about the chart) */
  notes?: readonly string[];
}

/** Kusto type -> Table Schema field type */
const FIELD_TYPES: Record<string, string> = {
  bool: 'boolean', int: 'integer', long: 'integer', real: 'number', decimal: 'number',
  datetime: 'datetime', string: 'string', guid: 'string', timespan: 'string', dynamic: 'any',
};

export function resultBundle(r: DisplayInput): DisplayBundle {
  const total = r.rows.length;
  const shown = total > r.limit ? r.rows.slice(0, r.limit) : r.rows;
  const truncated = shown.length < total;
  const notes = [
    ...(truncated ? [`Showing the first ${count(shown.length)} of ${count(total)} rows (display_limit ${count(r.limit)}); the variable holds all ${count(total)}.`] : []),
    ...(r.notes ?? []),
  ];
  const note = notes.length ? notes.join(' ') : undefined;
  const data: Record<string, unknown> = {
    'application/vnd.dataresource+json': {
      schema: { fields: r.columns.map((c) => ({ name: c.name, type: FIELD_TYPES[c.type] ?? 'any' })) },
      data: shown.map((row) => rowObject(r.columns, row)),
    },
    'text/html': htmlTable(r.columns, shown, note),
    'text/plain': textTable(r.columns, shown, total, note),
    'application/vnd.huntbook.kql-result+json': {
      columns: r.columns.map((c) => ({ name: c.name, type: c.type })),
      rows: shown,
      render: r.render ?? null,
      rowCount: total,
      truncated,
      workspace: r.workspace,
      elapsedMs: r.elapsedMs,
    },
  };
  if (r.chart !== undefined) data['application/vnd.vegalite.v5+json'] = r.chart;
  return { data, metadata: {} };
}

function rowObject(columns: readonly ResultColumn[], row: readonly unknown[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  columns.forEach((c, i) => { o[c.name] = row[i] ?? null; });
  return o;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A cell as text: JSON for dynamic values, empty for null. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

function htmlTable(columns: readonly ResultColumn[], rows: readonly unknown[][], note: string | undefined): string {
  const head = columns.map((c) => `<th title="${escapeHtml(c.type)}">${escapeHtml(c.name)}</th>`).join('');
  const body = rows.map((row) => `<tr>${columns.map((_, i) => `<td>${escapeHtml(cellText(row[i]))}</td>`).join('')}</tr>`).join('\n');
  const caption = note ? `<p class="huntbook-kql-note">${escapeHtml(note)}</p>\n` : '';
  return `${caption}<table class="huntbook-kql-result">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Widest a text/plain cell gets before it is cut with an ellipsis (the other views keep all). */
const TEXT_CELL_WIDTH = 60;

function textCell(v: unknown): string {
  const s = cellText(v).replace(/\r?\n/g, '\\n').replace(/\t/g, '\\t');
  return s.length > TEXT_CELL_WIDTH ? `${s.slice(0, TEXT_CELL_WIDTH - 1)}…` : s;
}

function textTable(columns: readonly ResultColumn[], rows: readonly unknown[][], total: number, note: string | undefined): string {
  const cells = [columns.map((c) => c.name), ...rows.map((row) => columns.map((_, i) => textCell(row[i])))];
  const widths = columns.map((_, i) => cells.reduce((w, r) => Math.max(w, r[i]!.length), 0));
  const line = (r: string[]) => r.map((s, i) => s.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)];
  out.push(`(${count(total)} row${total === 1 ? '' : 's'})`);
  if (note) out.push(note);
  return out.join('\n');
}
