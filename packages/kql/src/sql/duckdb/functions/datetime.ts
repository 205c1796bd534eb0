/**
 * Datetime and timespan functions. Datetimes are TIMESTAMP_NS, timespans BIGINT ticks (100 ns).
 * Calendar arithmetic goes through integer nanoseconds (epoch_ns / make_timestamp_ns) so that
 * 100 ns precision survives: DuckDB's date_trunc and TIMESTAMP_NS + INTERVAL fall back to µs.
 */
import { UnsupportedFeature } from '../../../errors.ts';
import type { KType } from '../../../plan/types.ts';
import { SQL_TYPE } from '../quote.ts';
import { litString, type Arg, type ScalarEmitter } from '../types.ts';
import { datetimeFormatFunctions } from './datetime-format.ts';

/** floor(x / step) * step for integers, exact for negative values too. */
export function floorTo(x: string, step: string): string {
  // DuckDB's // truncates toward zero: for x < 0, floor(x / s) = (x + 1) // s - 1 (no overflow
  // near the lowest value); a step that is not positive gives null, as Kusto's bin does
  return `(CASE WHEN (${step}) > 0 THEN (CASE WHEN (${x}) < 0 THEN ((${x}) + 1) // (${step}) - 1 ELSE (${x}) // (${step}) END) * (${step}) END)`;
}
/** floor(x / step) for integers. */
export function floorDiv(x: string, step: string): string {
  return `(${floorTo(x, step)} // (${step}))`;
}
/** x mod step in [0, step). */
export function floorMod(x: string, step: string): string {
  return `((((${x}) % (${step})) + (${step})) % (${step}))`;
}

export const NS_DAY = '86400000000000';
export const NS_HOUR = '3600000000000';
export const NS_MINUTE = '60000000000';
export const NS_SECOND = '1000000000';
export const TICKS_DAY = '864000000000';

const ns = (a: Arg): string => `epoch_ns(${a.sql})`;
const fromNs = (x: string): string => `make_timestamp_ns(${x})`;
/** Days since 1970-01-01 (floored). */
const dayNum = (a: Arg): string => floorDiv(ns(a), NS_DAY);
/** The calendar date of a datetime, exact (no µs cast of the timestamp). */
export const dateOf = (a: Arg): string => `(DATE '1970-01-01' + CAST(${dayNum(a)} AS INTEGER))`;
/** Nanoseconds since midnight. */
const timeOfDay = (a: Arg): string => floorMod(ns(a), NS_DAY);
/** Nanoseconds since the epoch of a DATE (or TIMESTAMP at midnight). */
const dateNs = (d: string): string => `(CAST((CAST(${d} AS DATE) - DATE '1970-01-01') AS BIGINT) * ${NS_DAY})`;
/** Days since the epoch of the Sunday that starts the week of `a`. */
const weekStartDay = (a: Arg): string => `(${dayNum(a)} - ${floorMod(`${dayNum(a)} + 4`, '7')})`;
const cast = (sql: string, t: KType): string => `CAST(${sql} AS ${SQL_TYPE[t]})`;
const offOr0 = (off: Arg | undefined): string => (off ? `CAST(${off.sql} AS BIGINT)` : '0');

const startOf: Record<string, (a: Arg, off: string) => string> = {
  day: (a, off) => fromNs(`${floorTo(ns(a), NS_DAY)} + ${off} * ${NS_DAY}`),
  week: (a, off) => fromNs(`(${weekStartDay(a)} + ${off} * 7) * ${NS_DAY}`),
  month: (a, off) => fromNs(dateNs(`make_date(year(${dateOf(a)}), month(${dateOf(a)}), 1) + to_months(CAST(${off} AS INTEGER))`)),
  year: (a, off) => fromNs(dateNs(`make_date(year(${dateOf(a)}) + CAST(${off} AS INTEGER), 1, 1)`)),
};

function startEmitter(unit: string): ScalarEmitter {
  return ([a, off]) => startOf[unit]!(a!, offOr0(off));
}
function endEmitter(unit: string): ScalarEmitter {
  // the last tick before the next period starts
  return ([a, off]) => fromNs(`epoch_ns(${startOf[unit]!(a!, `(${offOr0(off)} + 1)`)}) - 100`);
}

