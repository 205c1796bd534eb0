/**
 * Cell values of a KQL result (Kusto REST conventions) as a chart needs them: numbers, ISO
 * datetimes that Vega parses, and dynamic values parsed back from their JSON text (the Log
 * Analytics API sends dynamic cells as text).
 */

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/** A number for a chart, or null ("NaN", "Infinity", non-numbers and empty cells). */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Whether a value looks like a Kusto datetime (an ISO 8601 string or a Date). */
export function isDatetime(v: unknown): boolean {
  return v instanceof Date ? !Number.isNaN(v.getTime()) : typeof v === 'string' && ISO.test(v);
}

/**
 * A datetime as an ISO string with at most milliseconds and a zone (Kusto's 7-digit fractions
 * are cut to 3, a missing zone means UTC), or null when the value is not a datetime.
 */
export function toIsoDatetime(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v !== 'string') return null;
  const m = ISO.exec(v);
  if (!m) return null;
  const time = m[2]!.length === 5 ? `${m[2]}:00` : m[2]!;
  const fraction = m[3] ? `.${m[3].slice(0, 3).padEnd(3, '0')}` : '';
  return `${m[1]}T${time}${fraction}${m[4] ?? 'Z'}`;
}

/** A dynamic cell as a JSON value: JSON text is parsed, anything else is returned as is. */
export function parseDynamic(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (!(t.startsWith('[') || t.startsWith('{'))) return v;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return v;
  }
}

/** A label for a category or series value: strings as they are, null as "(empty)". */
export function toLabel(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
