/**
 * anomalychart: a timechart of the y columns with the anomalies highlighted as points. The
 * anomaly columns (`anomalycolumns`, else the flag output of series_decompose_anomalies: a
 * column named `anomalies` or `*_ad_flag`) pair with the y columns by position; a point is
 * drawn where the flag is non-zero (+1 above, -1 below the baseline).
 */
import type { ResultColumn, RenderInfo } from '../types.ts';
import { inferRoles } from './infer.ts';
import { hasColour, toPoints } from './points.ts';
import { colour, onLogScales, layout, topLevel, type Spec } from './spec.ts';
import { describe, nothingToChart, xChannel, yChannel } from './xy.ts';

export const ANOMALY_COLOUR = '#d62728';

export function anomalyChart(columns: ResultColumn[], rows: unknown[][], render: RenderInfo, notes: string[]): Spec | undefined {
  const roles = inferRoles(columns, rows, render);
  notes.push(...roles.notes);
  if (!roles.x || roles.y.length === 0) {
    notes.push(nothingToChart('anomalychart', roles));
    return undefined;
  }
  if (roles.anomalies.length === 0) {
    notes.push('anomalychart: no anomaly column (set anomalycolumns, or name the flags of series_decompose_anomalies "anomalies"): drawn as a timechart.');
  }
  const points = onLogScales(toPoints(roles, rows, render.accumulate === true), render);
  const x = xChannel(roles, render);
  const y = yChannel(roles, render);
  const lineEncoding: Spec = { x, y };
  if (hasColour(roles)) lineEncoding.color = colour(render, undefined);
  const tips = [
    { field: 'x', type: x.type, title: x.title },
    { field: 'y', type: 'quantitative', title: y.title ?? 'value' },
    ...(hasColour(roles) ? [{ field: 'key', type: 'nominal', title: 'series' }] : []),
  ];
  lineEncoding.tooltip = tips;
  const layer: Spec[] = [{ mark: { type: 'line' }, encoding: lineEncoding }];
  if (roles.anomalies.length > 0) {
    layer.push({
      transform: [{ filter: 'isValid(datum.anomaly) && datum.anomaly != 0' }],
      mark: { type: 'point', filled: true, size: 80, color: ANOMALY_COLOUR, opacity: 1 },
      encoding: {
        x,
        y,
        shape: { field: 'anomaly', type: 'nominal', scale: { domain: [1, -1], range: ['triangle-up', 'triangle-down'] }, title: 'anomaly' },
        tooltip: [...tips, { field: 'anomaly', type: 'quantitative', title: 'anomaly' }],
      },
    });
  }
  const names = roles.anomalies.map((c) => c.name).join(', ') || '(none)';
  const description = `${describe('anomalychart', roles)} Anomalies: ${names}.`;
  return topLevel(render, layout(render, { layer }, points, notes), description, notes);
}
