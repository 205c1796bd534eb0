/**
 * Timestamp readers shared by the log decoders. Every reader returns a UTC ISO 8601 string
 * ('2024-03-01T12:00:00.123Z', the fraction kept as written up to 7 digits) or undefined.
 * Times written without a zone are read as UTC.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s?(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

/** Milliseconds since the epoch for a wall-clock time in UTC, or undefined when a field is out of range. */
export function utcMillis(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) return undefined; // e.g. Feb 30
  return ms;
}

/** Formats epoch milliseconds (whole seconds used) plus a fraction string as ISO 8601 UTC. */
export function formatIso(ms: number, fraction = ''): string | undefined {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (!Number.isFinite(ms) || y < 1 || y > 9999) return undefined;
  const base = d.toISOString().slice(0, 19);
  const frac = fraction.slice(0, 7);
  return frac ? `${base}.${frac}Z` : `${base}Z`;
}

/** Offset in minutes east of UTC for 'Z', 'UTC', '+02:00', '-0530', '+02'. */
function zoneMinutes(zone: string | undefined): number {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const m = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (h * 60 + m);
}

/** Reads RFC 3339 / ISO 8601 date-times ('2024-03-01T12:00:00.123+01:00', '2024-03-01 12:00:00'). */
export function parseIso(text: string): string | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const ms = utcMillis(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  if (ms === undefined) return undefined;
  const zone = zoneMinutes(m[8]);
  if (Math.abs(zone) > 18 * 60) return undefined;
  return formatIso(ms - zone * 60_000, m[7] ?? '');
}

/** Month number (1-12) of an English three-letter month name, any case. */
export function monthOf(name: string): number | undefined {
  return MONTHS[name.toLowerCase()];
}

/**
 * Picks the year for a time written without one (BSD syslog 'Dec 31 23:59:59'): the latest of
 * next year, this year and last year that is at most one day after `now`.
 */
export function inferYear(mo: number, d: number, h: number, mi: number, s: number, now: Date): number | undefined {
  const y = now.getUTCFullYear();
  const limit = now.getTime() + 86_400_000;
  for (const cand of [y + 1, y, y - 1, y - 2, y - 3, y - 4]) {
    // Feb 29 may only exist a few years back, hence the longer list
    const ms = utcMillis(cand, mo, d, h, mi, s);
    if (ms !== undefined && ms <= limit) return ms;
  }
  return undefined;
}

/**
 * Reads the time formats seen in CEF 'rt', 'start' and 'end': epoch milliseconds,
 * 'Mar 01 2024 12:00:00[.123][ zone]', 'Mar 01 12:00:00[.123]' (year inferred from now)
 * and ISO 8601.
 */
export function parseCefTime(text: string, now: Date): string | undefined {
  const t = text.trim();
  if (/^\d{10,13}$/.test(t)) {
    const ms = t.length === 13 ? Number(t) : Number(t) * 1000;
    return formatIso(Math.floor(ms / 1000) * 1000, t.length === 13 ? t.slice(10) : '');
  }
  const m = /^([A-Za-z]{3}) +(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?: (Z|UTC|GMT|[+-]\d{2}:?\d{2}))?$/.exec(t);
  if (m) {
    const mo = monthOf(m[1]!);
    if (mo === undefined) return undefined;
    const ms = m[3]
      ? utcMillis(+m[3], mo, +m[2]!, +m[4]!, +m[5]!, +m[6]!)
      : inferYear(mo, +m[2]!, +m[4]!, +m[5]!, +m[6]!, now);
    if (ms === undefined) return undefined;
    return formatIso(ms - zoneMinutes(m[8]) * 60_000, m[7] ?? '');
  }
  return parseIso(t);
}
