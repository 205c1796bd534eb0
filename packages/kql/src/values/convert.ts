/**
 * Engine values -> the result conventions (Kusto REST v2): numbers as JSON numbers, NaN and
 * infinities as strings, datetimes as ISO 8601 UTC, timespans as [-][d.]hh:mm:ss[.fffffff],
 * dynamic as JSON values, guid and decimal as strings, strings never null.
 */
import type { KType } from '../plan/types.ts';
import { formatDatetime, formatTimespan } from '../plan/literals.ts';

export type ResultValue = null | boolean | number | string | unknown[] | { [k: string]: unknown };

/** Convert one raw DuckDB value (from @duckdb/node-api's getRows) to the contract value of a Kusto type. */
export function fromDuckDb(v: unknown, type: KType): ResultValue {
  if (v === null || v === undefined) return type === 'string' ? '' : null;
  switch (type) {
    case 'string': return typeof v === 'string' ? v : String(v);
    case 'bool': return Boolean(v);
    case 'int': case 'long': return toNumber(v);
    case 'real': {
      const n = typeof v === 'number' ? v : Number(String(v));
      if (Number.isNaN(n)) return 'NaN';
      if (n === Infinity) return 'Infinity';
      if (n === -Infinity) return '-Infinity';
      return n;
    }
    case 'decimal': return trimDecimal(String(v));
    case 'guid': return String(v);
    case 'datetime': {
      const o = v as { nanos?: bigint; micros?: bigint; days?: number };
      const ns = o.nanos ?? (o.micros !== undefined ? o.micros * 1000n : o.days !== undefined ? BigInt(o.days) * 86400000000000n : undefined);
      if (ns === undefined) return String(v);
      return formatDatetime(floorDiv(ns, 100n));
    }
    case 'timespan': {
      if (typeof v === 'bigint') return formatTimespan(v);
      if (typeof v === 'number') return formatTimespan(BigInt(Math.round(v)));
      const iv = v as { months?: number; days?: number; micros?: bigint };
      if (iv.micros !== undefined) return formatTimespan(BigInt((iv.months ?? 0) * 30 + (iv.days ?? 0)) * 864000000000n + iv.micros * 10n);
      return String(v);
    }
    case 'dynamic': {
      if (typeof v !== 'string') return v as ResultValue;
      try { return JSON.parse(v) as ResultValue; } catch { return v; }
    }
  }
}

/** "2.500000" -> "2.5", "3.000" -> "3" (DuckDB prints the full DECIMAL(38,18) scale). */
function trimDecimal(s: string): string {
  if (!s.includes('.') || /e/i.test(s)) return s;
  const t = s.replace(/0+$/, '').replace(/\.$/, '');
  return t === '-0' ? '0' : t;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function toNumber(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  return Number(String(v));
}

