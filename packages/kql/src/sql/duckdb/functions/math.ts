/**
 * Math, bitwise and logical functions. Kusto follows .NET: out-of-domain arguments give NaN
 * (acos(2)) or null (sqrt(-1), log(-1)), never an error; DuckDB raises errors there, so the
 * domain is checked before calling it.
 */
import type { KType } from '../../../plan/types.ts';
import { SQL_TYPE } from '../quote.ts';
import type { Arg, ScalarEmitter } from '../types.ts';

const dbl = (a: Arg): string => (a.type === 'real' ? a.sql : `CAST(${a.sql} AS DOUBLE)`);
const cast = (sql: string, t: KType): string => `CAST(${sql} AS ${SQL_TYPE[t]})`;
const big = (a: Arg): string => (a.type === 'long' ? a.sql : `CAST(${a.sql} AS BIGINT)`);

/** A real function of one real argument, NaN outside [lo, hi]. */
function bounded(fn: string, lo: number, hi: number): ScalarEmitter {
  return ([a]) => `(CASE WHEN ${dbl(a!)} BETWEEN ${lo} AND ${hi} THEN ${fn}(${dbl(a!)}) WHEN ${dbl(a!)} IS NOT NULL THEN CAST('NaN' AS DOUBLE) END)`;
}
/** A real function of one argument that is only finite-valued on finite input (sin, cos...). */
function trig(fn: string): ScalarEmitter {
  return ([a]) => `(CASE WHEN isfinite(${dbl(a!)}) THEN ${fn}(${dbl(a!)}) WHEN ${dbl(a!)} IS NOT NULL THEN CAST('NaN' AS DOUBLE) END)`;
}
/** Logarithms: null below zero, -Infinity at zero. */
function logarithm(fn: string): ScalarEmitter {
  return ([a]) => `(CASE WHEN ${dbl(a!)} > 0 THEN ${fn}(${dbl(a!)}) WHEN ${dbl(a!)} = 0 THEN CAST('-Infinity' AS DOUBLE) END)`;
}

/** max_of / min_of: nulls are ignored (DuckDB's greatest/least skip NULLs). */
function extreme(fn: 'greatest' | 'least'): ScalarEmitter {
  return (args, t) => {
    const parts = args.map((a) => (a.type === t ? a.sql : cast(a.sql, t)));
    return parts.length === 1 ? parts[0]! : `${fn}(${parts.join(', ')})`;
  };
}

/**
 * a << n with .NET's wrap-around (DuckDB errors on overflow): the bits that stay below the
 * sign bit are shifted, and the bit that lands on the sign bit sets it. Null for n < 0.
 */
function shiftLeft(a: string, n: string): string {
  const k = `CAST(${n} % 64 AS INTEGER)`;
  const keep = `CAST((CAST(1 AS HUGEINT) << (63 - ${k})) - 1 AS BIGINT)`;
  const sign = `(CASE WHEN ((${a}) >> (63 - ${k})) & 1 = 1 THEN CAST(-9223372036854775808 AS BIGINT) ELSE CAST(0 AS BIGINT) END)`;
  return `(CASE WHEN ${n} >= 0 THEN (((${a}) & ${keep}) << ${k}) | ${sign} END)`;
}

export const mathFunctions: Record<string, ScalarEmitter> = {
  abs: ([a], t) => cast(`abs(${a!.sql})`, t),
  sqrt: ([a]) => `(CASE WHEN ${dbl(a!)} >= 0 OR isnan(${dbl(a!)}) THEN sqrt(${dbl(a!)}) END)`,
  round: ([a, p], t) => {
    if (a!.type === 'real' || a!.type === 'decimal') return cast(`round(${a!.sql}, ${p ? `CAST(${p.sql} AS INTEGER)` : '0'})`, t);
    if (!p) return cast(a!.sql, t);
    // integers: rounding to a negative precision (tens, hundreds), half away from zero
    return cast(`round(CAST(${a!.sql} AS DOUBLE), CAST(${p.sql} AS INTEGER))`, t);
  },
  ceiling: ([a], t) => cast(`ceiling(${a!.sql})`, t),
  exp: ([a]) => `exp(${dbl(a!)})`,
  exp2: ([a]) => `pow(2.0, ${dbl(a!)})`,
  exp10: ([a]) => `pow(10.0, ${dbl(a!)})`,
  log: logarithm('ln'),
  log2: logarithm('log2'),
  log10: logarithm('log10'),
  pow: ([a, b]) => `pow(${dbl(a!)}, ${dbl(b!)})`,
  sign: ([a], t) => cast(`sign(${a!.sql})`, t),
  max_of: extreme('greatest'),
  min_of: extreme('least'),
  isnan: ([a]) => `isnan(${dbl(a!)})`,
  isinf: ([a]) => `isinf(${dbl(a!)})`,
  isfinite: ([a]) => `isfinite(${dbl(a!)})`,
  // rand(N): a whole number in [0, N), typed as the binder says (real)
  rand: ([n], t) => (n ? cast(`floor(random() * ${dbl(n)})`, t) : 'random()'),
  new_guid: () => 'uuid()',
  pi: () => 'pi()',
  cos: trig('cos'),
  sin: trig('sin'),
  tan: trig('tan'),
  cot: ([a]) => `(CASE WHEN isfinite(${dbl(a!)}) THEN 1.0 / tan(${dbl(a!)}) WHEN ${dbl(a!)} IS NOT NULL THEN CAST('NaN' AS DOUBLE) END)`,
  acos: bounded('acos', -1, 1),
  asin: bounded('asin', -1, 1),
  atan: ([a]) => `atan(${dbl(a!)})`,
  atan2: ([y, x]) => `atan2(${dbl(y!)}, ${dbl(x!)})`,
  degrees: ([a]) => `degrees(${dbl(a!)})`,
  radians: ([a]) => `radians(${dbl(a!)})`,
  binary_and: ([a, b]) => `(${big(a!)} & ${big(b!)})`,
  binary_or: ([a, b]) => `(${big(a!)} | ${big(b!)})`,
  binary_xor: ([a, b]) => `xor(${big(a!)}, ${big(b!)})`,
  binary_not: ([a]) => `(~${big(a!)})`,
  // .NET shifts use the count modulo 64; bits shifted past the top are dropped
  binary_shift_left: ([a, n]) => shiftLeft(big(a!), `CAST(${n!.sql} AS BIGINT)`),
  binary_shift_right: ([a, n]) => `(CASE WHEN ${n!.sql} >= 0 THEN (${big(a!)} >> CAST(${n!.sql} % 64 AS INTEGER)) END)`,
  bitset_count_ones: ([a]) => `CAST(bit_count(${big(a!)}) AS BIGINT)`,
  not: ([a]) => `(NOT ${a!.sql})`,
  gamma: ([a]) => `gamma(${dbl(a!)})`,
  loggamma: ([a]) => `(CASE WHEN ${dbl(a!)} > 0 THEN lgamma(${dbl(a!)}) END)`,
  tohex: ([a, len]) => {
    // two's complement: 64 bits for long, 32 bits for int
    const v = a!.type === 'int' ? `(CASE WHEN ${a!.sql} < 0 THEN CAST(${a!.sql} AS BIGINT) + 4294967296 ELSE ${a!.sql} END)` : big(a!);
    const hex = `lower(to_hex(CAST(${v} AS BIGINT)))`;
    return len ? `COALESCE(lpad(${hex}, CAST(greatest(length(${hex}), ${len.sql}) AS INTEGER), '0'), '')` : `COALESCE(${hex}, '')`;
  },
};
