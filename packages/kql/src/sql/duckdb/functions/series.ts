/**
 * range(start, stop [, step]): a dynamic array of equally spaced values from start up to
 * stop (inclusive) — numbers, datetimes or timespans; the step defaults to 1, or 1h for
 * datetimes and timespans. Kusto caps the array at 1,048,576 elements; a zero step or a
 * null argument gives null.
 */
import type { KType } from '../../../plan/types.ts';
import type { Arg, ScalarEmitter } from '../types.ts';

const MAX_ELEMENTS = 1048576;
const HOUR_TICKS = '36000000000';

/** The numeric value of an argument used for the arithmetic (datetimes as ticks). */
function num(a: Arg, real: boolean): string {
  if (a.type === 'datetime') return `(epoch_ns(${a.sql}) // 100)`;
  return `CAST(${a.sql} AS ${real ? 'DOUBLE' : 'BIGINT'})`;
}

const range: ScalarEmitter = (args) => {
  const [a, b, c] = args;
  if (!a || !b) return 'CAST(NULL AS JSON)';
  const kind: KType = a.type === 'datetime' ? 'datetime' : a.type === 'timespan' ? 'timespan' : args.some((x) => x.type === 'real' || x.type === 'decimal') ? 'real' : 'long';
  const real = kind === 'real';
  const start = num(a, real);
  const stop = num(b, real);
  const step = c ? num(c, real) : kind === 'datetime' || kind === 'timespan' ? HOUR_TICKS : real ? 'CAST(1 AS DOUBLE)' : 'CAST(1 AS BIGINT)';
  // element count, computed in DOUBLE so that huge spans cannot overflow
  const count = `least(CAST(floor((CAST(${stop} AS DOUBLE) - CAST(${start} AS DOUBLE)) / CAST(${step} AS DOUBLE)) AS HUGEINT) + 1, ${MAX_ELEMENTS})`;
  const at = `(${start} + __hb_i * ${step})`;
  let element: string;
  switch (kind) {
    case 'datetime': element = `hb_format_datetime(make_timestamp_ns(CAST(${at} AS BIGINT) * 100))`; break;
    case 'timespan': element = `hb_format_timespan(CAST(${at} AS BIGINT))`; break;
    default: element = at;
  }
  const list = `list_transform(generate_series(0, CAST(${count} AS BIGINT) - 1), lambda __hb_i: ${element})`;
  return `(CASE WHEN ${start} IS NULL OR ${stop} IS NULL OR ${step} IS NULL OR ${step} = 0 THEN CAST(NULL AS JSON)`
    + ` WHEN (${stop} - ${start}) / ${step} < 0 THEN CAST('[]' AS JSON) ELSE to_json(${list}) END)`;
};

export const seriesFunctions: Record<string, ScalarEmitter> = { range };
