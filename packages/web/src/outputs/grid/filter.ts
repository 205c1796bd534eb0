/**
 * Filtering the grid's rows: a global text box (every word must appear in some cell of the row,
 * case-insensitively) and one box per column. A column box matches text case-insensitively; for
 * numbers, datetimes and timespans it also takes a comparison: `> 5`, `<= 2024-03-01`, `= 0`,
 * `!= 1.5`, `>= 00:05:00`; `null` and `!null` (or `empty`, `!empty`) match missing values.
 */
import { NUMERIC_TYPES, type GridColumn, type GridRow } from './types.ts';
import { cellText, compareKeys, sortKey } from './values.ts';

export interface FilterSpec {
  /** the global box */
  readonly text?: string;
  /** column index -> that column's box */
  readonly columns?: Readonly<Record<number, string>>;
}

type Predicate = (v: unknown) => boolean;

const COMPARISON = /^(>=|<=|!=|==|=|>|<)\s*(.+)$/;

/** One column box as a predicate over that column's values. */
export function columnPredicate(box: string, column: GridColumn): Predicate | undefined {
  const text = box.trim();
  if (text === '') return undefined;
  const lower = text.toLowerCase();
  if (lower === 'null' || lower === 'empty') return (v) => v === null || v === undefined || v === '';
  if (lower === '!null' || lower === '!empty') return (v) => !(v === null || v === undefined || v === '');
  const typed = NUMERIC_TYPES.has(column.type) || column.type === 'datetime' || column.type === 'timespan';
  const m = COMPARISON.exec(text);
  if (m && typed) {
    const op = m[1]!;
    const target = sortKey(m[2]!.trim(), column.type);
    if (target !== undefined && (typeof target === 'number' || column.type !== 'datetime' || /^\d{4}-/.test(target))) {
      return (v) => {
        const k = sortKey(v, column.type);
        if (k === undefined) return op === '!=';
        const c = compareKeys(k, target);
        switch (op) {
          case '>': return c > 0;
          case '>=': return c >= 0;
          case '<': return c < 0;
          case '<=': return c <= 0;
          case '!=': return c !== 0;
          default: return c === 0;
        }
      };
    }
  }
  return (v) => cellText(v).toLowerCase().includes(lower);
}

/** The indexes of the rows (of `indexes`, or all) that pass every box. */
export function filterIndexes(rows: readonly GridRow[], columns: readonly GridColumn[], spec: FilterSpec, indexes?: readonly number[]): number[] {
  const words = (spec.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const preds: [number, Predicate][] = [];
  for (const [key, box] of Object.entries(spec.columns ?? {})) {
    const i = Number(key);
    const column = columns[i];
    if (!column) throw new RangeError(`filter: no column ${key} (the result has ${columns.length})`);
    const p = columnPredicate(box, column);
    if (p) preds.push([i, p]);
  }
  const all = indexes ?? rows.map((_, i) => i);
  if (words.length === 0 && preds.length === 0) return [...all];
  return all.filter((r) => {
    const row = rows[r]!;
    for (const [i, p] of preds) if (!p(row[i])) return false;
    if (words.length === 0) return true;
    const texts = row.map((v) => cellText(v).toLowerCase());
    return words.every((w) => texts.some((t) => t.includes(w)));
  });
}
