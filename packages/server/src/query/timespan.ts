/**
 * The Log Analytics `timespan` of a query: an ISO 8601 duration ('PT1H', 'P1D', ending
 * now), or an interval ('start/end', 'start/P1D', 'P1D/end').
 *
 * Log Analytics applies the range to every table a query reads. Huntbook does so by
 * shadowing each table the query names with a `let` of the same name filtered on
 * TimeGenerated (`let SecurityEvent = SecurityEvent | where TimeGenerated between (a .. b);`),
 * inserted after the query's leading `set` / `declare` statements. Diagnostics are mapped
 * back to the caller's text. Tables without a TimeGenerated column are not filtered, and
 * reads that do not name a table (`union *`, `search` without `in`, `table('T')`) see all
 * rows: a documented limitation.
 */
import { formatDatetime, parseDatetime, KqlError, type DatabaseSchema, type Diagnostic } from '@huntbook/kql';
import { HttpError } from '../errors.ts';

const TICKS_PER_MS = 10_000n;
/** The range of a datetime: 0001-01-01 to 9999-12-31 23:59:59.9999999 (ticks since the Unix epoch). */
const MIN_TICKS = -62_135_596_800n * 10_000_000n;
const MAX_TICKS = 253_402_300_800n * 10_000_000n - 1n;
/**
 * What storage can hold (TIMESTAMP_NS: 1677-09-21 to 2262-04-11), with a margin: a range is
 * clamped to 1678-01-01 .. 2261-08-28, which changes no answer and keeps the filter's literals
 * inside the column's type.
 */
const STORED_MIN_TICKS = -9_214_560_000n * 10_000_000n;
const STORED_MAX_TICKS = 9_203_760_000n * 10_000_000n;

function clamp(t: bigint): bigint {
  return t < STORED_MIN_TICKS ? STORED_MIN_TICKS : t > STORED_MAX_TICKS ? STORED_MAX_TICKS : t;
}

/** A closed range of 100 ns ticks since the Unix epoch. */
export interface TimeRange {
  readonly start: bigint;
  readonly end: bigint;
}

const DURATION = /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Ticks of an ISO 8601 duration (years as 365 days, months as 30 days; to the millisecond), or undefined. */
export function parseDuration(text: string): bigint | undefined {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim().toUpperCase().endsWith('T') || m.slice(2).every((x) => x === undefined)) return undefined;
  const seconds = [365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1];
  let ticks = 0n;
  for (let i = 0; i < seconds.length; i++) {
    const v = m[i + 2];
    if (v === undefined) continue;
    const ms = Math.round(Number(v) * seconds[i]! * 1000);
    if (!Number.isSafeInteger(ms)) return undefined; // beyond any datetime (and beyond what a double holds exactly)
    ticks += BigInt(ms) * TICKS_PER_MS;
  }
  return m[1] ? -ticks : ticks;
}