/** datetime_part / datetime_diff part names (lower case, underscores removed). */
function partName(a: Arg | undefined, fn: string, call: { pos?: number }): string {
  const p = litString(a);
  if (p === undefined) throw new UnsupportedFeature(`${fn}() with a part that is not a constant string`, call.pos ?? 0);
  return p.toLowerCase().replace(/_/g, '');
}

const PARTS: Record<string, (a: Arg) => string> = {
  year: (a) => `year(${dateOf(a)})`,
  quarter: (a) => `quarter(${dateOf(a)})`,
  month: (a) => `month(${dateOf(a)})`,
  weekofyear: (a) => `week(${dateOf(a)})`,
  week: (a) => `week(${dateOf(a)})`,
  day: (a) => `day(${dateOf(a)})`,
  dayofyear: (a) => `dayofyear(${dateOf(a)})`,
  hour: (a) => `(${timeOfDay(a)} // ${NS_HOUR})`,
  minute: (a) => `((${timeOfDay(a)} // ${NS_MINUTE}) % 60)`,
  second: (a) => `((${timeOfDay(a)} // ${NS_SECOND}) % 60)`,
  millisecond: (a) => `(${floorMod(ns(a), NS_SECOND)} // 1000000)`,
  microsecond: (a) => `(${floorMod(ns(a), NS_SECOND)} // 1000)`,
  nanosecond: (a) => floorMod(ns(a), NS_SECOND),
};

/** Nanoseconds per unit for datetime_add / datetime_diff of fixed-length parts. */
const FIXED_NS: Record<string, string> = {
  week: `(7 * ${NS_DAY})`, day: NS_DAY, hour: NS_HOUR, minute: NS_MINUTE, second: NS_SECOND,
  millisecond: '1000000', microsecond: '1000', nanosecond: '1',
};
const MONTHS: Record<string, number> = { year: 12, quarter: 3, month: 1 };

function datetimeAdd(args: Arg[], _t: KType, call: { pos?: number }): string {
  const part = partName(args[0], 'datetime_add', call);
  const n = `CAST(${args[1]!.sql} AS BIGINT)`;
  const dt = args[2]!;
  const months = MONTHS[part];
  if (months !== undefined) {
    // calendar months: the day is clamped to the month's length, the time of day kept
    const d = `(${dateOf(dt)} + to_months(CAST(${n} * ${months} AS INTEGER)))`;
    return fromNs(`${dateNs(d)} + ${timeOfDay(dt)}`);
  }
  if (part === 'nanosecond') return fromNs(`${ns(dt)} + (${n} // 100) * 100`);
  const unit = FIXED_NS[part];
  if (!unit) throw new UnsupportedFeature(`datetime_add() with the part '${litString(args[0])}'`, call.pos ?? 0);
  return fromNs(`${ns(dt)} + ${n} * ${unit}`);
}

function datetimeDiff(args: Arg[], _t: KType, call: { pos?: number }): string {
  const part = partName(args[0], 'datetime_diff', call);
  const [a, b] = [args[1]!, args[2]!];
  const ym = (x: Arg, per: string): string => `(year(${dateOf(x)}) * ${per})`;
  switch (part) {
    case 'year': return `CAST(year(${dateOf(a)}) - year(${dateOf(b)}) AS BIGINT)`;
    case 'quarter': return `CAST((${ym(a, '4')} + quarter(${dateOf(a)})) - (${ym(b, '4')} + quarter(${dateOf(b)})) AS BIGINT)`;
    case 'month': return `CAST((${ym(a, '12')} + month(${dateOf(a)})) - (${ym(b, '12')} + month(${dateOf(b)})) AS BIGINT)`;
    case 'week': return `((${weekStartDay(a)} - ${weekStartDay(b)}) // 7)`;
    case 'nanosecond': return `(${ns(a)} - ${ns(b)})`;
  }
  const unit = FIXED_NS[part];
  if (!unit) throw new UnsupportedFeature(`datetime_diff() with the part '${litString(args[0])}'`, call.pos ?? 0);
  return `(${floorDiv(ns(a), unit)} - ${floorDiv(ns(b), unit)})`;
}

