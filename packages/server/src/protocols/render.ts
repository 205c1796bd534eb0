/**
 * The `render` operator's hint as Kusto reports it: the "Visualization" properties object of a
 * v2 QueryProperties table (PascalCase keys, every key present, nulls where unset), and the
 * Log Analytics `render` object (the same properties with camelCase keys).
 */
import type { RenderHint } from '@huntbook/kql';

/** Kusto's visualization properties, in Kusto's order. */
export interface Visualization {
  Visualization: string | null;
  Title: string | null;
  XColumn: string | null;
  Series: string | null;
  YColumns: string | null;
  AnomalyColumns: string | null;
  XTitle: string | null;
  YTitle: string | null;
  XAxis: string | null;
  YAxis: string | null;
  Legend: string | null;
  YSplit: string | null;
  Accumulate: boolean;
  IsQuerySorted: boolean;
  Kind: string | null;
  Ymin: number | 'NaN';
  Ymax: number | 'NaN';
  Xmin: unknown;
  Xmax: unknown;
}

/** `with (...)` property names (any case) -> Kusto's key */
const KEYS: Record<string, keyof Visualization> = {
  title: 'Title', xcolumn: 'XColumn', series: 'Series', ycolumns: 'YColumns', anomalycolumns: 'AnomalyColumns',
  xtitle: 'XTitle', ytitle: 'YTitle', xaxis: 'XAxis', yaxis: 'YAxis', legend: 'Legend', ysplit: 'YSplit',
  accumulate: 'Accumulate', kind: 'Kind', ymin: 'Ymin', ymax: 'Ymax', xmin: 'Xmin', xmax: 'Xmax',
};

export function visualization(render: RenderHint | undefined): Visualization {
  const v: Visualization = {
    Visualization: render ? render.kind : null, Title: null, XColumn: null, Series: null, YColumns: null, AnomalyColumns: null,
    XTitle: null, YTitle: null, XAxis: null, YAxis: null, Legend: null, YSplit: null, Accumulate: false, IsQuerySorted: false,
    Kind: null, Ymin: 'NaN', Ymax: 'NaN', Xmin: null, Xmax: null,
  };
  if (!render) return v;
  const out = v as unknown as Record<string, unknown>;
  for (const [name, raw] of Object.entries(render.properties)) {
    const key = KEYS[name.toLowerCase()];
    if (!key) continue;
    if (key === 'Accumulate') out[key] = raw === true || String(raw).toLowerCase() === 'true';
    else if (key === 'Ymin' || key === 'Ymax') {
      const n = Number(raw);
      out[key] = raw === null || raw === '' || !Number.isFinite(n) ? 'NaN' : n;
    } else if (key === 'Xmin' || key === 'Xmax') out[key] = raw ?? null;
    else out[key] = Array.isArray(raw) ? raw.map(String).join(',') : raw == null ? null : String(raw);
  }
  return v;
}

/** The Log Analytics `render` object: Kusto's properties with camelCase keys ("visualization", "yColumns", "yMin" ...). */
export function laRender(render: RenderHint | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(visualization(render))) {
    const key = k === 'Ymin' ? 'yMin' : k === 'Ymax' ? 'yMax' : k === 'Xmin' ? 'xMin' : k === 'Xmax' ? 'xMax' : k[0]!.toLowerCase() + k.slice(1);
    out[key] = value;
  }
  return out;
}
