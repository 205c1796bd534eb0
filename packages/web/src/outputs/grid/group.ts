/**
 * Grouping the grid's rows by one column: one group per distinct value (nulls are a group of
 * their own), with the count and the row indexes, largest group first (ties in value order).
 */
import type { GridColumn, GridRow } from './types.ts';
import { cellText, compareKeys, sortKey } from './values.ts';

export interface RowGroup {
  /** the value as the column holds it (first row's) */
  readonly value: unknown;
  /** its text ('' for null) */
  readonly text: string;
  readonly isNull: boolean;
  readonly count: number;
  /** indexes into the rows, in the order given */
  readonly rows: readonly number[];
}

export function groupRows(rows: readonly GridRow[], columns: readonly GridColumn[], column: number, indexes?: readonly number[]): RowGroup[] {
  const col = columns[column];
  if (!col) throw new RangeError(`group: no column ${column} (the result has ${columns.length})`);
  const groups = new Map<string, { value: unknown; isNull: boolean; rows: number[] }>();
  for (const r of indexes ?? rows.map((_, i) => i)) {
    const v = rows[r]![column];
    const isNull = v === null || v === undefined;
    // null and the empty string are different groups (Kusto keeps them apart too)
    const key = isNull ? '\u0000null' : `v${cellText(v)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { value: v, isNull, rows: [] }));
    g.rows.push(r);
  }
  const out = [...groups.values()].map((g) => ({ value: g.value, text: cellText(g.value), isNull: g.isNull, count: g.rows.length, rows: g.rows }));
  out.sort((a, b) => {
    if (a.count !== b.count) return b.count - a.count;
    const ka = sortKey(a.value, col.type);
    const kb = sortKey(b.value, col.type);
    if (ka === undefined || kb === undefined) return ka === kb ? 0 : ka === undefined ? -1 : 1;
    return compareKeys(ka, kb);
  });
  return out;
}
