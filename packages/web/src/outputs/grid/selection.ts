/**
 * Cell selection in the grid, as data: a set of "row:column" keys (data row indexes, so sorting
 * or filtering keeps what was picked) and the anchor of the last plain click. A plain click picks
 * one cell, Ctrl/Cmd+click adds or removes one, Shift+click picks the rectangle from the anchor
 * in the rows' current display order. `selectedBlock` gives the picked cells as rows of values
 * in display order (for copying) and `selectedCells` as column/value pairs (for filters).
 */
import type { CellSelection } from './kql-filter.ts';
import type { GridData } from './types.ts';

export interface Selection {
  readonly keys: ReadonlySet<string>;
  readonly anchor?: { readonly row: number; readonly col: number };
}

export const EMPTY_SELECTION: Selection = { keys: new Set() };

const key = (row: number, col: number) => `${row}:${col}`;

export function clickCell(sel: Selection, row: number, col: number, mods: { shift?: boolean; toggle?: boolean }, order: readonly number[]): Selection {
  if (mods.shift && sel.anchor) {
    const pos = new Map<number, number>();
    order.forEach((r, i) => pos.set(r, i));
    const a = pos.get(sel.anchor.row);
    const b = pos.get(row);
    if (a !== undefined && b !== undefined) {
      const keys = new Set<string>();
      const [r0, r1] = a <= b ? [a, b] : [b, a];
      const [c0, c1] = sel.anchor.col <= col ? [sel.anchor.col, col] : [col, sel.anchor.col];
      for (let i = r0; i <= r1; i++) for (let c = c0; c <= c1; c++) keys.add(key(order[i]!, c));
      return { keys, anchor: sel.anchor };
    }
  }
  if (mods.toggle) {
    const keys = new Set(sel.keys);
    const k = key(row, col);
    if (keys.has(k)) keys.delete(k); else keys.add(k);
    return { keys, anchor: { row, col } };
  }
  return { keys: new Set([key(row, col)]), anchor: { row, col } };
}

function parsed(sel: Selection): { row: number; col: number }[] {
  return [...sel.keys].map((k) => {
    const [r, c] = k.split(':');
    return { row: Number(r), col: Number(c) };
  });
}

/** The picked cells as rows of values, rows and columns in display order (only columns with a pick). */
export function selectedBlock(sel: Selection, data: GridData, order: readonly number[]): unknown[][] {
  const cells = parsed(sel);
  const cols = [...new Set(cells.map((c) => c.col))].sort((a, b) => a - b);
  const rows = new Set(cells.map((c) => c.row));
  const out: unknown[][] = [];
  for (const r of order) {
    if (!rows.has(r)) continue;
    out.push(cols.map((c) => (sel.keys.has(key(r, c)) ? data.rows[r]![c] : null)));
  }
  return out;
}

/** The picked cells as (column, value) pairs for the where-clause builder. */
export function selectedCells(sel: Selection, data: GridData): CellSelection[] {
  return parsed(sel)
    .sort((a, b) => a.col - b.col || a.row - b.row)
    .map(({ row, col }) => ({ column: data.columns[col]!, value: data.rows[row]![col] }));
}
