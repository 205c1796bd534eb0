/**
 * parse-kv -> one RE2 regex per key over the source text (regexp_extract: the leftmost match,
 * i.e. the key's first occurrence), or, in regex mode, the user's two-group regex applied with
 * regexp_extract_all and the key looked up among the matches. A value may be quoted (one
 * quote pair per `quote=`, with `escape=` characters inside); the quotes are removed and
 * escapes resolved, an unquoted value is trimmed. The text then converts to the key's type.
 */
import type { Plan } from '../../../plan/types.ts';
import type { DuckDbEmitter } from '../emit.ts';
import { convert } from '../coerce.ts';
import { ident, reEscape, str } from '../quote.ts';

type ParseKvPlan = Plan & { op: 'parsekv' };

const SRC = ident('__hb_kv_s');
const KEYS = ident('__hb_kv_k');
const VALUES = ident('__hb_kv_v');
const ALNUM = '\\pL\\pN';

/** Characters escaped for use inside a RE2 character class. */
const cls = (chars: string): string => chars.replace(/[\\\]\[^-]/g, '\\$&');
const open = (q: string): string => q[0]!;
const close = (q: string): string => q[1] ?? q[0]!;

/** A quoted value, quotes included. */
function quotedRe(q: string, escapes: readonly string[]): string {
  const o = reEscape(open(q));
  const c = reEscape(close(q));
  if (!escapes.length) return `${o}[^${cls(close(q))}]*${c}`;
  const e = cls(escapes.join(''));
  return `${o}(?:[${e}][\\s\\S]|[^${cls(close(q))}${e}])*${c}`;
}

/** The regex whose group 1 is the raw value of `key`. */
function keyRegex(p: ParseKvPlan, key: string): string {
  const keyAlt = [reEscape(key), ...p.quotes.map((q) => `${reEscape(open(q))}${reEscape(key)}${reEscape(close(q))}`)].join('|');
  const quoted = p.quotes.map((q) => quotedRe(q, p.escapes));
  if (p.pairDelimiter === undefined || p.kvDelimiter === undefined) {
    // no delimiters: any non-alphanumeric character separates; a value is a run of alphanumerics
    const openers = cls(p.quotes.map(open).join(''));
    return `(?:^|[^${ALNUM}])(?:${keyAlt})[^${ALNUM}${openers}]+(${[...quoted, `[${ALNUM}]+`].join('|')})`;
  }
  const pd = reEscape(p.pairDelimiter);
  const kd = reEscape(p.kvDelimiter);
  const prefix = `(?:^|${pd})\\s*(?:${keyAlt})\\s*${kd}\\s*`;
  const value = `(${[...quoted, '[\\s\\S]*?'].join('|')})`;
  if (!p.greedy) return `${prefix}${value}\\s*(?:${pd}|$)`;
  // greedy: the value runs up to the next `pair-delimiter key kv-delimiter`
  const nextKey = [...p.quotes.map((q) => `${reEscape(open(q))}[^${cls(close(q))}]*${reEscape(close(q))}`), `[^${cls(p.pairDelimiter + p.kvDelimiter)}]+?`].join('|');
  return `${prefix}${value}\\s*(?:${pd}\\s*(?:${nextKey})\\s*${kd}|$)`;
}

/** Raw value text -> the value: quotes removed and escapes resolved, or trimmed. */
function cleanValue(p: ParseKvPlan, v: string): string {
  const trimmed = `regexp_replace(${v}, '^\\s+|\\s+$', '', 'g')`;
  if (!p.quotes.length) return trimmed;
  const unescape = (x: string): string => (p.escapes.length ? `regexp_replace(${x}, ${str(`[${cls(p.escapes.join(''))}]([\\s\\S])`)}, '\\1', 'g')` : x);
  const whens = p.quotes.map((q) => {
    const re = `^${reEscape(open(q))}([\\s\\S]*)${reEscape(close(q))}$`;
    return `WHEN regexp_matches(${v}, ${str(re)}) THEN ${unescape(`regexp_extract(${v}, ${str(re)}, 1)`)}`;
  });
  return `(CASE ${whens.join(' ')} ELSE ${trimmed} END)`;
}

export function emitParseKv(p: ParseKvPlan, em: DuckDbEmitter): string {
  const src = em.expr(p.source);
  const text = p.source.type === 'string' ? src : convert(src, p.source.type, 'string');
  const extra = [`COALESCE(${text}, '') AS ${SRC}`];
  if (p.regex !== undefined) {
    extra.push(`regexp_extract_all(${SRC}, ${str(p.regex)}, 1) AS ${KEYS}`, `regexp_extract_all(${SRC}, ${str(p.regex)}, 2) AS ${VALUES}`);
  }
  const raw = (key: string): string => p.regex !== undefined
    ? `COALESCE(${VALUES}[list_position(list_transform(${KEYS}, lambda __hb_x: trim(__hb_x)), ${str(key)})], '')`
    : `regexp_extract(${SRC}, ${str(keyRegex(p, key))}, 1)`;
  const byName = new Map(p.keys.map((k) => [k.name, k]));
  const cols = p.columns.map((c) => {
    const k = byName.get(c.name);
    if (!k) return ident(c.name);
    const value = cleanValue(p, raw(k.name));
    return `${k.type === 'string' ? value : convert(value, 'string', k.type)} AS ${ident(c.name)}`;
  });
  const inner = `SELECT *, ${extra[0]} FROM ${em.from(p.input)}`;
  const withLists = extra.length > 1 ? `SELECT *, ${extra.slice(1).join(', ')} FROM (${inner}) AS ${em.next('kv')}` : inner;
  return `SELECT ${cols.join(', ')} FROM (${withLists}) AS ${em.next('kv')}`;
}

export const parsekvEmitters = { parsekv: emitParseKv };
