/**
 * The grid's rows as text: CSV for export (RFC 4180: CRLF between records, a field quoted when it
 * holds a comma, a quote, CR or LF, quotes doubled, a header row of column names) and TSV for the
 * clipboard (as spreadsheets paste it: a field quoted the same way when it holds a tab, a quote or a
 * line break). Values are written as the grid shows them (cellText), exactly, unless
 * `safeForSpreadsheets` is set (the Export CSV button sets it): then a text value a spreadsheet
 * would run as a formula (it starts with =, +, -, @, a tab or a CR: log data is attacker-written,
 * `=cmd|' /c calc'!A1` is a classic) gets a leading apostrophe, OWASP's advice for CSV injection.
 */
import type { GridColumn, GridRow } from './types.ts';
import { cellText } from './values.ts';

function quoted(field: string, special: RegExp): string {
  return special.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

const CSV_SPECIAL = /[",\r\n]/;
const TSV_SPECIAL = /["\t\r\n]/;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(v: unknown, safeForSpreadsheets = false): string {
  const text = cellText(v);
  return quoted(safeForSpreadsheets && typeof v === 'string' && FORMULA_START.test(text) ? `'${text}` : text, CSV_SPECIAL);
}

/** RFC 4180 CSV of the columns and the rows (all, or those at `indexes`), header first, CRLF after each record. */
export function toCsv(columns: readonly GridColumn[], rows: readonly GridRow[], indexes?: readonly number[], options: { safeForSpreadsheets?: boolean } = {}): string {
  const safe = options.safeForSpreadsheets === true;
  const lines = [columns.map((c) => quoted(safe && FORMULA_START.test(c.name) ? `'${c.name}` : c.name, CSV_SPECIAL)).join(',')];
  for (const r of indexes ?? rows.map((_, i) => i)) lines.push(columns.map((_, i) => csvField(rows[r]![i], safe)).join(','));
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