function datetimePart(args: Arg[], t: KType, call: { pos?: number }): string {
  const part = partName(args[0], 'datetime_part', call);
  const f = PARTS[part];
  if (!f) throw new UnsupportedFeature(`datetime_part() with the part '${litString(args[0])}'`, call.pos ?? 0);
  return cast(f(args[1]!), t);
}

/** make_datetime(year, month, day [, hour, minute [, second]]): null when out of range. */
function makeDatetime(args: Arg[], _t: KType, call: { pos?: number }): string {
  if (args.length > 6) throw new UnsupportedFeature('make_datetime() with more than 6 arguments', call.pos ?? 0);
  const [y, m, d, h, mi, s] = args.map((a) => a.sql);
  const date = `try(make_date(CAST(${y} AS BIGINT), CAST(${m} AS BIGINT), CAST(${d} AS BIGINT)))`;
  const hh = h ?? '0', mm = mi ?? '0', ss = s ?? '0';
  const valid = `(${hh}) BETWEEN 0 AND 23 AND (${mm}) BETWEEN 0 AND 59 AND (${ss}) >= 0 AND (${ss}) < 60`;
  const tod = `CAST(${hh} AS BIGINT) * ${NS_HOUR} + CAST(${mm} AS BIGINT) * ${NS_MINUTE} + CAST(round(CAST(${ss} AS DOUBLE) * 10000000) AS BIGINT) * 100`;
  return `(CASE WHEN ${valid} THEN ${fromNs(`${dateNs(date)} + ${tod}`)} END)`;
}

/** make_timespan(h, m) | (h, m, s) | (d, h, m, s) -> ticks. */
function makeTimespan(args: Arg[], _t: KType, call: { pos?: number }): string {
  const a = args.map((x) => x.sql);
  const [d, h, m, s] = a.length === 4 ? a : a.length === 3 ? ['0', ...a] : a.length === 2 ? ['0', a[0]!, a[1]!, '0'] : [];
  if (d === undefined) throw new UnsupportedFeature(`make_timespan() with ${a.length} arguments`, call.pos ?? 0);
  return `(CAST(${d} AS BIGINT) * ${TICKS_DAY} + CAST(${h} AS BIGINT) * 36000000000 + CAST(${m} AS BIGINT) * 600000000 + CAST(round(CAST(${s} AS DOUBLE) * 10000000) AS BIGINT))`;
}

/** unixtime_*_todatetime: `perUnitNs` nanoseconds per input unit; reals keep 100 ns precision. */
function unixtime(perUnitNs: number): ScalarEmitter {
  return ([a]) => {
    if (a!.type === 'real' || a!.type === 'decimal' || a!.type === 'dynamic') {
      const v = a!.type === 'dynamic' ? `TRY_CAST(json_extract_string(${a!.sql}, '$') AS DOUBLE)` : `CAST(${a!.sql} AS DOUBLE)`;
      return fromNs(`CAST(floor(${v} * ${perUnitNs / 100}) AS BIGINT) * 100`);
    }
    if (perUnitNs === 1) return fromNs(floorTo(`CAST(${a!.sql} AS BIGINT)`, '100'));
    return fromNs(`CAST(${a!.sql} AS BIGINT) * ${perUnitNs}`);
  };
}

/** datetime_utc_to_local / datetime_local_to_utc through DuckDB's ICU time zones. */
function utcToLocal([dt, tz]: Arg[]): string {
  const micros = `CAST(${dt!.sql} AS TIMESTAMP)`;
  // wall clock in tz of the instant, minus the instant: the zone offset (whole µs)
  const offsetUs = `(epoch_us(timezone(${tz!.sql}, timezone('UTC', ${micros}))) - epoch_us(${micros}))`;
  return knownZone(tz!, fromNs(`${ns(dt!)} + ${offsetUs} * 1000`));
}
/** Null (not a failed query) for a time zone name ICU does not know. */
function knownZone(tz: Arg, sql: string): string {
  return `(CASE WHEN ${tz.sql} IN (SELECT name FROM pg_timezone_names()) THEN ${sql} END)`;
}
function localToUtc([dt, tz]: Arg[]): string {
  const micros = `CAST(${dt!.sql} AS TIMESTAMP)`;
  // ICU reads the wall clock as an instant; the zone offset in force at that instant is then
  // used, so a wall time inside a spring-forward gap takes the new offset (as Kusto does)
  const instant = `timezone(${tz!.sql}, ${micros})`;
  const offsetUs = `(epoch_us(timezone(${tz!.sql}, ${instant})) - epoch_us(${instant}))`;
  return knownZone(tz!, fromNs(`${ns(dt!)} - ${offsetUs} * 1000`));
}

