/** Result rendering for the terminal: readable table, CSV and JSON. */
import type { QueryResult } from '@huntbook/store';

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A boxed, left-aligned table; long cells are cut at `maxWidth` characters. */
export function table(r: QueryResult, maxWidth = 60): string {
  const header = r.columns.map((c) => c.name);
  const body = r.rows.map((row) => row.map((v) => {
    const s = cellText(v).replace(/\r?\n/g, '⏎');
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  }));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `│ ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' │ ')} │`;
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  const out = [rule('┌', '┬', '┐'), line(header), rule('├', '┼', '┤'), ...body.map(line), rule('└', '┴', '┘')];
  out.push(`${r.rows.length} row${r.rows.length === 1 ? '' : 's'}`);
  return out.join('\n');
}

function csvCell(v: unknown): string {
  const s = cellText(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(r: QueryResult): string {
  return [r.columns.map((c) => csvCell(c.name)).join(','), ...r.rows.map((row) => row.map(csvCell).join(','))].join('\n');
}

export function json(r: QueryResult): string {
  return JSON.stringify({ columns: r.columns, rows: r.rows, ...(r.render ? { render: r.render } : {}), stats: r.stats });
}
