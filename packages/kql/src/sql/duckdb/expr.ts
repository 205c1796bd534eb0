/** Scalar expressions -> DuckDB SQL. Operators live here; named functions in functions/. */
import { UnsupportedFeature, InvalidQuery } from '../../errors.ts';
import { formatDatetime } from '../../plan/literals.ts';
import type { Expr, KType, Plan } from '../../plan/types.ts';
import { ident, str, reEscape, SQL_TYPE } from './quote.ts';
import { convert } from './coerce.ts';
import { SCALARS } from './functions/index.ts';
import { AGGREGATE_EMITTERS } from './aggregates.ts';
import { litNumber, litString, isNullLiteral, type Arg } from './types.ts';
import { sortArraysSql } from './functions/dynamic.ts';
import { nowPlaceholder } from '../now.ts';


/** Emits a nested plan as a SELECT (for toscalar and `in (T)`); provided by emit.ts. */
export type PlanEmitter = (p: Plan) => string;

export interface ExprEnv {
  /** qualify column references (join conditions): prefix alias */
  readonly qualifier?: string;
  readonly plan: PlanEmitter;
  /** SQL for an aggregate group's struct pick (arg_max ...), set by the summarize emitter */
  readonly aggregate?: (e: Expr & { k: 'agg' }) => string;
}

export function literalSql(type: KType, value: unknown): string {
  if (value === null || value === undefined) return `CAST(NULL AS ${SQL_TYPE[type]})`;
  switch (type) {
    case 'bool': return value ? 'TRUE' : 'FALSE';
    case 'int': return `CAST(${String(value)} AS INTEGER)`;
    case 'long': return `CAST(${String(value)} AS BIGINT)`;
    case 'timespan': return `CAST(${String(value)} AS BIGINT)`;
    case 'real': {
      const n = Number(value);
      if (Number.isNaN(n)) return `CAST('NaN' AS DOUBLE)`;
      if (n === Infinity) return `CAST('Infinity' AS DOUBLE)`;
      if (n === -Infinity) return `CAST('-Infinity' AS DOUBLE)`;
      return `CAST(${String(n)} AS DOUBLE)`;
    }
    case 'decimal': return `CAST(${str(String(value))} AS DECIMAL(38,18))`;
    case 'string': return str(String(value));
    case 'datetime': return datetimeLiteral(value as bigint);
    case 'guid': return `CAST(${str(String(value))} AS UUID)`;
    case 'dynamic': {
      const j = (value as { json: unknown }).json;
      if (j === null) return `CAST('null' AS JSON)`;
      return `CAST(${str(JSON.stringify(j))} AS JSON)`;
    }
  }
}

/**
 * A condition whose null result means the same as false (where, join on): the top level and the
 * operands of and/or. Lets == stay a plain SQL comparison that DuckDB can push into the scan.
 */
export function emitPredicate(e: Expr, env: ExprEnv): string {
  if (e.k === 'call' && e.fn === 'or' && e.args.length === 2) {
    const merged = mergedHasOr(e, env);
    if (merged) return merged;
  }
  if (e.k === 'call' && (e.fn === 'and' || e.fn === 'or') && e.args.length === 2) {
    return `(${emitPredicate(e.args[0]!, env)} ${e.fn === 'and' ? 'AND' : 'OR'} ${emitPredicate(e.args[1]!, env)})`;
  }
  if (e.k === 'call' && e.fn === '==' && e.args.length === 2) return compare('==', arg(e.args[0]!, env), arg(e.args[1]!, env), true);
  return emitExpr(e, env);
}

/** TIMESTAMP_NS range (1677-09-22 .. 2262-04-11) in ticks. */
// a little inside the range: DuckDB's text parsing of TIMESTAMP_NS fails in the last microseconds
const MIN_NS_TICKS = -92233720368547758n + 100n;
const MAX_NS_TICKS = 92233720368547758n - 100n;

/**
 * A datetime constant as a typed literal, so DuckDB can prune row groups with it (a function
 * call such as make_timestamp_ns(...) hides the constant from the scan's min/max pruning).
 */
export function datetimeLiteral(ticks: bigint): string {
  if (ticks < MIN_NS_TICKS || ticks > MAX_NS_TICKS) return `make_timestamp_ns(CAST(${String(ticks)} AS BIGINT) * 100)`;
  const iso = formatDatetime(ticks);
  return `TIMESTAMP_NS '${iso.replace('T', ' ').replace('Z', '')}'`;
}

