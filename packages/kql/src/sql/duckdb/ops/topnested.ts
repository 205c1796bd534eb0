/**
 * top-nested as one WITH query (semantics in plan/ops/topnested.ts):
 *   base     the input with each level's key (CTE ids[0])
 *   r<i>     level i's groups (keys 1..i, aggregate) under a kept path of level i-1, ranked
 *            within that path (row_number; ties broken by the key), cut to the top n
 *   real     the kept paths of the last level joined with their ancestors' aggregates
 *   buckets  (when a level has `with others`) the base rows with depth d = how many levels kept
 *            their path (CTE ids[1]); rows with d < L are grouped by (d, keys 1..d) into
 *            "others" buckets, whose levels below d show the others value and the aggregate
 *            over the bucket (or nulls for a level without `with others`)
 * Keys match with IS NOT DISTINCT FROM (a null key is a group like any other). Rows come out
 * ordered by the ranks, level by level; an others bucket after its kept siblings.
 */
import type { Column, Expr, Plan } from '../../../plan/types.ts';
import type { DuckDbEmitter } from '../emit.ts';
import { cteName } from '../emit.ts';
import { castTo } from '../expr.ts';
import { ident } from '../quote.ts';

const K = (i: number) => `__hb_tn_k${i}`;
const M = (i: number) => `__hb_tn_m${i}`;
const O = (i: number) => `__hb_tn_o${i}`;
const C = (i: number) => `__hb_tn_c${i}`;
const A = '__hb_tn_a';
const RN = '__hb_tn_rn';
const D = '__hb_tn_d';
const LAST = '9223372036854775807';

const col = (name: string, type: Column['type']): Expr => ({ k: 'col', name, type });
/** a = b for every key 1..n, nulls equal */
const same = (a: string, b: string, n: number) => Array.from({ length: n }, (_, j) => `${a}.${ident(K(j + 1))} IS NOT DISTINCT FROM ${b}.${ident(K(j + 1))}`).join(' AND ');

