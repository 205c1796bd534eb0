/** Parsing of Kusto literal texts (datetime, timespan) into 100 ns ticks. */

export const TICKS_PER_MS = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 60n * TICKS_PER_SECOND;
export const TICKS_PER_HOUR = 60n * TICKS_PER_MINUTE;
export const TICKS_PER_DAY = 24n * TICKS_PER_HOUR;

const unitTicks: Record<string, number> = {
  d: 864e9, day: 864e9, days: 864e9,
  h: 36e9, hr: 36e9, hrs: 36e9, hour: 36e9, hours: 36e9,
  m: 6e8, min: 6e8, minute: 6e8, minutes: 6e8,
  s: 1e7, sec: 1e7, second: 1e7, seconds: 1e7,
  ms: 1e4, milli: 1e4, millis: 1e4, millisecond: 1e4, milliseconds: 1e4,
  microsecond: 10, microseconds: 10, micro: 10, micros: 10,
  tick: 1, ticks: 1,
  nanosecond: 0.01, nanoseconds: 0.01, nano: 0.01, nanos: 0.01,
};

/** Parse a timespan literal's inner text: `1h`, `1.5d`, `100tick`, `1.02:03:04.5`, `00:10:00`. */
export function parseTimespan(text: string): bigint | null {
  let t = text.trim();
  const wrapped = /^(?:time|timespan)\s*\((.*)\)$/is.exec(t);
  if (wrapped) t = wrapped[1]!.trim();
  if (t === '' || t.toLowerCase() === 'null') return null;
  let neg = false;
  if (t.startsWith('-')) { neg = true; t = t.slice(1).trim(); }
  const unit = /^(\d+(?:\.\d*)?|\.\d+)\s*([a-z]+)$/i.exec(t);
  if (unit) {
    const mult = unitTicks[unit[2]!.toLowerCase()];
    if (mult === undefined) return null;
    const v = BigInt(Math.round(Number(unit[1]) * mult));
    return neg ? -v : v;
  }
  // [d.]hh:mm[:ss[.fffffff]]
  const clock = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/.exec(t);
  if (clock) {
    const [, d, h, m, s, f] = clock;
    let v = BigInt(d ?? 0) * TICKS_PER_DAY + BigInt(h!) * TICKS_PER_HOUR + BigInt(m!) * TICKS_PER_MINUTE + BigInt(s ?? 0) * TICKS_PER_SECOND;
    if (f) v += BigInt(f.padEnd(7, '0'));
    return neg ? -v : v;
  }
  if (/^\d+$/.test(t)) { // a bare number of days
    const v = BigInt(t) * TICKS_PER_DAY;
    return neg ? -v : v;
  }
  return null;
}

const months: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/** Parse a datetime literal's inner text to ticks since the Unix epoch (UTC). */
export function parseDatetime(text: string): bigint | null {
  let t = text.trim();
  const wrapped = /^(?:datetime|date)\s*\((.*)\)$/is.exec(t);
  if (wrapped) t = wrapped[1]!.trim();
  const quoted = /^(?:@?'(.*)'|@?"(.*)")$/s.exec(t);
  if (quoted) t = (quoted[1] ?? quoted[2]!).trim();
  if (t === '' || t.toLowerCase() === 'null') return null;
  // ISO-like: yyyy-MM-dd[( |T)HH:mm[:ss[.fffffff]]][Z|±hh:mm]
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (iso) {
    const [, y, mo, d, h, mi, s, f, tz] = iso;
    return assemble(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0), f, tz);
  }
  const slash = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?$/.exec(t);
  if (slash) {
    const [, y, mo, d, h, mi, s, f] = slash;
    return assemble(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0), f, undefined);
  }
  // datetime(2025, 6, 14[, 10, 30[, 15]]): comma-separated parts
  const parts = /^(\d{4})\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2}))?)?$/.exec(t);
  if (parts) {
    const [, y, mo, d, h, mi, s] = parts;
    return assemble(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0), undefined, undefined);
  }
  // RFC 822 / 1123: [Ddd, ]d Mon yy[yy] HH:mm[:ss] [GMT|UTC|Z|+hhmm]
  const rfc = /^(?:[a-z]{3},\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|Z|[+-]\d{4})?$/i.exec(t);
  // RFC 850: [Dddddd, ]dd-Mon-yy HH:mm[:ss] [GMT]
  const rfc850 = /^(?:[a-z]+,\s*)?(\d{1,2})-([a-z]{3})-(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|Z|[+-]\d{4})?$/i.exec(t);
  const r = rfc ?? rfc850;
  if (r) {
    const [, d, mon, y, h, mi, s, tz] = r;
    const mo = months[mon!.toLowerCase()];
    if (!mo) return null;
    let yy = +y!; if (y!.length === 2) yy += yy < 30 ? 2000 : 1900;
    return assemble(yy, mo, +d!, +h!, +mi!, +(s ?? 0), undefined, tz && /^[+-]/.test(tz) ? tz : undefined);
  }
  // US: MM/dd/yyyy or MM-dd-yyyy [HH:mm[:ss]]
  const us = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (us) {
    const [, mo, , d, y, h, mi, s] = us;
    return assemble(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0), undefined, undefined);
  }
  return null;
}

function assemble(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string | undefined, tz: string | undefined): bigint | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  if (y < 1 || y > 9999) return null;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // unlike Date.UTC, keeps years 1-99 as they are
  date.setUTCHours(h, mi, s, 0);
  const ms = date.getTime();
  if (Number.isNaN(ms) || date.getUTCDate() !== d) return null;
  let ticks = BigInt(ms) * TICKS_PER_MS;
  if (frac) ticks += BigInt(frac.slice(0, 7).padEnd(7, '0'));
  if (tz && tz.toUpperCase() !== 'Z') {
    const m = /^([+-])(\d{2}):?(\d{2})$/.exec(tz);
    if (m) {
      const off = (BigInt(+m[2]!) * 60n + BigInt(+m[3]!)) * TICKS_PER_MINUTE;
      ticks = m[1] === '+' ? ticks - off : ticks + off;
    }
  }
  return ticks;
}

/** ticks -> ISO 8601 UTC with up to 7 fraction digits, trailing zeros trimmed: "2024-03-01T12:00:00Z". */
export function formatDatetime(ticks: bigint): string {
  let rem = ticks % TICKS_PER_SECOND;
  if (rem < 0n) rem += TICKS_PER_SECOND;
  const base = new Date(Number((ticks - rem) / TICKS_PER_MS)).toISOString().slice(0, 19);
  if (rem === 0n) return `${base}Z`;
  return `${base}.${rem.toString().padStart(7, '0').replace(/0+$/, '')}Z`;
}

/** ticks -> Kusto timespan text "[-][d.]hh:mm:ss[.fffffff]". */
export function formatTimespan(ticks: bigint): string {
  const neg = ticks < 0n;
  let t = neg ? -ticks : ticks;
  const days = t / TICKS_PER_DAY; t %= TICKS_PER_DAY;
  const h = t / TICKS_PER_HOUR; t %= TICKS_PER_HOUR;
  const m = t / TICKS_PER_MINUTE; t %= TICKS_PER_MINUTE;
  const s = t / TICKS_PER_SECOND; t %= TICKS_PER_SECOND;
  const p2 = (v: bigint) => v.toString().padStart(2, '0');
  let out = `${neg ? '-' : ''}${days > 0n ? `${days}.` : ''}${p2(h)}:${p2(m)}:${p2(s)}`;
  if (t > 0n) out += `.${t.toString().padStart(7, '0')}`;
  return out;
}
