/**
 * The x/y charts of the render operator: timechart, linechart, areachart, stackedareachart,
 * scatterchart (lines, areas, points over a continuous or categorical x) and columnchart,
 * barchart (vertical and horizontal bars over categories). `kind` picks stacking for areas and
 * bars: default/unstacked stand on their own (bars grouped side by side), stacked stacks,
 * stacked100 stacks to 100%; stackedareachart is stacked.
 */
import type { ResultColumn, RenderInfo } from '../types.ts';
import { inferRoles, type Roles } from './infer.ts';
import { hasColour, toPoints } from './points.ts';
import { colour, onLogScales, isLog, layout, prop, topLevel, valueScale, type Spec } from './spec.ts';

const BARS = new Set(['barchart', 'columnchart']);

export function xyChart(columns: ResultColumn[], rows: unknown[][], render: RenderInfo, notes: string[]): Spec | undefined {
  const viz = prop(render.visualization);
  const roles = inferRoles(columns, rows, render);
  notes.push(...roles.notes);
  if (!roles.x || roles.y.length === 0) {
    notes.push(nothingToChart(viz, roles));
    return undefined;
  }
  const points = onLogScales(toPoints(roles, rows, render.accumulate === true), render);
  const unit = BARS.has(viz) ? barUnit(viz, roles, render) : lineUnit(viz, roles, render);
  const valueChannel = viz === 'barchart' ? 'x' : 'y';
  return topLevel(render, layout(render, unit, points, notes, valueChannel), describe(viz, roles), notes);
}

export function describe(viz: string, roles: Roles): string {
  const names = (cols: { name: string }[]) => cols.map((c) => c.name).join(', ') || '(none)';
  return `KQL render ${viz}: x=${roles.x?.name ?? '(none)'}, y=${names(roles.y)}, series=${names(roles.series)}.`;
}

export function nothingToChart(viz: string, roles: Roles): string {
  if (!roles.x) return `render ${viz}: the result has no columns to chart.`;
  return `render ${viz}: no numeric column to chart against ${roles.x.name} (set ycolumns, or project numeric columns).`;
}

/** The stack of areas and bars from the visualization and its `kind`. */
export function stackOf(viz: string, render: RenderInfo): 'zero' | 'normalize' | null {
  const kind = prop(render.kind, 'default');
  if (kind === 'stacked100') return 'normalize';
  if (kind === 'stacked' || viz === 'stackedareachart') return 'zero';
  return null;
}

/** The x channel of a continuous chart: UTC time, numbers (log with xaxis=log) or categories in query order. */
export function xChannel(roles: Roles, render: RenderInfo): Spec {
  const x = roles.x!;
  const channel: Spec = { field: 'x', type: x.measure, title: render.xTitle ?? x.name };
  if (x.measure === 'temporal') channel.scale = { type: 'utc' };
  else if (x.measure === 'quantitative') channel.scale = isLog(render.xAxis) ? { type: 'log' } : { zero: false };
  else channel.sort = null;
  return channel;
}

/** The y channel: values, titled by ytitle or the only y column. */
export function yChannel(roles: Roles, render: RenderInfo): Spec {
  const channel: Spec = { field: 'y', type: 'quantitative', title: render.yTitle ?? (roles.y.length === 1 ? roles.y[0]!.name : null) };
  const scale = valueScale(render);
  if (scale) channel.scale = scale;
  return channel;
}

function tooltip(roles: Roles, render: RenderInfo, x: Spec, y: Spec): Spec[] {
  const tips: Spec[] = [{ ...x, scale: undefined, sort: undefined, axis: undefined }, { field: 'y', type: 'quantitative', title: y.title ?? 'value' }];
  if (hasColour(roles)) tips.push({ field: 'key', type: 'nominal', title: 'series' });
  return tips.map((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)));
}

function lineUnit(viz: string, roles: Roles, render: RenderInfo): Spec {
  const x = xChannel(roles, render);
  const y = yChannel(roles, render);
  const encoding: Spec = { x, y };
  let mark: Spec;
  if (viz === 'scatterchart') mark = { type: 'point', filled: true };
  else if (viz === 'areachart' || viz === 'stackedareachart') {
    const stack = stackOf(viz, render);
    y.stack = stack;
    mark = stack === null ? { type: 'area', opacity: 0.5, line: true } : { type: 'area', line: true };
    if (stack === 'normalize') y.axis = { format: '%' };
  } else mark = { type: 'line', interpolate: 'linear' };
  if (hasColour(roles)) encoding.color = colour(render, undefined);
  encoding.tooltip = tooltip(roles, render, x, y);
  return { mark, encoding };
}

function barUnit(viz: string, roles: Roles, render: RenderInfo): Spec {
  const x = roles.x!;
  const category: Spec = { field: 'x', type: x.measure === 'nominal' ? 'nominal' : 'ordinal', title: render.xTitle ?? x.name, sort: null };
  if (x.measure === 'temporal') category.timeUnit = 'utcyearmonthdatehoursminutesseconds';
  const value = yChannel(roles, render);
  const stack = stackOf(viz, render);
  value.stack = stack;
  if (stack === 'normalize') value.axis = { format: '%' };
  const horizontal = viz === 'barchart';
  const encoding: Spec = horizontal ? { y: category, x: value } : { x: category, y: value };
  if (hasColour(roles)) {
    encoding.color = colour(render, undefined);
    if (stack === null) encoding[horizontal ? 'yOffset' : 'xOffset'] = { field: 'key', sort: null };
  }
  encoding.tooltip = tooltip(roles, render, category, value);
  return { mark: { type: 'bar' }, encoding };
}
