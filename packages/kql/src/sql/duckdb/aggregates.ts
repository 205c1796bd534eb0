/** Aggregation functions -> DuckDB. */
import type { KType } from '../../plan/types.ts';
import { SQL_TYPE } from './quote.ts';
import { toDynamicSql } from './coerce.ts';
import { litNumber, type AggregateEmitter, type Arg } from './types.ts';

const notNull = (a: Arg) => `${a.sql} IS NOT NULL`;

/** A JSON array of values (nulls skipped), optionally limited in size. */
function jsonList(a: Arg, distinct: boolean, filter?: string, max?: Arg): string {
  const cond = [notNull(a), filter].filter(Boolean).join(' AND ');
  const list = `list(${distinct ? 'DISTINCT ' : ''}${toDynamicSql(a.sql, a.type)}) FILTER (WHERE ${cond})`;
  const limited = max ? `list_slice(${list}, 1, ${max.sql})` : list;
  return `COALESCE(CAST(to_json(${limited}) AS JSON), CAST('[]' AS JSON))`;
}

function sumSql(a: Arg, type: KType, filter?: string): string {
  const f = filter ? ` FILTER (WHERE ${filter})` : '';
  return `CAST(sum(${a.sql})${f} AS ${SQL_TYPE[type]})`;
}

export const AGGREGATE_EMITTERS: Record<string, AggregateEmitter> = {
  count: (args) => (args.length ? `count(${args[0]!.sql})` : 'count(*)'),
  countif: ([p]) => `count(*) FILTER (WHERE ${p!.sql})`,
  dcount: ([a]) => `count(DISTINCT ${a!.sql})`,
  dcountif: ([a, p]) => `count(DISTINCT ${a!.sql}) FILTER (WHERE ${p!.sql})`,
  count_distinct: ([a]) => `count(DISTINCT ${a!.sql})`,
  count_distinctif: ([a, p]) => `count(DISTINCT ${a!.sql}) FILTER (WHERE ${p!.sql})`,
  sum: ([a], t) => sumSql(a!, t),
  sumif: ([a, p], t) => sumSql(a!, t, p!.sql),
  avg: ([a]) => `avg(${a!.sql})`,
  avgif: ([a, p]) => `avg(${a!.sql}) FILTER (WHERE ${p!.sql})`,
  min: ([a]) => `min(${a!.sql})`,
  max: ([a]) => `max(${a!.sql})`,
  minif: ([a, p]) => `min(${a!.sql}) FILTER (WHERE ${p!.sql})`,
  maxif: ([a, p]) => `max(${a!.sql}) FILTER (WHERE ${p!.sql})`,
  take_any: ([a]) => `any_value(${a!.sql})`,
  any: ([a]) => `any_value(${a!.sql})`,
  take_anyif: ([a, p]) => `any_value(${a!.sql}) FILTER (WHERE ${p!.sql})`,
  anyif: ([a, p]) => `any_value(${a!.sql}) FILTER (WHERE ${p!.sql})`,
  make_list: ([a, max]) => jsonList(a!, false, undefined, max),
  makelist: ([a, max]) => jsonList(a!, false, undefined, max),
  make_list_if: ([a, p, max]) => jsonList(a!, false, p!.sql, max),
  make_list_with_nulls: ([a]) => `COALESCE(CAST(to_json(list(${toDynamicSql(a!.sql, a!.type)})) AS JSON), CAST('[]' AS JSON))`,
  make_set: ([a, max]) => jsonList(a!, true, undefined, max),
  makeset: ([a, max]) => jsonList(a!, true, undefined, max),
  make_set_if: ([a, p, max]) => jsonList(a!, true, p!.sql, max),
  make_bag: ([a]) => `COALESCE(list_reduce(list(${a!.sql}) FILTER (WHERE json_type(${a!.sql}) = 'OBJECT'), (x, y) -> json_merge_patch(y, x)), CAST('{}' AS JSON))`,
  make_bag_if: ([a, p]) => `COALESCE(list_reduce(list(${a!.sql}) FILTER (WHERE json_type(${a!.sql}) = 'OBJECT' AND ${p!.sql}), (x, y) -> json_merge_patch(y, x)), CAST('{}' AS JSON))`,
  stdev: ([a]) => `COALESCE(stddev_samp(${a!.sql}), 0)`,
  stdevif: ([a, p]) => `COALESCE(stddev_samp(${a!.sql}) FILTER (WHERE ${p!.sql}), 0)`,
  stdevp: ([a]) => `stddev_pop(${a!.sql})`,
  variance: ([a]) => `COALESCE(var_samp(${a!.sql}), 0)`,
  varianceif: ([a, p]) => `COALESCE(var_samp(${a!.sql}) FILTER (WHERE ${p!.sql}), 0)`,
  variancep: ([a]) => `var_pop(${a!.sql})`,
  percentile: ([a, p], t) => percentileSql(a!, p!, t),
  binary_all_and: ([a]) => `bit_and(${a!.sql})`,
  binary_all_or: ([a]) => `bit_or(${a!.sql})`,
  binary_all_xor: ([a]) => `bit_xor(${a!.sql})`,
};

/** Kusto's percentile is nearest-rank on small sets. */
export function percentileSql(a: Arg, p: Arg, t: KType): string {
  const frac = litNumber(p);
  const q = frac !== undefined ? String(frac / 100) : `(${p.sql} / 100.0)`;
  const v = `quantile_disc(${a.sql}, ${q})`;
  return t === 'real' && a.type !== 'real' ? `CAST(${v} AS DOUBLE)` : v;
}
