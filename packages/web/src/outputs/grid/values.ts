/**
 * Cell values of the results grid: their text (as shown, copied and exported), and a sort key per
 * Kusto type so that numbers sort as numbers, datetimes by time (to the 100 ns tick), timespans by
 * length, and everything else by its text. Nulls have no key (the callers place them).
 */
import { NUMERIC_TYPES } from './types.ts';

/** A cell as text: empty for null, JSON for dynamic objects and arrays, the wire text otherwise. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A number from a numeric cell ("NaN", "Infinity" and decimal strings included); undefined when it is none. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isNaN(n) && v !== 'NaN' ? undefined : n;
  }
  return undefined;
}

const ISO = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?)?(Z|[+-]\d\d:?\d\d)?$/;

/**
 * A datetime as a string that sorts in time order: "YYYY-MM-DDTHH:MM:SS.fffffff" in UTC (7 digit
 * fraction, so "12:00:00Z" and "12:00:00.5Z" compare right). Undefined when the text is no datetime.
 */
export function datetimeKey(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = ISO.exec(v.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const fraction = frac.padEnd(7, '0').slice(0, 7);
  if (zone === undefined || zone === 'Z' || /^[+-]00:?00$/.test(zone)) return `${y}-${mo}-${d}T${h}:${mi}:${s}.${fraction}`;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  if (Number.isNaN(ms)) return undefined;
  return `${new Date(ms).toISOString().slice(0, 19)}.${fraction}`;
}

const TIMESPAN = /^(-)?(?:(\d+)\.)?(\d+):(\d\d):(\d\d)(?:\.(\d{1,7}))?$/;

/** A Kusto timespan "[-][d.]hh:mm:ss[.fffffff]" in ticks of 100 ns; undefined when the text is none. */
export function timespanTicks(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = TIMESPAN.exec(v.trim());
  if (!m) return undefined;
  const [, neg, d = '0', h, mi, s, frac = ''] = m;
  const seconds = ((Number(d) * 24 + Number(h)) * 60 + Number(mi)) * 60 + Number(s);
  const ticks = seconds * 10_000_000 + Number(frac.padEnd(7, '0'));
  return neg ? -ticks : ticks;
}

export type SortKey = number | string;

/** The sort key of a cell of the given Kusto type; undefined for null (and for values that are no value of the type: they sort with the nulls). */
export function sortKey(v: unknown, type: string): SortKey | undefined {
  if (v === null || v === undefined) return undefined;
  if (NUMERIC_TYPES.has(type)) {
    const n = numberOf(v);
    // NaN sorts below every number (as Kusto's ascending order does), above null
    return n === undefined ? undefined : Number.isNaN(n) ? Number.NEGATIVE_INFINITY : n;
  }
  switch (type) {
    case 'bool': return v === true || v === 'true' ? 1 : 0;
    case 'datetime': return datetimeKey(v) ?? cellText(v);
    case 'timespan': return timespanTicks(v) ?? cellText(v);
    default: return cellText(v);
  }
}

/** Compare two keys of one column (numbers before strings if a column mixes them). */
export function compareKeys(a: SortKey, b: SortKey): number {
  if (typeof a === 'number' && typeof b !== 'number') return -1;
  if (typeof b === 'number' && typeof a !== 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
