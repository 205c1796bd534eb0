/**
 * The parts every chart shares: the top level ($schema, title with its notes as subtitle,
 * description), axis titles, the value scale (`ymin`/`ymax`, `yaxis=log`), the legend
 * (`legend=hidden`) and the `ysplit` layouts (panels: one facet row per y column or series,
 * at most five as in Kusto; axes: one layer and one value axis per y column or series).
 */
import type { RenderInfo } from '../types.ts';
import type { Point } from './points.ts';

export type Spec = Record<string, unknown>;

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
/** Kusto renders at most five panels for ysplit=panels */
export const MAX_PANELS = 5;
export const WIDTH = 640;
export const HEIGHT = 280;

/** The finished spec: schema, title (with notes as subtitle) and description around the body. */
export function topLevel(render: RenderInfo, body: Spec, description: string, notes: string[]): Spec {
  const spec: Spec = { $schema: SCHEMA, description: [description, ...notes].join(' ') };
  const text = render.title ?? '';
  if (notes.length > 0) spec.title = { text, subtitle: notes, anchor: 'start' };
  else if (text !== '') spec.title = { text, anchor: 'start' };
  return { ...spec, ...body };
}

/** A finite number from ymin/ymax ('NaN' when unset). */
export function finite(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function isLog(axis: string | null | undefined): boolean {
  return (axis ?? '').toLowerCase() === 'log';
}

/** The scale of the value axis: ymin/ymax as domain (clamped), yaxis=log as a log scale. */
export function valueScale(render: RenderInfo): Spec | undefined {
  const scale: Spec = {};
  const min = finite(render.yMin);
  const max = finite(render.yMax);
  if (min !== undefined && max !== undefined) scale.domain = [min, max];
  else if (min !== undefined) scale.domainMin = min;
  else if (max !== undefined) scale.domainMax = max;
  if (min !== undefined || max !== undefined) {
    scale.clamp = true;
    scale.zero = false;
  }
  if (isLog(render.yAxis)) {
    scale.type = 'log';
    delete scale.zero;
  }
  return Object.keys(scale).length > 0 ? scale : undefined;
}

/** Points a log scale can place: y <= 0 becomes missing (yaxis=log), x <= 0 is left out (xaxis=log). */
export function onLogScales(points: Point[], render: RenderInfo): Point[] {
  let out = points;
  if (isLog(render.xAxis)) out = out.filter((p) => typeof p.x !== 'number' || p.x > 0);
  if (isLog(render.yAxis)) out = out.map((p) => (p.y !== null && p.y <= 0 ? { ...p, y: null } : p));
  return out;
}

/** The colour channel for `key`, with legend=hidden honoured. */
export function colour(render: RenderInfo, title: string | undefined): Spec {
  const channel: Spec = { field: 'key', type: 'nominal', title: title ?? null, sort: null };
  if ((render.legend ?? '').toLowerCase() === 'hidden') channel.legend = null;
  return channel;
}

/** The value of a property with a default, as a lower-case string. */
export function prop(value: string | null | undefined, fallback = ''): string {
  return (value ?? fallback).toLowerCase();
}

/** What ysplit splits on: the y columns when there are several, else the series. */
export function splitField(points: Point[]): 'measure' | 'series' | undefined {
  const measures = new Set(points.map((p) => p.measure));
  if (measures.size > 1) return 'measure';
  const series = new Set(points.map((p) => p.series));
  return series.size > 1 ? 'series' : undefined;
}

/** Distinct values of a field in order of appearance. */
export function distinct(points: Point[], field: 'measure' | 'series'): string[] {
  return [...new Set(points.map((p) => p[field]))];
}

/**
 * The `ysplit` layout of a chart (`unit` is a mark with its encoding, or a layer; no data):
 * panels -> a facet of rows with independent y scales; axes -> one layer per value with its own
 * value axis (single-mark units only); none -> the unit itself. `valueChannel` is the channel of
 * the values ('x' for horizontal bars). Returns the body to merge at the top level, data included.
 */
export function layout(render: RenderInfo, unit: Spec, points: Point[], notes: string[], valueChannel: 'x' | 'y' = 'y'): Spec {
  const split = prop(render.ySplit, 'none');
  const field = split === 'panels' || split === 'axes' ? splitField(points) : undefined;
  const single = { data: { values: points }, width: WIDTH, height: HEIGHT, ...unit };
  if (!field) return single;
  const values = distinct(points, field);
  if (split === 'panels') {
    let shown = points;
    if (values.length > MAX_PANELS) {
      const keep = new Set(values.slice(0, MAX_PANELS));
      shown = points.filter((p) => keep.has(p[field]));
      notes.push(`ysplit=panels: the first ${MAX_PANELS} of ${values.length} panels are shown.`);
    }
    return {
      data: { values: shown },
      facet: { row: { field, type: 'nominal', title: null, sort: null } },
      spec: { width: WIDTH, height: Math.round(HEIGHT / 2), ...unit },
      resolve: { scale: { [valueChannel]: 'independent' } },
    };
  }
  const encoding = unit.encoding as Spec | undefined;
  if (!encoding) {
    notes.push('ysplit=axes is not drawn for this chart: one value axis is shown.');
    return single;
  }
  const channel = encoding[valueChannel] as Spec;
  const sides = valueChannel === 'y' ? ['left', 'right'] : ['bottom', 'top'];
  const layer = values.map((value, i) => ({
    ...unit,
    transform: [...((unit.transform as Spec[] | undefined) ?? []), { filter: { field, equal: value } }],
    encoding: {
      ...encoding,
      [valueChannel]: { ...channel, title: value, axis: { ...(channel.axis as Spec | undefined), orient: sides[i % 2], offset: Math.floor(i / 2) * 60 } },
    },
  }));
  return { data: { values: points }, width: WIDTH, height: HEIGHT, layer, resolve: { scale: { [valueChannel]: 'independent' } } };
}
