/**
 * Statistics of one column of the grid: how many values, how many distinct, nulls and empty
 * strings, the smallest and largest (by the column's type) and the most frequent values.
 */
import type { GridColumn, GridRow } from './types.ts';
import { cellText, compareKeys, sortKey, type SortKey } from './values.ts';

export interface ColumnStats {
  readonly column: string;
  readonly type: string;
  /** rows looked at */
  readonly rows: number;
  /** values that are not null */
  readonly count: number;
  readonly distinct: number;
  readonly nulls: number;
  /** empty strings (and empty dynamic arrays or objects) */
  readonly empties: number;
  /** smallest and largest non-null value, as the column holds them */
  readonly min: unknown;
  readonly max: unknown;
  /** the most frequent values, largest count first (at most `top`) */
  readonly top: readonly { text: string; count: number }[];
}

export function columnStats(rows: readonly GridRow[], columns: readonly GridColumn[], column: number, options: { top?: number; indexes?: readonly number[] } = {}): ColumnStats {
  const col = columns[column];
  if (!col) throw new RangeError(`stats: no column ${column} (the result has ${columns.length})`);
  const counts = new Map<string, number>();
  let nulls = 0;
  let empties = 0;
  let seen = 0;
  let min: { v: unknown; k: SortKey } | undefined;
  let max: { v: unknown; k: SortKey } | undefined;
  for (const r of options.indexes ?? rows.map((_, i) => i)) {
    seen++;
    const v = rows[r]![column];
    if (v === null || v === undefined) {
      nulls++;
      continue;
    }
    const text = cellText(v);
    if (text === '' || text === '[]' || text === '{}') empties++;
    counts.set(text, (counts.get(text) ?? 0) + 1);
    const k = sortKey(v, col.type);
    if (k === undefined) continue;
    if (!min || compareKeys(k, min.k) < 0) min = { v, k };
    if (!max || compareKeys(k, max.k) > 0) max = { v, k };
  }
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, options.top ?? 10)
    .map(([text, count]) => ({ text, count }));
  return { column: col.name, type: col.type, rows: seen, count: seen - nulls, distinct: counts.size, nulls, empties, min: min?.v ?? null, max: max?.v ?? null, top };
}
