/**
 * Aggregation functions -> DuckDB.
 * Kusto facts kept here: count/dcount are long, sum of int/long is long (DuckDB widens to HUGEINT),
 * avg is real, nulls are ignored, strings are never null, dynamic results are JSON, and a
 * summarize without `by` over an empty input gives one row with 0 for count/sum/stdev/variance,
 * NaN for avg and [] / {} for the make_* functions.
 */
import type { KType } from '../../plan/types.ts';
import { UnsupportedFeature } from '../../errors.ts';
import { SQL_TYPE } from './quote.ts';
import { toDynamicSql } from './coerce.ts';
import { litNumber, type AggregateEmitter, type Arg } from './types.ts';

const EMPTY = 'count(*) = 0';
const filter = (p?: Arg) => (p ? ` FILTER (WHERE ${p.sql})` : '');
/** a value that is not null (dynamic: not a JSON null either) */
const present = (a: Arg) => (a.type === 'dynamic' ? `(${a.sql} IS NOT NULL AND json_type(${a.sql}) <> 'NULL')` : `${a.sql} IS NOT NULL`);
const where = (...conds: (string | undefined)[]) => conds.filter(Boolean).join(' AND ');
/** strings are never null */
const nonNullString = (sql: string, t: KType) => (t === 'string' ? `COALESCE(${sql}, '')` : sql);

/** A JSON array of the values (nulls skipped), optionally limited in size. */
function jsonList(a: Arg, distinct: boolean, pred?: Arg, max?: Arg, orderBy?: string): string {
  const cond = where(present(a), pred?.sql);
  let list: string;
  if (distinct && a.type === 'dynamic') {
    // make_set of arrays: the set of their elements
    const elems = `CASE WHEN json_type(${a.sql}) = 'ARRAY' THEN hb_arr(${a.sql}) ELSE [${a.sql}] END`;
    list = `list_filter(list_distinct(flatten(list(${elems}) FILTER (WHERE ${cond}))), lambda _hb_e: _hb_e IS NOT NULL)`;
  } else {
    const order = !distinct && orderBy ? ` ORDER BY ${orderBy}` : '';
    list = `list(${distinct ? 'DISTINCT ' : ''}${toDynamicSql(a.sql, a.type)}${order}) FILTER (WHERE ${cond})`;
  }
  const limited = max ? `list_slice(${list}, 1, ${max.sql})` : list;
  return `COALESCE(CAST(to_json(${limited}) AS JSON), CAST('[]' AS JSON))`;
}

function sumSql(a: Arg, type: KType, pred?: Arg): string {
  return `(CASE WHEN ${EMPTY} THEN 0 ELSE CAST(sum(${a.sql})${filter(pred)} AS ${SQL_TYPE[type]}) END)`;
}

function avgSql(a: Arg, type: KType, pred?: Arg): string {
  const f = filter(pred);
  switch (a.type) {
    case 'datetime': return `make_timestamp_ns(CAST(round(avg(epoch_ns(${a.sql}))${f}) AS BIGINT))`;
    case 'timespan': return `CAST(round(avg(${a.sql})${f}) AS BIGINT)`;
    default: {
      const v = `avg(${a.sql})${f}`;
      return type === 'real' ? `(CASE WHEN ${EMPTY} THEN CAST('NaN' AS DOUBLE) ELSE CAST(${v} AS DOUBLE) END)` : `CAST(${v} AS ${SQL_TYPE[type]})`;
    }
  }
}

/** Shallow merge of the property bags of a group (the first value of a key wins). */
function bagSql(a: Arg, pred: Arg | undefined, max: Arg | undefined, pos: number | undefined): string {
  if (max) throw new UnsupportedFeature('make_bag() with a maximum size', pos ?? 0);
  const cond = where(`json_type(${a.sql}) = 'OBJECT'`, pred?.sql);
  return `COALESCE(list_reduce(list(${a.sql}) FILTER (WHERE ${cond}), lambda _hb_x, _hb_y: hb_bag_merge2(_hb_x, _hb_y)), CAST('{}' AS JSON))`;
}

