/** Shared types of the DuckDB emitter. */
import type { Expr, KType } from '../../plan/types.ts';
import { UnsupportedFeature } from '../../errors.ts';

/** An emitted argument: its SQL, its Kusto type and the plan expression (to look at literals). */
export interface Arg { readonly sql: string; readonly type: KType; readonly e: Expr }

/** Emits a scalar function call. `type` is the call's result type. */
export type ScalarEmitter = (args: Arg[], type: KType, call: Expr & { k: 'call' }) => string;

/** Emits an aggregate; `orderBy` is set when the input is sorted and the aggregate keeps row order (make_list). */
export type AggregateEmitter = (args: Arg[], type: KType, pos?: number, orderBy?: string) => string;

/** A typed null literal (a now()-relative literal never is one; checking it must not read its value). */
export function isNullLiteral(e: Expr): boolean {
  return e.k === 'lit' && e.now === undefined && e.value === null;
}

/** String value of a literal argument, or undefined. */
export function litString(a: Arg | undefined): string | undefined {
  return a && a.e.k === 'lit' && a.e.type === 'string' && typeof a.e.value === 'string' ? a.e.value : undefined;
}
export function litNumber(a: Arg | undefined): number | undefined {
  if (!a || a.e.k !== 'lit') return undefined;
  const v = a.e.value;
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : undefined;
}

/** Emitters that refuse functions by name, each with the reason it gives: `{ fn: 'fn() (why)' }`. */
export function refused(reasons: Record<string, string>): Record<string, ScalarEmitter> {
  const out: Record<string, ScalarEmitter> = {};
  for (const [name, what] of Object.entries(reasons)) out[name] = (_a, _t, call) => { throw new UnsupportedFeature(what, call.pos); };
  return out;
}
