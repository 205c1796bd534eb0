/**
 * Kusto's column roles for a chart, as the `render` operator documents them: one x column
 * (`xcolumn`, else the first column that works: the first datetime column for timechart and
 * anomalychart), y columns (`ycolumns`, else every numeric column not otherwise used) and
 * series columns (`series`, else the string columns not otherwise used). make-series results
 * hold arrays in their cells: then x is the first array column of datetimes (else of numbers)
 * and the y columns are the other numeric arrays.
 */
import type { ResultColumn, RenderInfo } from '../types.ts';
import { isDatetime, parseDynamic, toNumber } from './values.ts';

/** How a column's values are encoded: Vega-Lite's measurement types. */
export type Measure = 'temporal' | 'quantitative' | 'nominal';

export interface ColumnRef {
  name: string;
  index: number;
  /** the Kusto type */
  type: string;
  /** the cells are arrays (a make-series result); `measure` is then the elements' */
  array: boolean;
  measure: Measure;
}

export interface Roles {
  x?: ColumnRef;
  y: ColumnRef[];
  series: ColumnRef[];
  /** anomalychart: flag columns (non-zero = anomaly), paired with y columns by position */
  anomalies: ColumnRef[];
  /** what the caller should be told: unknown column names and the like */
  notes: string[];
}

const NUMERIC = new Set(['int', 'long', 'real', 'decimal']);
const SERIES_TYPES = new Set(['string', 'guid']);
/** the flag output of series_decompose_anomalies: `anomalies` as users name it, `*_ad_flag` unnamed */
const ANOMALY_NAME = /(^|_)anomal(y|ies)($|_)|_ad_flag$/i;

/** Each column with its measurement type; dynamic columns are looked at through their first array. */
export function describeColumns(columns: ResultColumn[], rows: unknown[][]): ColumnRef[] {
  return columns.map((c, index) => {
    const type = c.type.toLowerCase();
    if (type === 'datetime') return { name: c.name, index, type, array: false, measure: 'temporal' };
    if (NUMERIC.has(type)) return { name: c.name, index, type, array: false, measure: 'quantitative' };
    if (type === 'dynamic') {
      for (const row of rows) {
        const v = parseDynamic(row[index]);
        if (v === null || v === undefined) continue;
        if (!Array.isArray(v)) break;
        const first = v.find((e) => e !== null && e !== undefined);
        if (first === undefined) continue;
        const measure: Measure = isDatetime(first) ? 'temporal' : toNumber(first) !== null && typeof first !== 'boolean' ? 'quantitative' : 'nominal';
        return { name: c.name, index, type, array: true, measure };
      }
    }
    return { name: c.name, index, type, array: false, measure: 'nominal' };
  });
}

/** A comma-separated property (`ycolumns`, `series` ...) as trimmed names. */
export function nameList(value: string | null | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** The columns a property names (exact name first, else ignoring case); unknown names become notes. */
export function pick(cols: ColumnRef[], property: string, value: string | null | undefined, notes: string[]): ColumnRef[] | undefined {
  const names = nameList(value);
  if (names.length === 0) return undefined;
  const found: ColumnRef[] = [];
  for (const name of names) {
    const c = cols.find((k) => k.name === name) ?? cols.find((k) => k.name.toLowerCase() === name.toLowerCase());
    if (c) found.push(c);
    else notes.push(`${property}: the result has no column '${name}'.`);
  }
  return found.length > 0 ? found : undefined;
}

/** The roles of the result's columns for a chart of this render. */
export function inferRoles(columns: ResultColumn[], rows: unknown[][], render: RenderInfo): Roles {
  const notes: string[] = [];
  const cols = describeColumns(columns, rows);
  const viz = (render.visualization ?? '').toLowerCase();
  const namedSeries = pick(cols, 'series', render.series, notes);
  const namedY = pick(cols, 'ycolumns', render.yColumns, notes);
  const namedAnomalies = pick(cols, 'anomalycolumns', render.anomalyColumns, notes);
  const taken = new Set([...(namedSeries ?? []), ...(namedY ?? []), ...(namedAnomalies ?? [])].map((c) => c.index));

  const x = pick(cols, 'xcolumn', render.xColumn, notes)?.[0] ?? inferX(cols, viz, taken);
  const used = (c: ColumnRef) => c.index === x?.index || taken.has(c.index);
  const arrays = x?.array ?? false;

  const anomalies = namedAnomalies
    ?? (viz === 'anomalychart' ? cols.filter((c) => !used(c) && c.measure === 'quantitative' && c.array === arrays && ANOMALY_NAME.test(c.name)) : []);
  const flagged = new Set(anomalies.map((c) => c.index));
  const y = namedY ?? cols.filter((c) => !used(c) && !flagged.has(c.index) && c.measure === 'quantitative' && c.array === arrays);
  const yIndex = new Set(y.map((c) => c.index));
  const series = namedSeries
    ?? cols.filter((c) => !used(c) && !flagged.has(c.index) && !yIndex.has(c.index) && !c.array && SERIES_TYPES.has(c.type));
  return { x, y, series, anomalies, notes };
}

function inferX(cols: ColumnRef[], viz: string, taken: Set<number>): ColumnRef | undefined {
  const free = cols.filter((c) => !taken.has(c.index));
  const arrays = free.filter((c) => c.array && c.measure !== 'nominal');
  if (arrays.length > 0) return arrays.find((c) => c.measure === 'temporal') ?? arrays[0];
  if (viz === 'timechart' || viz === 'anomalychart') return free.find((c) => c.measure === 'temporal') ?? free[0];
  return free[0];
}
