/**
 * KQL `render` -> Vega-Lite v5. A result (columns, rows) and the Log Analytics `render` object
 * become a Vega-Lite spec with the data inline (objects; datetimes as ISO strings with a
 * temporal type), following the render operator's documented defaults and properties.
 *
 * - table, no visualization: no spec (the grid shows the result).
 * - timechart, linechart, areachart, stackedareachart, scatterchart, barchart, columnchart:
 *   xy.ts; anomalychart: anomaly.ts; piechart: pie.ts; card: card.ts; kind=map: map.ts.
 * - visualizations Huntbook does not draw (ladderchart, pivotchart, timepivot, treemap, ...)
 *   and results with nothing to chart: no spec and a note saying why, so the caller shows the
 *   table with the note (renderChart); renderToVegaLite returns just the spec.
 * - at most `maxRows` result rows (default 10,000) are charted; the spec's subtitle and
 *   description say so when the result had more.
 * - not applied: xmin/xmax; ysplit=axes on anomalychart (one axis, with a note). On log scales
 *   y <= 0 is drawn as missing and x <= 0 is left out.
 */
import type { ResultColumn, RenderInfo } from '../types.ts';
import { anomalyChart } from './anomaly.ts';
import { cardChart } from './card.ts';
import { mapChart } from './map.ts';
import { pieChart } from './pie.ts';
import { prop, type Spec } from './spec.ts';
import { xyChart } from './xy.ts';

export interface RenderOptions {
  /** result rows embedded in a chart at most (default 10,000) */
  maxRows?: number;
}

export interface Chart {
  /** the Vega-Lite v5 spec, undefined when nothing is drawn */
  spec?: Record<string, unknown>;
  /** what a reader should know: rows left out, unknown columns, why nothing is drawn */
  notes: string[];
}

export const DEFAULT_MAX_ROWS = 10_000;

type Builder = (columns: ResultColumn[], rows: unknown[][], render: RenderInfo, notes: string[]) => Spec | undefined;

const BUILDERS: Record<string, Builder> = {
  timechart: xyChart,
  linechart: xyChart,
  areachart: xyChart,
  stackedareachart: xyChart,
  scatterchart: xyChart,
  barchart: xyChart,
  columnchart: xyChart,
  anomalychart: anomalyChart,
  piechart: pieChart,
  card: cardChart,
};

/** The chart of a result and its render, with notes. */
export function renderChart(columns: ResultColumn[], rows: unknown[][], render: RenderInfo, options: RenderOptions = {}): Chart {
  const viz = prop(render.visualization);
  if (viz === '' || viz === 'table') return { notes: [] };
  const isMap = prop(render.kind) === 'map' && (viz === 'scatterchart' || viz === 'piechart');
  const build = isMap ? mapChart : BUILDERS[viz];
  if (!build) return { notes: [`render ${viz} is not drawn by Huntbook: the result is shown as a table.`] };
  const notes: string[] = [];
  const max = Math.max(1, Math.floor(options.maxRows ?? DEFAULT_MAX_ROWS));
  const shown = rows.length > max ? rows.slice(0, max) : rows;
  if (shown !== rows) notes.push(`The chart shows the first ${max.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} rows.`);
  const spec = build(columns, shown, render, notes);
  return spec ? { spec, notes } : { notes };
}

/** The Vega-Lite v5 spec of a result and its render, or undefined for table and for what is not drawn. */
export function renderToVegaLite(columns: ResultColumn[], rows: unknown[][], render: RenderInfo, options?: RenderOptions): Record<string, unknown> | undefined {
  return renderChart(columns, rows, render, options).spec;
}
