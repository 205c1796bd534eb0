/**
 * piechart: slices coloured by a category column (`xcolumn`, else `series`, else the first
 * string column, else the first column) sized by a numeric column (`ycolumns`' first, else the
 * first numeric column). Rows of the same category add up; non-positive sizes are left out.
 */
import type { ResultColumn, RenderInfo } from '../types.ts';
import { describeColumns, pick, type ColumnRef } from './infer.ts';
import { colour, HEIGHT, topLevel, type Spec } from './spec.ts';
import { toLabel, toNumber } from './values.ts';

export function pieChart(columns: ResultColumn[], rows: unknown[][], render: RenderInfo, notes: string[]): Spec | undefined {
  const cols = describeColumns(columns, rows).filter((c) => !c.array);
  const category = pick(cols, 'xcolumn', render.xColumn, notes)?.[0]
    ?? pick(cols, 'series', render.series, notes)?.[0]
    ?? cols.find((c) => c.type === 'string' || c.type === 'guid')
    ?? cols.find((c) => c.measure !== 'quantitative')
    ?? cols[0];
  const value = pick(cols, 'ycolumns', render.yColumns, notes)?.[0]
    ?? cols.find((c) => c.measure === 'quantitative' && c.index !== category?.index);
  if (!category || !value) {
    notes.push('render piechart: no numeric column for the slices (set ycolumns, or project a count).');
    return undefined;
  }
  const slices = sumBy(rows, category, value);
  const encoding: Spec = {
    theta: { field: 'y', type: 'quantitative', stack: true, title: value.name },
    color: colour(render, render.xTitle ?? category.name),
    order: { field: 'order', type: 'quantitative' },
    tooltip: [
      { field: 'key', type: 'nominal', title: category.name },
      { field: 'y', type: 'quantitative', title: value.name },
      { field: 'share', type: 'quantitative', title: 'share', format: '.1%' },
    ],
  };
  const body = { data: { values: slices }, width: HEIGHT, height: HEIGHT, mark: { type: 'arc', tooltip: true }, encoding };
  return topLevel(render, body, `KQL render piechart: colour=${category.name}, size=${value.name}.`, notes);
}

function sumBy(rows: unknown[][], category: ColumnRef, value: ColumnRef) {
  const sums = new Map<string, number>();
  for (const row of rows) {
    const v = toNumber(row[value.index]);
    if (v === null || v <= 0) continue;
    const key = toLabel(row[category.index]);
    sums.set(key, (sums.get(key) ?? 0) + v);
  }
  const total = [...sums.values()].reduce((a, b) => a + b, 0);
  return [...sums].map(([key, y], order) => ({ key, y, order, share: total > 0 ? y / total : 0 }));
}