export function emitExpr(e: Expr, env: ExprEnv): string {
  switch (e.k) {
    case 'lit': return e.now !== undefined ? nowPlaceholder(e.now) : literalSql(e.type, e.value);
    case 'col': return env.qualifier ? `${env.qualifier}.${ident(e.name)}` : ident(e.name);
    case 'case': {
      const whens = e.whens.map((w) => `WHEN ${emitExpr(w.cond, env)} THEN ${castTo(w.then, e.type, env)}`).join(' ');
      return `(CASE ${whens} ELSE ${castTo(e.else, e.type, env)} END)`;
    }
    case 'scalar': return `(SELECT ${ident(e.plan.columns[0]!.name)} FROM (${env.plan(e.plan)}) LIMIT 1)`;
    case 'tableset': return `(SELECT ${ident(e.plan.columns[0]!.name)} FROM (${env.plan(e.plan)}))`;
    case 'list': return `(${e.items.map((i) => emitExpr(i, env)).join(', ')})`;
    case 'agg': {
      if (env.aggregate) return env.aggregate(e);
      throw new UnsupportedFeature(`the aggregate ${e.fn}() outside summarize`, e.pos);
    }
    case 'win': throw new UnsupportedFeature(`${e.fn}() in this position`, e.pos);
    case 'call': return emitCall(e, env);
  }
}

/** Emit `e` converted to type `t` when it differs (branches of iff/case, datatable cells). */
export function castTo(e: Expr, t: KType, env: ExprEnv): string {
  const sql = emitExpr(e, env);
  if (e.type === t) return sql;
  if (isNullLiteral(e)) return `CAST(NULL AS ${SQL_TYPE[t]})`;
  if (isNumeric(e.type) && isNumeric(t)) return `CAST(${sql} AS ${SQL_TYPE[t]})`;
  return convert(sql, e.type, t);
}

export function isNumeric(t: KType): boolean { return t === 'int' || t === 'long' || t === 'real' || t === 'decimal'; }

function arg(e: Expr, env: ExprEnv): Arg { return { sql: emitExpr(e, env), type: e.type, e }; }

/** Bring two operands to a comparable pair of SQL texts (dynamic vs typed, mixed numbers). */
function comparable(a: Arg, b: Arg): [string, string] {
  if (a.type === 'dynamic' && b.type !== 'dynamic') return [convert(a.sql, 'dynamic', b.type), b.sql];
  if (b.type === 'dynamic' && a.type !== 'dynamic') return [a.sql, convert(b.sql, 'dynamic', a.type)];
  // a string compared with a typed value is read as that type (datetime == '2024-01-01')
  if (a.type === 'string' && b.type !== 'string') return [convert(a.sql, 'string', b.type), b.sql];
  if (b.type === 'string' && a.type !== 'string') return [a.sql, convert(b.sql, 'string', a.type)];
  return [a.sql, b.sql];
}

/** Is this argument a literal that is not null (so null handling can be simplified)? */
function nonNullLiteral(a: Arg): boolean { return a.e.k === 'lit' && !isNullLiteral(a.e); }

/**
 * Kusto's == and != with nulls: one null side makes == false and != true; two null sides
 * give null; strings are never null.
 */
function compare(op: string, a: Arg, b: Arg, predicate = false): string {
  const [x, y] = comparable(a, b);
  const sqlOp = BINARY_COMPARE[op]!;
  if (op !== '==' && op !== '!=' && op !== '<>') return `(${x} ${sqlOp} ${y})`;
  const eq = op === '==';
  // as a filter, null and false both drop the row: plain SQL equality is exact (and lets DuckDB push it down)
  if (eq && predicate) return `(${x} = ${y})`;
  if (a.type === 'string' && b.type === 'string') return `(${x} ${sqlOp} ${y})`;
  if (nonNullLiteral(b) || nonNullLiteral(a)) {
    const other = nonNullLiteral(b) ? x : y;
    return eq ? `COALESCE(${x} = ${y}, FALSE)` : `(${other} IS NULL OR ${x} <> ${y})`;
  }
  return `(CASE WHEN (${x} IS NULL) <> (${y} IS NULL) THEN ${eq ? 'FALSE' : 'TRUE'} ELSE ${x} ${sqlOp} ${y} END)`;
}

