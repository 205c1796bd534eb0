/**
 * What the grid shows: the rows filtered, then sorted, then (when grouped by a column) under one
 * header per group, members listed only for expanded groups. Pure: the grid component keeps the
 * state, this turns it into the list of lines the virtualiser draws.
 */
import { filterIndexes, type FilterSpec } from './filter.ts';
import { groupRows, type RowGroup } from './group.ts';
import { sortIndexes, type SortSpec } from './sort.ts';
import type { GridData } from './types.ts';

export interface ViewState {
  readonly filter: FilterSpec;
  readonly sort?: SortSpec;
  /** the column grouped by */
  readonly groupBy?: number;
  /** the groups (by their key, see groupKey) that are open */
  readonly expanded?: ReadonlySet<string>;
}

export type ViewLine =
  | { readonly kind: 'group'; readonly key: string; readonly group: RowGroup; readonly open: boolean }
  | { readonly kind: 'row'; readonly row: number };

export interface GridView {
  readonly lines: readonly ViewLine[];
  /** rows passing the filters, in display order */
  readonly rows: readonly number[];
  readonly groups?: readonly RowGroup[];
}

/** A stable key for a group (null apart from every text). */
export function groupKey(g: RowGroup): string {
  return g.isNull ? '\u0000null' : `v${g.text}`;
}

export function buildView(data: GridData, state: ViewState): GridView {
  let rows = filterIndexes(data.rows, data.columns, state.filter);
  if (state.sort) rows = sortIndexes(data.rows, data.columns, state.sort, rows);
  if (state.groupBy === undefined) return { lines: rows.map((row) => ({ kind: 'row', row })), rows };
  const groups = groupRows(data.rows, data.columns, state.groupBy, rows);
  const lines: ViewLine[] = [];
  for (const group of groups) {
    const key = groupKey(group);
    const open = state.expanded?.has(key) ?? false;
    lines.push({ kind: 'group', key, group, open });
    if (open) for (const row of group.rows) lines.push({ kind: 'row', row });
  }
  return { lines, rows, groups };
}