function fraction(p: Arg, fn: string, pos: number | undefined): string {
  const n = litNumber(p);
  if (n === undefined) throw new UnsupportedFeature(`${fn}() with a percentage that is not a constant`, pos ?? 0);
  if (n < 0 || n > 100) throw new UnsupportedFeature(`${fn}() with a percentage outside 0..100`, pos ?? 0);
  return String(n / 100);
}

/** Kusto's percentile is nearest-rank (the value at rank ceil(P/100 * N)), which is DuckDB's quantile_disc. */
export function percentileSql(a: Arg, p: Arg, t: KType, pos?: number): string {
  const v = `quantile_disc(${a.sql}, ${fraction(p, 'percentile', pos)})`;
  return t !== a.type ? `CAST(${v} AS ${SQL_TYPE[t]})` : v;
}

/** Percentages of percentiles_array(x, p1, p2, ...) or (x, dynamic([p1, p2, ...])). */
function percentages(ps: Arg[], fn: string, pos: number | undefined): string[] {
  if (ps.length === 1 && ps[0]!.type === 'dynamic') {
    const e = ps[0]!.e;
    const json = e.k === 'lit' && e.value && typeof e.value === 'object' && 'json' in e.value ? e.value.json : undefined;
    if (!Array.isArray(json) || !json.every((x) => typeof x === 'number')) {
      throw new UnsupportedFeature(`${fn}() with percentages that are not a constant array of numbers`, pos ?? 0);
    }
    return json.map((x) => fraction({ sql: '', type: 'real', e: { k: 'lit', type: 'real', value: x } }, fn, pos));
  }
  return ps.map((p) => fraction(p, fn, pos));
}

function percentilesArraySql(a: Arg, ps: Arg[], pos: number | undefined): string {
  const qs = percentages(ps, 'percentiles_array', pos);
  const list = `quantile_disc(${a.sql}, [${qs.join(', ')}])`;
  return `COALESCE(CAST(to_json(list_transform(${list}, lambda _hb_v: ${toDynamicSql('_hb_v', a.type)})) AS JSON), CAST('[]' AS JSON))`;
}

/**
 * Weighted nearest-rank percentile: the smallest value whose cumulative weight reaches P% of the total.
 * Rows with a null value or a weight below 1 are ignored.
 */
function weightedSql(a: Arg, w: Arg, q: string): string {
  const pairs = `list_sort(list(struct_pack(v := ${a.sql}, w := CAST(${w.sql} AS BIGINT))) FILTER (WHERE ${a.sql} IS NOT NULL AND ${w.sql} >= 1))`;
  return `list_reduce(${pairs}, lambda _hb_acc, _hb_e: CASE WHEN _hb_acc.w >= ${q} * list_sum(list_transform(${pairs}, lambda _hb_p: _hb_p.w)) THEN _hb_acc ELSE struct_pack(v := _hb_e.v, w := _hb_acc.w + _hb_e.w) END).v`;
}

function percentilewSql(a: Arg, w: Arg, p: Arg, t: KType, pos?: number): string {
  const v = weightedSql(a, w, fraction(p, 'percentilew', pos));
  return t !== a.type ? `CAST(${v} AS ${SQL_TYPE[t]})` : v;
}

/** The row pick of arg_max / arg_min: rows whose `by` is null lose to every other row but still count. */
export function argPickSql(fn: string, struct: string, by: string): string {
  if (fn === 'arg_max') return `arg_max(${struct}, struct_pack(n := (${by}) IS NOT NULL, v := ${by}))`;
  if (fn === 'arg_min') return `arg_min(${struct}, struct_pack(n := (${by}) IS NULL, v := ${by}))`;
  return `${fn}(${struct}, ${by})`;
}

