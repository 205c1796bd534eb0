/**
 * mv-expand -> DuckDB unnest. Each expanded value becomes a JSON[] list: an array's elements,
 * a bag's entries (one-key bags or [key, value] arrays), [null] for null (one row), and the
 * value itself for any other scalar. Several unnest() calls in one SELECT run in parallel and
 * pad the shorter lists with NULL; an empty list adds no row. `to typeof(T)` is a cast:
 * elements of another JSON type become null ('' for strings).
 */
import type { KType, Plan } from '../../../plan/types.ts';
import type { DuckDbEmitter } from '../emit.ts';
import { emitExpr } from '../expr.ts';
import { convert, toDynamicSql } from '../coerce.ts';
import { ident, SQL_TYPE } from '../quote.ts';

type MvExpandPlan = Plan & { op: 'mvexpand' };

const v = (i: number): string => ident(`__hb_mv_v${i}`);
const l = (i: number): string => ident(`__hb_mv_l${i}`);
const e = (i: number): string => ident(`__hb_mv_e${i}`);
const IX = ident('__hb_mv_ix');

/** JSON value -> JSON[] of the rows it expands into. */
function listSql(val: string, bag: 'bag' | 'array', limit: number | undefined): string {
  const pair = bag === 'array' ? 'json_array(__hb_kv.key, __hb_kv.value)' : 'json_object(__hb_kv.key, __hb_kv.value)';
  const list = `(CASE WHEN ${val} IS NULL OR json_type(${val}) = 'NULL' THEN [CAST(NULL AS JSON)]`
    + ` WHEN json_type(${val}) = 'ARRAY' THEN CAST(${val} AS JSON[])`
    + ` WHEN json_type(${val}) = 'OBJECT' THEN list_transform(map_entries(CAST(${val} AS MAP(VARCHAR, JSON))), lambda __hb_kv: ${pair})`
    + ` ELSE [${val}] END)`;
  return limit === undefined ? list : `list_slice(${list}, 1, ${Math.trunc(limit)})`;
}

/** A JSON element cast to a Kusto type (mv-expand ... to typeof(T)). */
function castElement(x: string, t: KType): string {
  const jt = `json_type(${x})`;
  const text = `CAST(${x} AS VARCHAR)`;
  switch (t) {
    case 'dynamic': return x;
    case 'string': return `(CASE WHEN ${jt} = 'VARCHAR' THEN json_extract_string(${x}, '$') ELSE '' END)`;
    case 'bool': return `(CASE WHEN ${jt} = 'BOOLEAN' THEN TRY_CAST(${text} AS BOOLEAN) END)`;
    case 'int': case 'long':
      return `(CASE WHEN ${jt} IN ('BIGINT', 'UBIGINT') THEN TRY_CAST(${text} AS ${SQL_TYPE[t]})`
        + ` WHEN ${jt} = 'DOUBLE' THEN TRY_CAST(trunc(TRY_CAST(${text} AS DOUBLE)) AS ${SQL_TYPE[t]}) END)`;
    case 'real': case 'decimal':
      return `(CASE WHEN ${jt} IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN TRY_CAST(${text} AS ${SQL_TYPE[t]}) END)`;
    default:
      // datetime, timespan and guid are JSON strings here
      return convert(x, 'dynamic', t);
  }
}

export function emitMvExpand(p: MvExpandPlan, em: DuckDbEmitter): string {
  const n = p.expand.length;
  const vals = p.expand.map((x, i) => `${toDynamicSql(emitExpr(x.expr, em.env), x.expr.type)} AS ${v(i)}`);
  const lists = p.expand.map((_, i) => `${listSql(v(i), p.bagExpansion, p.limit)} AS ${l(i)}`);
  const unnests = p.expand.map((_, i) => `unnest(${l(i)}) AS ${e(i)}`);
  if (p.itemIndex !== undefined) {
    const lens = p.expand.map((_, i) => `len(${l(i)})`);
    unnests.push(`unnest(range(${n === 1 ? lens[0] : `greatest(${lens.join(', ')})`})) AS ${IX}`);
  }
  const byName = new Map(p.expand.map((x, i) => [x.name, { x, i }]));
  const cols = p.columns.map((c) => {
    const ex = byName.get(c.name);
    if (ex) return `${castElement(e(ex.i), c.type)} AS ${ident(c.name)}`;
    if (c.name === p.itemIndex) return `${IX} AS ${ident(c.name)}`;
    return ident(c.name);
  });
  const step1 = `SELECT *, ${vals.join(', ')} FROM ${em.from(p.input)}`;
  const step2 = `SELECT *, ${lists.join(', ')} FROM (${step1}) AS ${em.next('mv')}`;
  const step3 = `SELECT *, ${unnests.join(', ')} FROM (${step2}) AS ${em.next('mv')}`;
  return `SELECT ${cols.join(', ')} FROM (${step3}) AS ${em.next('mv')}`;
}