export function emitTopNested(p: Plan & { op: 'topnested' }, em: DuckDbEmitter): string {
  const levels = p.levels;
  const L = levels.length;
  const [baseId, bucketId] = p.ids;
  const R = (i: number) => `__hb_tn_r${baseId}_${i}`;
  const keyCols: Column[] = levels.map((l, i) => ({ name: K(i + 1), type: l.key.type }));
  const baseCols: Column[] = [...p.input.columns, ...keyCols];
  const base: Plan = { op: 'ref', id: baseId, columns: baseCols };
  const ctes: string[] = [`${cteName(baseId)} AS (SELECT *, ${levels.map((l, i) => `${em.expr(l.key)} AS ${ident(K(i + 1))}`).join(', ')} FROM ${em.from(p.input)})`];
  const ranked: string[] = [];

  levels.forEach((l, idx) => {
    const i = idx + 1;
    const keys = keyCols.slice(0, i);
    const groups: Plan = {
      op: 'summarize', input: base, keys: keys.map((c) => ({ name: c.name, expr: col(c.name, c.type) })), aggs: [{ name: A, expr: l.agg }],
      columns: [...keys, { name: A, type: l.agg.type }],
    };
    const g = em.next('tn');
    const sortable = (name: string, t: Column['type']) => (t === 'dynamic' ? `CAST(${g}.${ident(name)} AS VARCHAR)` : `${g}.${ident(name)}`);
    const order = `${sortable(A, l.agg.type)} ${l.desc ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}, ${sortable(K(i), l.key.type)} ASC NULLS LAST`;
    const partition = i > 1 ? `PARTITION BY ${keyCols.slice(0, i - 1).map((c) => `${g}.${ident(c.name)}`).join(', ')} ` : '';
    const under = i > 1 ? ` WHERE EXISTS (SELECT 1 FROM ${ident(R(i - 1))} AS __hb_tn_p WHERE ${same('__hb_tn_p', g, i - 1)})` : '';
    const numbered = `SELECT ${g}.*, row_number() OVER (${partition}ORDER BY ${order}) AS ${ident(RN)} FROM (${em.plan(groups)}) AS ${g}${under}`;
    const cut = l.n === undefined ? '' : ` WHERE ${ident(RN)} <= ${Math.trunc(l.n)}`;
    ctes.push(`${ident(R(i))} AS (SELECT * FROM (${numbered}) AS ${em.next('tn')}${cut})`);
    ranked.push(R(i));
  });

  // kept paths of the last level, with every level's key, aggregate and rank
  const j = (i: number) => `__hb_tn_j${i}`;
  const outCols = (f: (i: number) => { key: string; agg: string; rank: string }) =>
    levels.flatMap((_, idx) => {
      const v = f(idx + 1);
      return [`${v.key} AS ${ident(C(2 * idx))}`, `${v.agg} AS ${ident(C(2 * idx + 1))}`, `${v.rank} AS ${ident(`${RN}${idx + 1}`)}`];
    });
  const joins = levels.slice(0, -1).map((_, idx) => ` JOIN ${ident(R(idx + 1))} AS ${j(idx + 1)} ON ${same(j(L), j(idx + 1), idx + 1)}`).join('');
  const real = `SELECT ${outCols((i) => ({ key: `${j(i)}.${ident(K(i))}`, agg: `${j(i)}.${ident(A)}`, rank: `${j(i)}.${ident(RN)}` })).join(', ')} FROM ${ident(R(L))} AS ${j(L)}${joins}`;

  const parts = [real];
  // depth d (0..L-1) whose bucket is reported: some level below d has `with others`
  const reported = Array.from({ length: L }, (_, d) => d).filter((d) => levels.slice(d).some((l) => l.others));
  if (reported.length) {
    const flags = levels.map((_, idx) => `(CASE WHEN ${j(idx + 1)}.${ident(RN)} IS NULL THEN 0 ELSE 1 END)`).join(' + ');
    const left = levels.map((_, idx) => ` LEFT JOIN ${ident(R(idx + 1))} AS ${j(idx + 1)} ON ${same('__hb_tn_b', j(idx + 1), idx + 1)}`).join('');
    const depth = `SELECT __hb_tn_b.*, ${flags} AS ${ident(D)} FROM ${cteName(baseId)} AS __hb_tn_b${left}`;
    const masks = keyCols.slice(0, L - 1).map((c, idx) => `CASE WHEN ${ident(D)} >= ${idx + 1} THEN ${ident(c.name)} END AS ${ident(M(idx + 1))}`);
    ctes.push(`${cteName(bucketId)} AS (SELECT *${masks.map((m) => `, ${m}`).join('')} FROM (${depth}) AS ${em.next('tn')} WHERE ${ident(D)} IN (${reported.join(', ')}))`);
    const bucketCols: Column[] = [...baseCols, { name: D, type: 'long' }, ...keyCols.slice(0, L - 1).map((c, idx) => ({ name: M(idx + 1), type: c.type }))];
    const bkeys = [{ name: D, type: 'long' as const }, ...keyCols.slice(0, L - 1).map((c, idx) => ({ name: M(idx + 1), type: c.type }))];
    const aggs = levels.flatMap((l, idx) => (l.others ? [{ name: O(idx + 1), expr: l.agg }] : []));
    const buckets: Plan = {
      op: 'summarize', input: { op: 'ref', id: bucketId, columns: bucketCols },
      keys: bkeys.map((c) => ({ name: c.name, expr: col(c.name, c.type) })), aggs,
      columns: [...bkeys, ...aggs.map((a) => ({ name: a.name, type: a.expr.type }))],
    };
    const q = '__hb_tn_q';
    const qd = `${q}.${ident(D)}`;
    const bjoins = levels.slice(0, -1).map((_, idx) => {
      const i = idx + 1;
      const on = Array.from({ length: i }, (_, x) => `${q}.${ident(M(x + 1))} IS NOT DISTINCT FROM ${j(i)}.${ident(K(x + 1))}`).join(' AND ');
      return ` LEFT JOIN ${ident(R(i))} AS ${j(i)} ON ${qd} >= ${i} AND ${on}`;
    }).join('');
    const bucket = `SELECT ${outCols((i) => {
      const l = levels[i - 1]!;
      const other = l.others ? castTo(l.others, l.key.type, em.env) : 'NULL';
      const otherAgg = l.others ? `${q}.${ident(O(i))}` : 'NULL';
      if (i === L) return { key: other, agg: otherAgg, rank: `(CASE WHEN ${qd} = ${i - 1} THEN ${LAST} END)` };
      return {
        key: `(CASE WHEN ${qd} >= ${i} THEN ${j(i)}.${ident(K(i))} ELSE ${other} END)`,
        agg: `(CASE WHEN ${qd} >= ${i} THEN ${j(i)}.${ident(A)} ELSE ${otherAgg} END)`,
        rank: `(CASE WHEN ${qd} >= ${i} THEN ${j(i)}.${ident(RN)} WHEN ${qd} = ${i - 1} THEN ${LAST} END)`,
      };
    }).join(', ')} FROM (${em.plan(buckets)}) AS ${q}${bjoins}`;
    parts.push(bucket);
  }

  const all = em.next('tn');
  const select = p.columns.map((c, i) => (c.type === 'string' ? `COALESCE(${all}.${ident(C(i))}, '')` : `${all}.${ident(C(i))}`) + ` AS ${ident(c.name)}`);
  const order = levels.map((_, idx) => `${all}.${ident(`${RN}${idx + 1}`)} ASC NULLS FIRST`).join(', ');
  return `WITH ${ctes.join(',\n')}\nSELECT ${select.join(', ')} FROM (${parts.join('\nUNION ALL\n')}) AS ${all} ORDER BY ${order}`;
}

export const topNestedEmitters = { topnested: emitTopNested };
