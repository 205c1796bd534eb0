/** IPv4 / IPv6 functions. */
import type { ScalarEmitter } from '../types.ts';

/** TEMP macros the IP functions rely on (appended to DUCKDB_PRELUDE). */
export const IP_PRELUDE: readonly string[] = [];

export const ipFunctions: Record<string, ScalarEmitter> = {};
