/**
 * A result in long form, one point per (row, y column) — or per array element for make-series
 * results — with fixed field names so that no column name ever needs escaping in a spec:
 * `x`, `y`, `measure` (the y column's name), `series` (the series columns' values joined) and
 * `key` (what colours the point: the series, the measure, or both). `accumulate` turns each
 * key's values into a running sum in the result's order.
 */
import type { Measure, Roles } from './infer.ts';
import { parseDynamic, toIsoDatetime, toLabel, toNumber } from './values.ts';

export interface Point {
  x: string | number | null;
  y: number | null;
  measure: string;
  series: string;
  key: string;
  /** anomalychart: the flag of this point's anomaly column (non-zero = anomaly) */
  anomaly?: number | null;
}

/** An x value for its measurement type: ISO datetimes, numbers or labels. */
export function xValue(v: unknown, measure: Measure): string | number | null {
  if (measure === 'temporal') return toIsoDatetime(v);
  if (measure === 'quantitative') return toNumber(v);
  return toLabel(v);
}

/** The colour key of a point: the series alone, the y column alone, or both. */
export function colourKey(roles: Roles, series: string, measure: string): string {
  if (roles.series.length === 0) return measure;
  return roles.y.length > 1 ? `${series}: ${measure}` : series;
}

/** Whether points need a colour encoding (more than one line, area or bar group is possible). */
export function hasColour(roles: Roles): boolean {
  return roles.series.length > 0 || roles.y.length > 1;
}

export function toPoints(roles: Roles, rows: unknown[][], accumulate: boolean): Point[] {
  const { x } = roles;
  if (!x) return [];
  const out: Point[] = [];
  for (const row of rows) {
    const series = roles.series.map((c) => toLabel(row[c.index])).join(', ');
    if (x.array) pushArrays(out, roles, row, series);
    else {
      const xv = xValue(row[x.index], x.measure);
      roles.y.forEach((yc, j) => {
        const p: Point = { x: xv, y: toNumber(row[yc.index]), measure: yc.name, series, key: colourKey(roles, series, yc.name) };
        const flag = anomalyColumn(roles, j);
        if (flag) p.anomaly = toNumber(row[flag.index]);
        out.push(p);
      });
    }
  }
  return accumulate ? runningSums(out) : out;
}

function pushArrays(out: Point[], roles: Roles, row: unknown[], series: string): void {
  const x = roles.x!;
  const xs = parseDynamic(row[x.index]);
  if (!Array.isArray(xs)) return;
  roles.y.forEach((yc, j) => {
    const ys = parseDynamic(row[yc.index]);
    const flagColumn = anomalyColumn(roles, j);
    const flags = flagColumn ? parseDynamic(row[flagColumn.index]) : undefined;
    const key = colourKey(roles, series, yc.name);
    xs.forEach((xe, i) => {
      const p: Point = { x: xValue(xe, x.measure), y: Array.isArray(ys) ? toNumber(ys[i]) : null, measure: yc.name, series, key };
      if (flagColumn) p.anomaly = Array.isArray(flags) ? toNumber(flags[i]) : null;
      out.push(p);
    });
  });
}

/** Anomaly columns pair with y columns by position: the first flags the first y column's points, and so on. */
function anomalyColumn(roles: Roles, yPosition: number) {
  return roles.anomalies[yPosition];
}

function runningSums(points: Point[]): Point[] {
  const sums = new Map<string, number>();
  return points.map((p) => {
    if (p.y === null) return p;
    const total = (sums.get(p.key) ?? 0) + p.y;
    sums.set(p.key, total);
    return { ...p, y: total };
  });
}