export const datetimeFunctions: Record<string, ScalarEmitter> = {
  bin: binEmitter,
  floor: binEmitter,
  bin_at: binAtEmitter,
  startofday: startEmitter('day'),
  startofweek: startEmitter('week'),
  startofmonth: startEmitter('month'),
  startofyear: startEmitter('year'),
  endofday: endEmitter('day'),
  endofweek: endEmitter('week'),
  endofmonth: endEmitter('month'),
  endofyear: endEmitter('year'),
  dayofweek: ([a]) => `(${floorMod(`${dayNum(a!)} + 4`, '7')} * ${TICKS_DAY})`,
  dayofmonth: ([a], t) => cast(`day(${dateOf(a!)})`, t),
  dayofyear: ([a], t) => cast(`dayofyear(${dateOf(a!)})`, t),
  hourofday: ([a], t) => cast(`(${timeOfDay(a!)} // ${NS_HOUR})`, t),
  getmonth: ([a], t) => cast(`month(${dateOf(a!)})`, t),
  monthofyear: ([a], t) => cast(`month(${dateOf(a!)})`, t),
  getyear: ([a], t) => cast(`year(${dateOf(a!)})`, t),
  weekofyear: ([a], t) => cast(`week(${dateOf(a!)})`, t),
  week_of_year: ([a], t) => cast(`week(${dateOf(a!)})`, t),
  datetime_part: (args, t, call) => datetimePart(args, t, call),
  datetime_add: (args, t, call) => datetimeAdd(args, t, call),
  datetime_diff: (args, t, call) => datetimeDiff(args, t, call),
  make_datetime: (args, t, call) => makeDatetime(args, t, call),
  make_timespan: (args, t, call) => makeTimespan(args, t, call),
  unixtime_seconds_todatetime: unixtime(1e9),
  unixtime_milliseconds_todatetime: unixtime(1e6),
  unixtime_microseconds_todatetime: unixtime(1e3),
  unixtime_nanoseconds_todatetime: unixtime(1),
  datetime_utc_to_local: (args) => utcToLocal(args),
  datetime_local_to_utc: (args) => localToUtc(args),
  ...datetimeFormatFunctions,
};

function binEmitter(...[args, type]: Parameters<ScalarEmitter>): string {
  const [a, s] = args;
  if (a!.type === 'datetime') return fromNs(floorTo(ns(a!), `(CAST(${s!.sql} AS BIGINT) * 100)`));
  if (a!.type === 'timespan') return floorTo(a!.sql, s!.sql);
  if (a!.type === 'long' || a!.type === 'int') {
    if (s!.type === 'real' || s!.type === 'decimal') return `CAST(floor(${a!.sql} / ${s!.sql}) * ${s!.sql} AS DOUBLE)`;
    return `CAST(${floorTo(a!.sql, s!.sql)} AS ${type === 'int' ? 'INTEGER' : 'BIGINT'})`;
  }
  return `(floor(${a!.sql} / ${s!.sql}) * ${s!.sql})`;
}

/** bin_at(value, size, fixed): bins aligned so that `fixed` starts a bin. */
function binAtEmitter(...[args, type]: Parameters<ScalarEmitter>): string {
  const [a, s, f] = args;
  if (a!.type === 'datetime') {
    const step = `(CAST(${s!.sql} AS BIGINT) * 100)`;
    return fromNs(`${floorTo(`${ns(a!)} - ${ns(f!)}`, step)} + ${ns(f!)}`);
  }
  if (a!.type === 'timespan' || ((a!.type === 'long' || a!.type === 'int') && s!.type !== 'real' && s!.type !== 'decimal' && f!.type !== 'real')) {
    return cast(`${floorTo(`${a!.sql} - ${f!.sql}`, s!.sql)} + ${f!.sql}`, type);
  }
  return cast(`(floor((${a!.sql} - ${f!.sql}) / ${s!.sql}) * ${s!.sql} + ${f!.sql})`, type);
}
