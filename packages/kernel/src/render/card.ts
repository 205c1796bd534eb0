/**
 * card: the first record's value as big text — the first of `ycolumns`, else the first
 * column — labelled with its column name; the render's title, when set, is the card's title.
 */
import type { ResultColumn, RenderInfo } from '../types.ts';
import { describeColumns, pick } from './infer.ts';
import { topLevel, type Spec } from './spec.ts';
import { toIsoDatetime, toLabel, toNumber } from './values.ts';

export function cardChart(columns: ResultColumn[], rows: unknown[][], render: RenderInfo, notes: string[]): Spec | undefined {
  const cols = describeColumns(columns, rows);
  const column = pick(cols, 'ycolumns', render.yColumns, notes)?.[0] ?? cols[0];
  if (!column) {
    notes.push('render card: the result has no columns.');
    return undefined;
  }
  const first = rows[0];
  const numeric = column.measure === 'quantitative' && !column.array;
  let value: string | number;
  if (!first) value = '(no rows)';
  else if (numeric) value = toNumber(first[column.index]) ?? toLabel(first[column.index]);
  else if (column.measure === 'temporal' && !column.array) value = toIsoDatetime(first[column.index]) ?? toLabel(first[column.index]);
  else value = toLabel(first[column.index]);
  const text: Spec = typeof value === 'number' ? { field: 'value', type: 'quantitative', format: ',' } : { field: 'value', type: 'nominal' };
  const body = {
    data: { values: [{ value, label: column.name }] },
    width: 320,
    height: 120,
    layer: [
      { mark: { type: 'text', fontSize: 48, fontWeight: 'bold', dy: -10 }, encoding: { text } },
      { mark: { type: 'text', fontSize: 14, color: '#666666', dy: 30 }, encoding: { text: { field: 'label', type: 'nominal' } } },
    ],
    config: { view: { stroke: null } },
  };
  return topLevel(render, body, `KQL render card: ${column.name} of the first record.`, notes);
}
