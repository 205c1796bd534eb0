/**
 * Functions computed by the JavaScript UDFs of ../udfs.ts: hash()/hash_xxhash64() (Kusto's
 * XXH64 values), parse_xml() and parse_user_agent().
 */
import type { Arg, ScalarEmitter } from '../types.ts';
import type { Expr } from '../../../plan/types.ts';
import { litString } from '../types.ts';
import { str } from '../quote.ts';
import { EPOCH_DOTNET_TICKS } from '../coerce.ts';
import { UnsupportedFeature } from '../../../errors.ts';
import { text } from './strings.ts';
import { UA_TARGETS, type UaTarget } from '../udf-impl/user-agent.ts';

/**
 * XXH64 with seed 0 over what Kusto hashes: a string's UTF-8 bytes, a datetime's .NET ticks
 * as 8 little-endian bytes (both reproduce the documented values). `mod` gives Kusto's
 * non-negative `hash % mod`. Other types are refused: the bytes Kusto hashes for them are not
 * documented.
 */
function hash(name: string): ScalarEmitter {
  return ([x, mod], _t, call) => {
    const m = mod ? `, CAST(${mod.sql} AS BIGINT)` : '';
    const fn = mod ? '_mod' : '';
    if (x!.type === 'string') return `hb_udf_xxhash64_str${fn}(${text(x!)}${m})`;
    if (x!.type === 'datetime') return `hb_udf_xxhash64_i64${fn}(epoch_ns(${x!.sql}) // 100 + ${EPOCH_DOTNET_TICKS}${m})`;
    throw new UnsupportedFeature(`${name}() of a ${x!.type} value (only string and datetime values hash to Kusto's documented numbers)`, call.pos);
  };
}

/** The look-for argument of parse_user_agent: a literal string or a literal dynamic array of them. */
function uaTargets(a: Arg, call: Expr & { k: 'call' }): UaTarget[] {
  const lit = litString(a);
  const v = a.e.k === 'lit' && a.e.value !== null && typeof a.e.value === 'object' ? a.e.value.json : undefined;
  const list = lit !== undefined ? [lit] : Array.isArray(v) ? v : undefined;
  if (!list || !list.length || !list.every((t): t is string => typeof t === 'string' && (UA_TARGETS as readonly string[]).includes(t.toLowerCase()))) {
    throw new UnsupportedFeature('parse_user_agent() look-for other than a literal "browser", "os", "device" or a literal dynamic array of them', call.pos);
  }
  return [...new Set(list.map((t) => t.toLowerCase() as UaTarget))];
}

export const udfFunctions: Record<string, ScalarEmitter> = {
  hash: hash('hash'),
  hash_xxhash64: hash('hash_xxhash64'),
  parse_xml: ([x]) => `CAST(hb_udf_parse_xml(${text(x!)}) AS JSON)`,
  parse_user_agent: ([ua, look], _t, call) => `CAST(hb_udf_parse_user_agent(${text(ua!)}, ${str(uaTargets(look!, call).join(','))}) AS JSON)`,
};
