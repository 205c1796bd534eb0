/**
 * Result values between the wire and JavaScript.
 *
 * `KqlResult.rows` hold the contract's values (DESIGN.md, "Result values"): datetimes as ISO 8601
 * strings, timespans as Kusto strings, "NaN"/"Infinity" strings for non-finite reals, dynamic as
 * JSON values. The Log Analytics API sends dynamic values as JSON text, so `fromWire` parses them.
 *
 * `toArray()` / `toTable()` give JavaScript values instead (`toJs`): a datetime becomes a Date
 * (millisecond precision: the 100 ns ticks beyond it are dropped, the row keeps them) and the
 * non-finite strings of numeric columns become NaN / ±Infinity. Everything else is unchanged.
 */
import type { ResultColumn } from '../types.ts';

const NUMERIC = new Set(['int', 'long', 'real', 'double']);

/** The rows of a Log Analytics response as contract values (dynamic JSON text parsed). */
export function fromWire(columns: readonly ResultColumn[], rows: unknown[][]): unknown[][] {
  const dynamic = columns.map((c) => c.type === 'dynamic');
  if (!dynamic.some(Boolean)) return rows;
  return rows.map((row) => row.map((v, i) => (dynamic[i] && typeof v === 'string' ? parseJson(v) : v)));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // not JSON: keep the text as the server sent it
  }
}

/** A contract value of a column of Kusto type `type` as a JavaScript value. */
export function toJs(type: string, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'datetime' && typeof v === 'string') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? v : d;
  }
  if (NUMERIC.has(type) && typeof v === 'string') {
    if (v === 'NaN') return Number.NaN;
    if (v === 'Infinity') return Number.POSITIVE_INFINITY;
    if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
  }
  return v;
}