/** min/max/take_any and their if-forms: strings are never null. */
const pick = (fn: string): AggregateEmitter => ([a, p], t) => nonNullString(`${fn}(${a!.sql})${filter(p)}`, t);
const stat = (fn: string, zero: boolean): AggregateEmitter => ([a, p]) => {
  const v = `${fn}(${a!.sql})${filter(p)}`;
  return zero ? `COALESCE(${v}, 0)` : v;
};

export const AGGREGATE_EMITTERS: Record<string, AggregateEmitter> = {
  count: (args) => (args.length ? `count(${args[0]!.sql})` : 'count(*)'),
  countif: ([p]) => `count(*) FILTER (WHERE ${p!.sql})`,
  dcount: ([a]) => `count(DISTINCT ${a!.sql})`,
  dcountif: ([a, p]) => `count(DISTINCT ${a!.sql}) FILTER (WHERE ${p!.sql})`,
  count_distinct: ([a]) => `count(DISTINCT ${a!.sql})`,
  count_distinctif: ([a, p]) => `count(DISTINCT ${a!.sql}) FILTER (WHERE ${p!.sql})`,
  sum: ([a], t) => sumSql(a!, t),
  sumif: ([a, p], t) => sumSql(a!, t, p),
  avg: ([a], t) => avgSql(a!, t),
  avgif: ([a, p], t) => avgSql(a!, t, p),
  min: pick('min'),
  max: pick('max'),
  minif: pick('min'),
  maxif: pick('max'),
  take_any: pick('any_value'),
  any: pick('any_value'),
  take_anyif: pick('any_value'),
  anyif: pick('any_value'),
  make_list: ([a, max], _t, _p, o) => jsonList(a!, false, undefined, max, o),
  makelist: ([a, max], _t, _p, o) => jsonList(a!, false, undefined, max, o),
  make_list_if: ([a, p, max], _t, _p, o) => jsonList(a!, false, p, max, o),
  make_list_with_nulls: ([a], _t, _p, o) =>
    `COALESCE(CAST(to_json(list(COALESCE(${toDynamicSql(a!.sql, a!.type)}, CAST('null' AS JSON))${o ? ` ORDER BY ${o}` : ''})) AS JSON), CAST('[]' AS JSON))`,
  make_set: ([a, max]) => jsonList(a!, true, undefined, max),
  makeset: ([a, max]) => jsonList(a!, true, undefined, max),
  make_set_if: ([a, p, max]) => jsonList(a!, true, p, max),
  make_bag: ([a, max], _t, pos) => bagSql(a!, undefined, max, pos),
  make_bag_if: ([a, p, max], _t, pos) => bagSql(a!, p, max, pos),
  stdev: stat('stddev_samp', true),
  stdevif: stat('stddev_samp', true),
  stdevp: stat('stddev_pop', true),
  variance: stat('var_samp', true),
  varianceif: stat('var_samp', true),
  variancep: stat('var_pop', true),
  variancepif: stat('var_pop', true),
  percentile: ([a, p], t, pos) => percentileSql(a!, p!, t, pos),
  percentiles_array: ([a, ...ps], _t, pos) => percentilesArraySql(a!, ps, pos),
  percentilew: ([a, w, p], t, pos) => percentilewSql(a!, w!, p!, t, pos),
  percentilesw_array: ([a, w, ...ps], _t, pos) => {
    const qs = percentages(ps, 'percentilesw_array', pos);
    return `CAST(to_json([${qs.map((q) => toDynamicSql(weightedSql(a!, w!, q), a!.type)).join(', ')}]) AS JSON)`;
  },
  binary_all_and: ([a]) => `bit_and(${a!.sql})`,
  binary_all_or: ([a]) => `bit_or(${a!.sql})`,
  binary_all_xor: ([a]) => `bit_xor(${a!.sql})`,
};