function asString(a: Arg): string { return a.type === 'string' ? a.sql : convert(a.sql, a.type, 'string'); }

const BINARY_COMPARE: Record<string, string> = { '==': '=', '!=': '<>', '<>': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** String operators: (haystack SQL, needle SQL) -> boolean SQL. */
const STRING_OPS: Record<string, (s: string, t: string) => string> = {
  '=~': (s, t) => `(lower(${s}) = lower(${t}))`,
  '!~': (s, t) => `(lower(${s}) <> lower(${t}))`,
  contains: (s, t) => `contains(lower(${s}), lower(${t}))`,
  '!contains': (s, t) => `(NOT contains(lower(${s}), lower(${t})))`,
  contains_cs: (s, t) => `contains(${s}, ${t})`,
  '!contains_cs': (s, t) => `(NOT contains(${s}, ${t}))`,
  startswith: (s, t) => `starts_with(lower(${s}), lower(${t}))`,
  '!startswith': (s, t) => `(NOT starts_with(lower(${s}), lower(${t})))`,
  startswith_cs: (s, t) => `starts_with(${s}, ${t})`,
  '!startswith_cs': (s, t) => `(NOT starts_with(${s}, ${t}))`,
  endswith: (s, t) => `ends_with(lower(${s}), lower(${t}))`,
  '!endswith': (s, t) => `(NOT ends_with(lower(${s}), lower(${t})))`,
  endswith_cs: (s, t) => `ends_with(${s}, ${t})`,
  '!endswith_cs': (s, t) => `(NOT ends_with(${s}, ${t}))`,
  has: (s, t) => `hb_has(${s}, ${t})`,
  '!has': (s, t) => `(NOT hb_has(${s}, ${t}))`,
  has_cs: (s, t) => `hb_has_cs(${s}, ${t})`,
  '!has_cs': (s, t) => `(NOT hb_has_cs(${s}, ${t}))`,
  hasprefix: (s, t) => `hb_hasprefix(${s}, ${t})`,
  '!hasprefix': (s, t) => `(NOT hb_hasprefix(${s}, ${t}))`,
  hasprefix_cs: (s, t) => `(starts_with(${s}, ${t}) OR regexp_matches(${s}, '[^\\pL\\pN]' || regexp_escape(${t})))`,
  '!hasprefix_cs': (s, t) => `(NOT (starts_with(${s}, ${t}) OR regexp_matches(${s}, '[^\\pL\\pN]' || regexp_escape(${t}))))`,
  hassuffix: (s, t) => `hb_hassuffix(${s}, ${t})`,
  '!hassuffix': (s, t) => `(NOT hb_hassuffix(${s}, ${t}))`,
  hassuffix_cs: (s, t) => `(ends_with(${s}, ${t}) OR regexp_matches(${s}, regexp_escape(${t}) || '[^\\pL\\pN]'))`,
  '!hassuffix_cs': (s, t) => `(NOT (ends_with(${s}, ${t}) OR regexp_matches(${s}, regexp_escape(${t}) || '[^\\pL\\pN]')))`,
  'matches regex': (s, t) => `regexp_matches(${s}, ${t})`,
};

function emitCall(e: Expr & { k: 'call' }, env: ExprEnv): string {
  const fn = e.fn;
  // operators over a list on the right
  if (fn === 'in' || fn === '!in' || fn === 'in~' || fn === '!in~') return emitIn(e, env);
  if (fn === 'has_any' || fn === 'has_all') return emitHasAnyAll(e, env);
  if (fn === 'getindex') return getIndex(e, env);

  if (fn === 'tostring' && e.args.length === 1) {
    const fused = jsonPathText(e.args[0]!, env);
    if (fused) return fused;
  }
  const args = e.args.map((a) => arg(a, env));
  const [a, b] = args;
  if (fn in BINARY_COMPARE && a && b) {
    return compare(fn, a, b);
  }
  const bText = litString(b);
  if (a && bText !== undefined) {
    const lit = literalTermOp(fn, asString(a), bText);
    if (lit) return lit;
  }
  const sop = STRING_OPS[fn];
  if (sop && a && b) return sop(asString(a), asString(b));
  switch (fn) {
    case 'and': return `(${a!.sql} AND ${b!.sql})`;
    case 'or': return `(${a!.sql} OR ${b!.sql})`;
    case 'neg': return `(-${a!.sql})`;
    case '+': return add(a!, b!, e.type);
    case '-': return sub(a!, b!, e.type);
    case '*': return mul(a!, b!, e.type);
    case '/': return div(a!, b!, e.type);
    case '%': return modulo(a!, b!, e.type);
    case 'between': case '!between': {
      const c = args[2]!;
      const hi = a!.type === 'datetime' && c.type === 'timespan' ? add(args[1]!, c, 'datetime') : c.sql;
      return `(${a!.sql} ${fn === '!between' ? 'NOT ' : ''}BETWEEN ${args[1]!.sql} AND ${hi})`;
    }
    case '__raw': return String((e.args[0] as { value: unknown }).value);
    case 'getpath': return getPath(a!, b!);
  }
  const f = SCALARS[fn];
  if (!f) throw new UnsupportedFeature(`the function ${fn}()`, e.pos);
  return f(args, e.type, e);
}

function add(a: Arg, b: Arg, t: KType): string {
  if (a.type === 'datetime' && b.type === 'timespan') return `make_timestamp_ns(epoch_ns(${a.sql}) + ${b.sql} * 100)`;
  if (a.type === 'timespan' && b.type === 'datetime') return `make_timestamp_ns(epoch_ns(${b.sql}) + ${a.sql} * 100)`;
  return numeric('+', a, b, t);
}

function sub(a: Arg, b: Arg, t: KType): string {
  if (a.type === 'datetime' && b.type === 'datetime') return `((epoch_ns(${a.sql}) - epoch_ns(${b.sql})) // 100)`;
  if (a.type === 'datetime' && b.type === 'timespan') return `make_timestamp_ns(epoch_ns(${a.sql}) - ${b.sql} * 100)`;
  return numeric('-', a, b, t);
}

function mul(a: Arg, b: Arg, t: KType): string {
  if (t === 'timespan') {
    if (isReal(a.type) || isReal(b.type)) return `TRY_CAST(round(CAST(${a.sql} AS DOUBLE) * CAST(${b.sql} AS DOUBLE)) AS BIGINT)`;
    return `(CAST(${a.sql} AS BIGINT) * CAST(${b.sql} AS BIGINT))`;
  }
  return numeric('*', a, b, t);
}

function div(a: Arg, b: Arg, t: KType): string {
  if (a.type === 'timespan' && b.type === 'timespan') return `(CAST(${a.sql} AS DOUBLE) / CAST(${b.sql} AS DOUBLE))`;
  // a timespan divided by a number: ticks rounded; null when the quotient is not finite (x / 0)
  if (t === 'timespan') return `TRY_CAST(round(CAST(${a.sql} AS DOUBLE) / CAST(${b.sql} AS DOUBLE)) AS BIGINT)`;
  // integers: truncating division (DuckDB's // truncates toward zero, as .NET does); x / 0 is null
  if ((t === 'long' || t === 'int') && !isReal(a.type) && !isReal(b.type)) return `CAST(CAST(${a.sql} AS BIGINT) // NULLIF(CAST(${b.sql} AS BIGINT), 0) AS ${SQL_TYPE[t]})`;
  if (t === 'decimal') return `(CAST(${a.sql} AS DECIMAL(38,18)) / NULLIF(CAST(${b.sql} AS DECIMAL(38,18)), 0))`;
  // reals: IEEE results (1.0/0 = Infinity, 0.0/0 = NaN)
  return `(CAST(${a.sql} AS DOUBLE) / CAST(${b.sql} AS DOUBLE))`;
}

/** Kusto's % never returns a negative number: -14 % 12 == 10, 14 % -12 == 2. */
function modulo(a: Arg, b: Arg, t: KType): string {
  const r = numeric('%', a, b, t);
  const m = litNumber(b);
  const abs = m !== undefined && m > 0 ? b.sql : `abs(${b.sql})`;
  const absArg: Arg = { sql: abs, type: b.type, e: b.e };
  const shifted: Arg = { sql: numeric('+', { sql: r, type: t, e: a.e }, absArg, t), type: t, e: a.e };
  return numeric('%', shifted, absArg, t);
}

function isReal(t: KType): boolean { return t === 'real' || t === 'decimal'; }

/**
 * Numeric + - * in the result type: int and long operands are widened to BIGINT first (Kusto's
 * int + int is long; DuckDB would overflow in INTEGER), reals to DOUBLE. Long overflow is left
 * to DuckDB, which fails the query rather than wrapping around.
 */
function numeric(op: string, a: Arg, b: Arg, t: KType): string {
  const sqlT = t === 'int' || t === 'long' || t === 'real' || t === 'decimal' ? SQL_TYPE[t] : undefined;
  if (!sqlT) return `(${a.sql} ${op} ${b.sql})`;
  const wide = t === 'int' ? 'BIGINT' : sqlT;
  const operand = (x: Arg): string => (SQL_TYPE[x.type] === wide ? x.sql : `CAST(${x.sql} AS ${wide})`);
  const sql = `(${operand(a)} ${op} ${operand(b)})`;
  return wide === sqlT ? sql : `CAST(${sql} AS ${sqlT})`;
}

/** Non-letter-or-digit: what separates Kusto's terms. */
const SEP = '[^\\pL\\pN]';

/**
 * has / hasprefix / hassuffix with a literal term: the regular expression is made here, once,
 * and a cheap substring test runs first so the regex only sees candidate rows.
 */
function literalTermOp(fn: string, s: string, term: string): string | undefined {
  const neg = fn.startsWith('!');
  const base = neg ? fn.slice(1) : fn;
  const cs = base.endsWith('_cs');
  const kind = cs ? base.slice(0, -3) : base;
  if (kind !== 'has' && kind !== 'hasprefix' && kind !== 'hassuffix') return undefined;
  if (term === '') return neg ? 'FALSE' : 'TRUE';
  const body = reEscape(term);
  const pattern = `${cs ? '' : '(?i)'}${kind === 'hassuffix' ? '' : `(^|${SEP})`}${body}${kind === 'hasprefix' ? '' : `($|${SEP})`}`;
  // lower() on both sides in SQL: JavaScript's toLowerCase differs from DuckDB's (final sigma, dotted I)
  const prefilter = cs ? `contains(${s}, ${str(term)})` : `contains(lower(${s}), lower(${str(term)}))`;
  // CASE, not AND: DuckDB may reorder an AND and run the regular expression on every row; the
  // cheap substring test must go first (2x faster on selective filters). A null string has no term.
  const test = `(CASE WHEN ${prefilter} THEN regexp_matches(${s}, ${str(pattern)}) ELSE FALSE END)`;
  return neg ? `(NOT ${test})` : test;
}

function emitIn(e: Expr & { k: 'call' }, env: ExprEnv): string {
  const [left, right] = e.args as [Expr, Expr];
  const ci = e.fn.endsWith('~');
  const neg = e.fn.startsWith('!');
  const l = arg(left, env);
  let lsql = l.sql;
  if (right.k === 'tableset') {
    const rc = right.plan.columns[0]!;
    const col = ident(rc.name);
    const inner = env.plan(right.plan);
    // a string on either side (or in~) compares text
    const text = ci || (l.type !== rc.type && (l.type === 'string' || rc.type === 'string'));
    let lv = text ? asString(l) : lsql;
    let rv = text ? convert(col, rc.type, 'string') : col;
    if (ci) { lv = `lower(${lv})`; rv = `lower(${rv})`; }
    // as with a list: a null in the set matches nothing (SQL's NOT IN would make every row null)
    // and a null on the left is in no set, so x !in (T) keeps it
    const any = `COALESCE(${lv} IN (SELECT ${rv} FROM (${inner}) AS __hb_s WHERE ${col} IS NOT NULL), FALSE)`;
    return neg ? `(NOT ${any})` : any;
  }
  if (right.k !== 'list') throw new InvalidQuery(`${e.fn} needs a list of values`, e.pos);
  const itemsSql: string[] = [];
  const dynItems: string[] = [];
  for (const it of right.items) {
    const a = arg(it, env);
    if (a.type === 'dynamic') {
      // a dynamic array contributes each of its elements
      dynItems.push(a.sql);
      continue;
    }
    let s = a.sql;
    if (l.type === 'string' || ci) s = asString(a);
    else if (l.type === 'dynamic') s = a.sql;
    itemsSql.push(ci ? `lower(${s})` : s);
  }
  if (l.type === 'dynamic') lsql = convert(l.sql, 'dynamic', right.items[0]?.type === 'dynamic' ? 'string' : right.items[0]?.type ?? 'string');
  if (ci || (l.type !== 'string' && right.items.some((i) => i.type === 'string'))) lsql = asString(l);
  if (ci) lsql = `lower(${lsql})`;
  const parts: string[] = [];
  if (itemsSql.length) parts.push(`${lsql} IN (${itemsSql.join(', ')})`);
  for (const d of dynItems) parts.push(inDynamicArray(l, d, ci, lsql));
  const any = parts.length ? parts.map((p) => `(${p})`).join(' OR ') : 'FALSE';
  return neg ? `(NOT COALESCE(${any}, FALSE))` : `COALESCE(${any}, FALSE)`;
}

/** Elements of a dynamic value as a JSON list: an array's elements, or the value itself. */
function jsonElements(d: string): string {
  return `COALESCE(hb_arr(${d}), [CAST(${d} AS JSON)])`;
}

/** `l in (dynamic([...]))`: compare with each element as a value of the left side's type. */
function inDynamicArray(l: Arg, d: string, ci: boolean, lsql: string): string {
  const elems = jsonElements(d);
  const text = `json_extract_string(_hb_e, '$')`;
  if (ci) return `list_contains(list_transform(${elems}, lambda _hb_e: lower(${text})), ${lsql})`;
  switch (l.type) {
    case 'string': return `list_contains(list_transform(${elems}, lambda _hb_e: ${text}), ${l.sql})`;
    case 'dynamic': return `COALESCE(list_bool_or(list_transform(${elems}, lambda _hb_e: hb_json_eq(_hb_e, ${l.sql}))), FALSE)`;
    case 'int': case 'long': case 'real': case 'decimal':
      return `list_contains(list_transform(${elems}, lambda _hb_e: CASE WHEN hb_json_num(_hb_e) THEN CAST(_hb_e AS DOUBLE) END), CAST(${l.sql} AS DOUBLE))`;
    default: return `list_contains(list_transform(${elems}, lambda _hb_e: ${convert('_hb_e', 'dynamic', l.type)}), ${l.sql})`;
  }
}

/**
 * `s has t1 or s has t2 ...` (any terms, case-insensitive): one alternation regex behind one cheap
 * substring test. An ASCII term that contains another term is implied by it in the substring test
 * ('-EncodedCommand' by '-enc'), so it is left out there: fewer passes over the text.
 */
function hasAnyLiteral(s: string, terms: readonly string[]): string {
  const ascii = (t: string) => /^[\x20-\x7e]*$/.test(t);
  const needles = terms.filter((t, i) => !(ascii(t) && terms.some((o, j) => j !== i && ascii(o) && o.length > 0
    && (o.length < t.length || (o.length === t.length && j < i)) && t.toLowerCase().includes(o.toLowerCase()))));
  const low = `lower(${s})`;
  const pre = needles.map((t) => `contains(${low}, lower(${str(t)}))`).join(' OR ');
  return `(CASE WHEN ${pre} THEN regexp_matches(${s}, ${str(`(?i)(^|${SEP})(${terms.map(reEscape).join('|')})($|${SEP})`)}) ELSE FALSE END)`;
}

/** A where's `or` chain with two or more `has` of literal terms on the same text: those become one hasAnyLiteral. */
function mergedHasOr(e: Expr & { k: 'call' }, env: ExprEnv): string | undefined {
  const leaves: Expr[] = [];
  const flatten = (x: Expr): void => {
    if (x.k === 'call' && x.fn === 'or' && x.args.length === 2) { flatten(x.args[0]!); flatten(x.args[1]!); } else leaves.push(x);
  };
  flatten(e);
  const groups = new Map<string, { at: number; terms: string[] }>();
  const out: (string | undefined)[] = [];
  leaves.forEach((x, i) => {
    const term = x.k === 'call' && x.fn === 'has' && x.args.length === 2 && x.args[1]!.type === 'string' ? litString(arg(x.args[1]!, env)) : undefined;
    if (x.k !== 'call' || term === undefined || term === '') { out[i] = emitPredicate(x, env); return; }
    const subject = asString(arg(x.args[0]!, env));
    const g = groups.get(subject);
    if (g) g.terms.push(term); else groups.set(subject, { at: i, terms: [term] });
  });
  if (![...groups.values()].some((g) => g.terms.length > 1)) return undefined;
  for (const [subject, g] of groups) out[g.at] = g.terms.length > 1 ? hasAnyLiteral(subject, g.terms) : literalTermOp('has', subject, g.terms[0]!);
  return `(${out.filter((x) => x !== undefined).join(' OR ')})`;
}

function emitHasAnyAll(e: Expr & { k: 'call' }, env: ExprEnv): string {
  const [left, right] = e.args as [Expr, Expr];
  const l = asString(arg(left, env));
  if (right.k !== 'list') throw new UnsupportedFeature(`${e.fn} with a tabular argument`, e.pos);
  const terms: string[] = [];
  const literals: string[] = [];
  const dyn: string[] = [];
  for (const it of right.items) {
    const a = arg(it, env);
    if (a.type === 'dynamic') dyn.push(a.sql);
    else if (it.k === 'lit' && typeof it.value === 'string') literals.push(it.value);
    else terms.push(asString(a));
  }
  const parts = terms.map((t) => `hb_has(${l}, ${t})`);
  if (e.fn === 'has_any' && literals.length) {
    if (literals.includes('')) return 'TRUE';
    parts.unshift(hasAnyLiteral(l, literals));
  } else {
    for (const t of literals) parts.push(literalTermOp('has', l, t)!);
  }
  const joiner = e.fn === 'has_any' ? ' OR ' : ' AND ';
  for (const d of dyn) {
    const fnName = e.fn === 'has_any' ? 'list_bool_or' : 'list_bool_and';
    parts.push(`COALESCE(${fnName}(list_transform(${jsonElements(d)}, lambda _hb_e: hb_has(${l}, COALESCE(json_extract_string(_hb_e, '$'), '')))), ${e.fn === 'has_any' ? 'FALSE' : 'TRUE'})`);
  }
  if (!parts.length) return e.fn === 'has_any' ? 'FALSE' : 'TRUE';
  return `(${parts.join(joiner)})`;
}

/**
 * tostring(d.a.b) with constant keys: one json_extract_string over the whole path, instead of
 * extracting the JSON value and then its text (about 20% cheaper on JSON columns). Same result:
 * a string's text, other values as JSON text, '' for null or missing.
 */
function jsonPathText(x: Expr, env: ExprEnv): string | undefined {
  const keys: string[] = [];
  let cur = x;
  while (cur.k === 'call' && cur.fn === 'getpath' && cur.args.length === 2) {
    const key = cur.args[1]!;
    if (!(key.k === 'lit' && key.type === 'string' && typeof key.value === 'string')) return undefined;
    keys.unshift(key.value);
    cur = cur.args[0]!;
  }
  if (!keys.length || cur.type !== 'dynamic') return undefined;
  return `COALESCE(json_extract_string(${emitExpr(cur, env)}, ${str('$.' + keys.map((k) => JSON.stringify(k)).join('.'))}), '')`;
}

function getPath(base: Arg, key: Arg): string {
  const k = key.e.k === 'lit' && typeof key.e.value === 'string' ? key.e.value : undefined;
  if (k !== undefined) return `json_extract(${base.sql}, ${str('$.' + JSON.stringify(k))})`;
  return `json_extract(${base.sql}, '$."' || replace(${key.sql}, '"', '\\"') || '"')`;
}

function getIndex(e: Expr & { k: 'call' }, env: ExprEnv): string {
  const [b, i] = e.args as [Expr, Expr];
  const lit = i.k === 'lit' && typeof i.value === 'bigint' ? i.value : undefined;
  // array_sort_asc(a, b)[1]: the sort of several arrays yields one array per input
  if (b.k === 'call' && (b.fn === 'array_sort_asc' || b.fn === 'array_sort_desc') && b.args.length > 1 && lit !== undefined) {
    return sortArraysSql(b.args.map((x) => arg(x, env)), b.fn === 'array_sort_desc', b.fn, b.pos, Number(lit));
  }
  const base = emitExpr(b, env);
  const idx = emitExpr(i, env);
  // negative indexes count from the end, as in Kusto
  if (lit !== undefined) return lit >= 0n ? `json_extract(${base}, '$[${lit}]')` : `json_extract(${base}, '$[#${lit}]')`;
  return `json_extract(${base}, CASE WHEN ${idx} >= 0 THEN '$[' || CAST(${idx} AS VARCHAR) || ']' ELSE '$[#' || CAST(${idx} AS VARCHAR) || ']' END)`;
}

export { AGGREGATE_EMITTERS, SQL_TYPE };
