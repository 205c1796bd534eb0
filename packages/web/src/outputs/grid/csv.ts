/**
 * The grid's rows as text: CSV for export (RFC 4180: CRLF between records, a field quoted when it
 * holds a comma, a quote, CR or LF, quotes doubled, a header row of column names) and TSV for the
 * clipboard (as spreadsheets paste it: a field quoted the same way when it holds a tab, a quote or a
 * line break). Values are written as the grid shows them (cellText): exactly, with no spreadsheet
 * formula neutralising, so the file keeps what the query returned.
 */
import type { GridColumn, GridRow } from './types.ts';
import { cellText } from './values.ts';

function quoted(field: string, special: RegExp): string {
  return special.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

const CSV_SPECIAL = /[",\r\n]/;
const TSV_SPECIAL = /["\t\r\n]/;

export function csvField(v: unknown): string {
  return quoted(cellText(v), CSV_SPECIAL);
}

/** RFC 4180 CSV of the columns and the rows (all, or those at `indexes`), header first, CRLF after each record. */
export function toCsv(columns: readonly GridColumn[], rows: readonly GridRow[], indexes?: readonly number[]): string {
  const lines = [columns.map((c) => quoted(c.name, CSV_SPECIAL)).join(',')];
  for (const r of indexes ?? rows.map((_, i) => i)) lines.push(columns.map((_, i) => csvField(rows[r]![i])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A block of cells as TSV: one line per row, tab between cells, no trailing line break. */
export function toTsv(cells: readonly (readonly unknown[])[]): string {
  return cells.map((row) => row.map((v) => quoted(cellText(v), TSV_SPECIAL)).join('\t')).join('\r\n');
}

/** A file name for an export: the given stem with what file systems refuse replaced by '_'. */
export function exportFileName(stem: string, ext: string): string {
  const clean = stem.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 100);
  return `${clean || 'results'}.${ext}`;
}