function parseInstant(text: string): bigint | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim())) return undefined;
  try {
    return parseDatetime(text) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Parse a timespan; `now` is the end of a bare duration. Throws HttpError 400 when malformed. */
export function parseTimespan(text: string, now: Date): TimeRange {
  const bad = (why: string) => new HttpError(400, 'BadArgumentError', `timespan '${text}' ${why}: give an ISO 8601 duration ('PT1H', 'P1D') or interval ('2024-01-01T00:00:00Z/2024-01-02T00:00:00Z', '2024-01-01T00:00:00Z/P1D')`);
  const nowTicks = BigInt(now.getTime()) * TICKS_PER_MS;
  const parts = text.trim().split('/');
  let range: TimeRange;
  if (parts.length === 1) {
    const d = parseDuration(parts[0]!);
    if (d === undefined) throw bad('is not a duration');
    range = d >= 0n ? { start: nowTicks - d, end: nowTicks } : { start: nowTicks, end: nowTicks - d };
  } else if (parts.length === 2) {
    const [a, b] = parts as [string, string];
    const sa = parseInstant(a);
    const sb = parseInstant(b);
    if (sa !== undefined && sb !== undefined) range = { start: sa, end: sb };
    else if (sa !== undefined) {
      const d = parseDuration(b);
      if (d === undefined) throw bad(`has an end '${b}' that is neither a date nor a duration`);
      range = { start: sa, end: sa + d };
    } else if (sb !== undefined) {
      const d = parseDuration(a);
      if (d === undefined) throw bad(`has a start '${a}' that is neither a date nor a duration`);
      range = { start: sb - d, end: sb };
    } else throw bad('has no date');
  } else throw bad('has more than one /');
  if (range.start > range.end) throw bad('ends before it starts');
  if (range.start < MIN_TICKS || range.end > MAX_TICKS) throw bad('reaches outside the datetimes of years 1 to 9999');
  return { start: clamp(range.start), end: clamp(range.end) };
}

/** Offset just past the query's leading `set ...;` and `declare ...;` statements (comments and strings skipped). */
function afterPreamble(q: string): number {
  let i = 0;
  let insertAt = 0;
  for (;;) {
    // skip blanks and // comments
    for (;;) {
      while (i < q.length && /\s/.test(q[i]!)) i++;
      if (q.startsWith('//', i)) { while (i < q.length && q[i] !== '\n') i++; continue; }
      break;
    }
    const word = /^(set|declare|alias)\b/i.exec(q.slice(i, i + 8));
    if (!word) return insertAt;
    let j = i + word[0].length;
    let quote: string | undefined;
    for (; j < q.length; j++) {
      const c = q[j]!;
      if (quote) { if (c === '\\' && quote !== '`') j++; else if (c === quote) quote = undefined; continue; }
      if (c === '"' || c === "'") quote = c;
      else if (c === ';') break;
    }
    if (j >= q.length) return insertAt;
    i = j + 1;
    insertAt = i;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** KQL name syntax: bare when it is a plain identifier, else ['...']. */
function kqlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

export interface ScopedQuery {
  readonly text: string;
  /** map an error about `text` back to the caller's query */
  readonly mapError: (e: unknown) => unknown;
  /** the tables that were restricted */
  readonly tables: readonly string[];
}

/** Restrict every table the query names (that has a datetime TimeGenerated) to the range. */
export function scopeQuery(query: string, range: TimeRange, schema: DatabaseSchema): ScopedQuery {
  const tables = schema.tables.filter((t) => {
    if (!t.columns.some((c) => c.name === 'TimeGenerated' && c.type === 'datetime')) return false;
    const name = escapeRe(t.name);
    if (!new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`).test(query)) return false;
    // the query defines the name itself: its own let wins, ours would be a redeclaration
    return !new RegExp(`\\blet\\s+(?:${name}|\\[\\s*['"]${name}['"]\\s*\\])\\s*=`).test(query);
  }).map((t) => t.name);
  if (tables.length === 0) return { text: query, mapError: (e) => e, tables };
  const a = formatDatetime(range.start);
  const b = formatDatetime(range.end);
  const prefix = tables.map((t) => `let ${kqlName(t)} = ${kqlName(t)} | where TimeGenerated between (datetime(${a}) .. datetime(${b}));`).join(' ') + ' ';
  const at = afterPreamble(query);
  const text = query.slice(0, at) + prefix + query.slice(at);
  const mapError = (e: unknown): unknown => {
    if (!(e instanceof KqlError)) return e;
    return new KqlError(e.diagnostics.map((d): Diagnostic => {
      let start = d.start;
      if (start >= at + prefix.length) start -= prefix.length;
      else if (start > at) start = at; // inside our prefix: point at where it was inserted
      if (d.length === 0 && d.start === 0 && d.line === 1 && d.column === 1) return d; // no position
      const { line, column } = lineColumn(query, start);
      return { ...d, start, line, column };
    }));
  };
  return { text, mapError, tables };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) { line++; lastNl = i; }
  return { line, column: offset - lastNl };
}
