/**
 * Sorting the grid's rows by one column, by the column's Kusto type (values.ts). As in Kusto,
 * ascending order puts nulls first and descending order puts them last. Stable: equal keys keep
 * their order. Returns row indexes, so the rows themselves are never copied.
 */
import { compareKeys, sortKey, type SortKey } from './values.ts';
import type { GridColumn, GridRow } from './types.ts';

export type SortDirection = 'asc' | 'desc';

export interface SortSpec {
  readonly column: number;
  readonly direction: SortDirection;
}

/** The indexes of `rows` (or of the subset `indexes`) in the order of `spec`. */
export function sortIndexes(rows: readonly GridRow[], columns: readonly GridColumn[], spec: SortSpec, indexes?: readonly number[]): number[] {
  const type = columns[spec.column]?.type;
  if (type === undefined) throw new RangeError(`sort: no column ${spec.column} (the result has ${columns.length})`);
  const order = indexes ? [...indexes] : rows.map((_, i) => i);
  const keys: (SortKey | undefined)[] = new Array(rows.length);
  for (const i of order) keys[i] = sortKey(rows[i]![spec.column], type);
  const sign = spec.direction === 'asc' ? 1 : -1;
  order.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    let c: number;
    if (ka === undefined || kb === undefined) c = ka === kb ? 0 : ka === undefined ? -1 : 1;
    else c = compareKeys(ka, kb);
    return c !== 0 ? c * sign : a - b;
  });
  return order;
}
