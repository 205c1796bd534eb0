/** Datetime and timespan functions. Datetimes are TIMESTAMP_NS, timespans BIGINT ticks (100 ns). */
import type { ScalarEmitter } from '../types.ts';

/** floor(x / step) * step for integers, exact for negative values too. */
export function floorTo(x: string, step: string): string {
  return `((${x}) - (((${x}) % (${step})) + (${step})) % (${step}))`;
}

export const datetimeFunctions: Record<string, ScalarEmitter> = {
  bin: binEmitter,
  floor: binEmitter,
  startofday: ([a, off]) => `make_timestamp_ns(${floorTo(`epoch_ns(${a!.sql})`, '86400000000000')}${off ? ` + ${off.sql} * 86400000000000` : ''})`,
};

function binEmitter(...[args, type]: Parameters<ScalarEmitter>): string {
  const [a, s] = args;
  if (a!.type === 'datetime') return `make_timestamp_ns(${floorTo(`epoch_ns(${a!.sql})`, `(${s!.sql} * 100)`)})`;
  if (a!.type === 'timespan') return floorTo(a!.sql, s!.sql);
  if (a!.type === 'long' || a!.type === 'int') {
    if (s!.type === 'real') return `CAST(floor(${a!.sql} / ${s!.sql}) * ${s!.sql} AS DOUBLE)`;
    return `CAST(${floorTo(a!.sql, s!.sql)} AS ${type === 'int' ? 'INTEGER' : 'BIGINT'})`;
  }
  return `(floor(${a!.sql} / ${s!.sql}) * ${s!.sql})`;
}
