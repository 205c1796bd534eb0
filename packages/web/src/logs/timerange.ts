/**
 * The Logs tab's time range, sent as the `timespan` of the Log Analytics query API: a preset is
 * an ISO 8601 duration ending now ('PT30M', 'PT1H', 'PT4H', 'P1D', 'P7D'), a custom range the
 * interval 'start/end' in UTC, and "Set in query" sends none (the query's own `where` decides).
 */

export type TimeRange =
  | { readonly kind: 'preset'; readonly duration: string }
  | { readonly kind: 'custom'; readonly start: string; readonly end: string }
  | { readonly kind: 'none' };

export const PRESETS: readonly { readonly duration: string; readonly label: string }[] = [
  { duration: 'PT30M', label: 'Last 30 minutes' },
  { duration: 'PT1H', label: 'Last hour' },
  { duration: 'PT4H', label: 'Last 4 hours' },
  { duration: 'P1D', label: 'Last 24 hours' },
  { duration: 'P7D', label: 'Last 7 days' },
];

export const DEFAULT_RANGE: TimeRange = { kind: 'preset', duration: 'P1D' };

/** A datetime typed by the user (ISO, or a datetime-local value read as UTC) as ISO 8601 UTC; undefined when it is none. */
export function utcInstant(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?)?(Z|[+-]\d\d:\d\d)?$/.test(t)) return undefined;
  const zoned = /(Z|[+-]\d\d:\d\d)$/.test(t) ? t : `${t.replace(' ', 'T')}${t.length === 10 ? 'T00:00:00' : ''}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The `timespan` to send, or undefined for none; a RangeError says what is wrong with a custom range. */
export function timespanOf(range: TimeRange): string | undefined {
  switch (range.kind) {
    case 'none': return undefined;
    case 'preset':
      if (!PRESETS.some((p) => p.duration === range.duration)) throw new RangeError(`unknown time range '${range.duration}'`);
      return range.duration;
    case 'custom': {
      const start = utcInstant(range.start);
      const end = utcInstant(range.end);
      if (!start) throw new RangeError(`the custom range's start '${range.start}' is no date and time (YYYY-MM-DD hh:mm, UTC)`);
      if (!end) throw new RangeError(`the custom range's end '${range.end}' is no date and time (YYYY-MM-DD hh:mm, UTC)`);
      if (Date.parse(end) <= Date.parse(start)) throw new RangeError(`the custom range ends (${end}) before it starts (${start})`);
      return `${start}/${end}`;
    }
  }
}

/** The range a history entry's timespan came from (to restore it). */
export function rangeOf(timespan: string | undefined): TimeRange {
  if (!timespan) return { kind: 'none' };
  if (PRESETS.some((p) => p.duration === timespan)) return { kind: 'preset', duration: timespan };
  const [start, end] = timespan.split('/');
  if (start && end && utcInstant(start) && utcInstant(end)) return { kind: 'custom', start, end };
  return DEFAULT_RANGE;
}

export function rangeLabel(range: TimeRange): string {
  if (range.kind === 'none') return 'Set in query';
  if (range.kind === 'custom') return `${range.start} – ${range.end} (UTC)`;
  return PRESETS.find((p) => p.duration === range.duration)?.label ?? range.duration;
}
