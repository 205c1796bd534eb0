/**
 * The Logs tab's chart: a Vega-Lite v5 spec (data inlined, nothing loaded) for a result whose query
 * ended in `render`, built from the result's columns as Kusto picks them when the render names
 * none: timechart, linechart, areachart and scatterchart put the x column (the first datetime for
 * a timechart, else the first column) against every numeric column, split by `series` (or the
 * first string column); columnchart and barchart (horizontal) put the first non-numeric column
 * against the numeric ones, stacked unless `kind=unstacked`; piechart sizes the slices of the first
 * string column by the first numeric one. Other kinds (card, table, ...) get no chart here.
 */
import type { GridColumn, GridData } from '../outputs/grid/types.ts';
import { NUMERIC_TYPES } from '../outputs/grid/types.ts';
import type { LaRender } from './response.ts';

export const CHART_KINDS = ['timechart', 'linechart', 'areachart', 'scatterchart', 'columnchart', 'barchart', 'piechart'] as const;

/** Rows drawn at most (the grid shows them all). */
export const MAX_CHART_ROWS = 20_000;

export interface ChartSpec {
  readonly spec: Record<string, unknown>;
  readonly notes: readonly string[];
}

/** A field name as Vega-Lite reads it ('.', '[' and ']' would otherwise be paths). */
export function fieldRef(name: string): string {
  return name.replace(/[\\.[\]]/g, (c) => `\\${c}`);
}

const isNumeric = (c: GridColumn) => NUMERIC_TYPES.has(c.type);
const names = (list: string | null | undefined) => (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);

function numberValue(v: unknown): unknown {
  if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return null;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return v;
}

export function buildChart(result: GridData, render: LaRender | undefined): ChartSpec | undefined {
  const kind = render?.visualization?.toLowerCase();
  if (!kind || !(CHART_KINDS as readonly string[]).includes(kind)) return undefined;
  const notes: string[] = [];
  const cols = result.columns;
  const byName = (n: string) => cols.find((c) => c.name === n);
  const missing = [render!.xColumn, ...names(render!.yColumns), render!.series].filter((n): n is string => !!n && !byName(n));
  if (missing.length) notes.push(`the render names column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} the result does not have`);

  const rows = result.rows.length > MAX_CHART_ROWS ? result.rows.slice(0, MAX_CHART_ROWS) : result.rows;
  if (rows.length < result.rows.length) notes.push(`the chart draws the first ${MAX_CHART_ROWS.toLocaleString('en-US')} of ${result.rows.length.toLocaleString('en-US')} rows`);
  const values = rows.map((r) => Object.fromEntries(cols.map((c, i) => [c.name, isNumeric(c) ? numberValue(r[i]) : r[i] ?? null])));
  const title = render!.title ?? undefined;
  const base: Record<string, unknown> = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', data: { values }, width: 'container', height: 260, ...(title ? { title } : {}) };

  if (kind === 'piechart') {
    const theta = byName(names(render!.yColumns)[0] ?? '') ?? cols.find(isNumeric);
    const color = byName(render!.xColumn ?? '') ?? cols.find((c) => !isNumeric(c));
    if (!theta || !color) return { spec: {}, notes: [...notes, 'a piechart needs a text column and a numeric column'] };
    return { notes, spec: { ...base, mark: { type: 'arc', tooltip: true }, encoding: { theta: { field: fieldRef(theta.name), type: 'quantitative', stack: true }, color: { field: fieldRef(color.name), type: 'nominal' } } } };
  }

  const bars = kind === 'columnchart' || kind === 'barchart';
  const x = byName(render!.xColumn ?? '')
    ?? (kind === 'timechart' ? cols.find((c) => c.type === 'datetime') : bars ? cols.find((c) => !isNumeric(c)) ?? cols[0] : cols[0]);
  if (!x) return { spec: {}, notes: [...notes, `a ${kind} needs columns`] };
  const ys = names(render!.yColumns).map(byName).filter((c): c is GridColumn => !!c);
  const y = ys.length ? ys : cols.filter((c) => c !== x && isNumeric(c));
  if (y.length === 0) return { spec: {}, notes: [...notes, `a ${kind} needs a numeric column besides '${x.name}'`] };
  const series = byName(render!.series ?? '') ?? (y.length === 1 ? cols.find((c) => c !== x && !isNumeric(c) && c.type !== 'datetime' && c.type !== 'dynamic') : undefined);

  const xType = x.type === 'datetime' ? 'temporal' : isNumeric(x) && !bars ? 'quantitative' : 'nominal';
  const folded = y.length > 1;
  const yField = folded ? 'value' : fieldRef(y[0]!.name);
  const colorField = folded ? 'series' : series ? fieldRef(series.name) : undefined;
  const mark = kind === 'areachart' ? 'area' : kind === 'scatterchart' ? 'point' : bars ? 'bar' : 'line';
  const xEnc = { field: fieldRef(x.name), type: xType, title: render!.xTitle ?? x.name, ...(xType === 'nominal' ? { sort: null } : {}) };
  const yEnc: Record<string, unknown> = { field: yField, type: 'quantitative', title: render!.yTitle ?? (folded ? undefined : y[0]!.name) };
  if (bars && render!.kind === 'unstacked') yEnc.stack = null;
  if (bars && render!.kind === 'stacked100') yEnc.stack = 'normalize';
  const encoding: Record<string, unknown> = kind === 'barchart' ? { y: xEnc, x: yEnc } : { x: xEnc, y: yEnc };
  if (colorField) encoding.color = { field: colorField, type: 'nominal', title: folded ? null : series!.name };
  if (bars && render!.kind === 'unstacked' && colorField) encoding[kind === 'barchart' ? 'yOffset' : 'xOffset'] = { field: colorField };
  return {
    notes,
    spec: {
      ...base,
      ...(folded ? { transform: [{ fold: y.map((c) => fieldRef(c.name)), as: ['series', 'value'] }] } : {}),
      mark: { type: mark, tooltip: true, ...(mark === 'line' ? { point: rows.length <= 60 } : {}) },
      encoding,
    },
  };
}
