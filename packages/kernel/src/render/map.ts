/**
 * `render scatterchart with (kind=map)` (and piechart kind=map): points on a world map.
 * Longitude and latitude come from columns named like them (Longitude, SrcLon, lng, Lat ...),
 * else from a GeoJSON point column, else from the first two numeric columns (Kusto's order:
 * longitude, latitude). The series (`series`, else the first string column) colours the points
 * and a numeric column (`ycolumns`' first, else the first other numeric one) sizes them. The
 * countries are drawn under the points from world-atlas, embedded: the spec names no URL.
 */
import type { ResultColumn, RenderInfo } from '../types.ts';
import { describeColumns, pick, type ColumnRef } from './infer.ts';
import { colour, HEIGHT, topLevel, WIDTH, type Spec } from './spec.ts';
import { parseDynamic, toLabel, toNumber } from './values.ts';
import { worldTopology } from './world.ts';

const LONGITUDE = /(longitude|^lon$|^lng$|^long$|[_\W]lon$|[_\W]lng$)/i;
const LATITUDE = /(latitude|^lat$|[_\W]lat$)/i;
/** camelCase suffixes: SrcLon, DstLng, SrcLat */
const LONGITUDE_SUFFIX = /[a-z](Lon|Lng)$/;
const LATITUDE_SUFFIX = /[a-z]Lat$/;

interface Location { lon: (row: unknown[]) => number | null; lat: (row: unknown[]) => number | null; names: string[] }

export function mapChart(columns: ResultColumn[], rows: unknown[][], render: RenderInfo, notes: string[]): Spec | undefined {
  const cols = describeColumns(columns, rows).filter((c) => !c.array);
  const where = locate(cols, rows);
  if (!where) {
    notes.push('render kind=map: no longitude/latitude columns (name them Longitude and Latitude) nor a GeoJSON point column.');
    return undefined;
  }
  const isLocation = (c: ColumnRef) => where.names.includes(c.name);
  const series = pick(cols, 'series', render.series, notes)
    ?? cols.filter((c) => !isLocation(c) && (c.type === 'string' || c.type === 'guid')).slice(0, 1);
  const size = pick(cols, 'ycolumns', render.yColumns, notes)?.[0]
    ?? cols.find((c) => !isLocation(c) && c.measure === 'quantitative');

  const points: Spec[] = [];
  let dropped = 0;
  for (const row of rows) {
    const lon = where.lon(row);
    const lat = where.lat(row);
    if (lon === null || lat === null || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      dropped++;
      continue;
    }
    const p: Spec = { lon, lat };
    if (series.length > 0) p.key = series.map((c) => toLabel(row[c.index])).join(', ');
    if (size) p.size = toNumber(row[size.index]);
    points.push(p);
  }
  if (dropped > 0) notes.push(`${dropped} row(s) without a valid longitude/latitude are not on the map.`);

  const encoding: Spec = {
    longitude: { field: 'lon', type: 'quantitative' },
    latitude: { field: 'lat', type: 'quantitative' },
  };
  const tooltip: Spec[] = [{ field: 'lon', type: 'quantitative', title: 'longitude' }, { field: 'lat', type: 'quantitative', title: 'latitude' }];
  if (series.length > 0) {
    const title = series.map((c) => c.name).join(', ');
    encoding.color = colour(render, title);
    tooltip.push({ field: 'key', type: 'nominal', title });
  }
  if (size) {
    encoding.size = { field: 'size', type: 'quantitative', title: size.name };
    tooltip.push({ field: 'size', type: 'quantitative', title: size.name });
  }
  encoding.tooltip = tooltip;
  const body = {
    width: WIDTH,
    height: Math.round(HEIGHT * 1.2),
    projection: { type: 'equalEarth' },
    layer: [
      {
        data: { values: worldTopology(), format: { type: 'topojson', feature: 'countries' } },
        mark: { type: 'geoshape', fill: '#e4e4e4', stroke: '#ffffff', strokeWidth: 0.5 },
      },
      { data: { values: points }, mark: { type: 'circle', opacity: 0.8, ...(size ? {} : { size: 40 }) }, encoding },
    ],
  };
  const description = `KQL render ${(render.visualization ?? '').toLowerCase()} kind=map: longitude/latitude=${where.names.join(', ')}, colour=${series.map((c) => c.name).join(', ') || '(none)'}, size=${size?.name ?? '(none)'}.`;
  return topLevel(render, body, description, notes);
}

/** Where a row is: named longitude/latitude columns, a GeoJSON point, or the first two numeric columns. */
function locate(cols: ColumnRef[], rows: unknown[][]): Location | undefined {
  const lonCol = cols.find((c) => LONGITUDE.test(c.name)) ?? cols.find((c) => LONGITUDE_SUFFIX.test(c.name));
  const latCol = cols.find((c) => LATITUDE.test(c.name) && c !== lonCol) ?? cols.find((c) => LATITUDE_SUFFIX.test(c.name));
  if (lonCol && latCol) return byColumns(lonCol, latCol);
  const point = cols.find((c) => c.type === 'dynamic' && rows.some((r) => isPoint(parseDynamic(r[c.index]))));
  if (point) {
    const coordinate = (row: unknown[], i: number) => {
      const v = parseDynamic(row[point.index]);
      return isPoint(v) ? toNumber(v.coordinates[i]) : null;
    };
    return { lon: (row) => coordinate(row, 0), lat: (row) => coordinate(row, 1), names: [point.name] };
  }
  const numeric = cols.filter((c) => c.type === 'real');
  const pair = numeric.length >= 2 ? numeric : cols.filter((c) => c.measure === 'quantitative');
  return pair.length >= 2 ? byColumns(pair[0]!, pair[1]!) : undefined;
}

function byColumns(lon: ColumnRef, lat: ColumnRef): Location {
  return { lon: (row) => toNumber(row[lon.index]), lat: (row) => toNumber(row[lat.index]), names: [lon.name, lat.name] };
}

function isPoint(v: unknown): v is { type: 'Point'; coordinates: unknown[] } {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return o.type === 'Point' && Array.isArray(o.coordinates) && o.coordinates.length >= 2;
}
