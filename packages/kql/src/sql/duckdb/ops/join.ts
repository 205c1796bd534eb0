/**
 * join / lookup -> one DuckDB join over plain equality keys (a hash join). innerunique keeps
 * one arbitrary left row per key first (DISTINCT ON). Semi and anti joins use SEMI / ANTI
 * JOIN. Null keys never match (SQL `=`). Key columns are compared as they are: Kusto strings
 * are never null and the engine keeps that (stored strings are never null, every string result
 * turns null into ''), and a plain column lets DuckDB push the join's key filter into the
 * other side's scan; a key that is an expression and could be a null string is compared as ''.
 * String columns from the side an outer join may leave empty become '' instead of null.
 *
 * An inner join with a folded `where` (plan/ops/join.ts) puts it in the ON clause: the sides'
 * columns get hidden names (__hb_jl<i>, __hb_jr<i>), unique in the join, so the condition's
 * output column names (A1 for a renamed right column) map to exactly one input column.
 */
import type { Expr, Plan } from '../../../plan/types.ts';
import type { DuckDbEmitter } from '../emit.ts';
import { emitExpr, emitPredicate } from '../expr.ts';
import { ident } from '../quote.ts';

type JoinPlan = Plan & { op: 'join' };

function keySql(e: Expr, qualifier: string | undefined, em: DuckDbEmitter): string {
  const sql = emitExpr(e, { ...em.env, qualifier });
  return e.type === 'string' && e.k !== 'col' ? `COALESCE(${sql}, '')` : sql;
}

/** `e` with its column references renamed (columns not in `names` stay). */
function renamed(e: Expr, names: ReadonlyMap<string, string>): Expr {
  switch (e.k) {
    case 'col': { const n = names.get(e.name); return n === undefined ? e : { ...e, name: n }; }
    case 'call': case 'agg': case 'win': return { ...e, args: e.args.map((a) => renamed(a, names)) };
    case 'case': return { ...e, whens: e.whens.map((w) => ({ cond: renamed(w.cond, names), then: renamed(w.then, names) })), else: renamed(e.else, names) };
    case 'list': return { ...e, items: e.items.map((a) => renamed(a, names)) };
    default: return e;
  }
}

const SQL_JOIN: Record<string, string> = {
  innerunique: 'JOIN', inner: 'JOIN', leftouter: 'LEFT JOIN', rightouter: 'RIGHT JOIN', fullouter: 'FULL JOIN',
  leftsemi: 'SEMI JOIN', leftanti: 'ANTI JOIN', rightsemi: 'SEMI JOIN', rightanti: 'ANTI JOIN',
};

/** innerunique: one arbitrary left row per key. */
function uniqueLeft(p: JoinPlan, em: DuckDbEmitter): string {
  const keys = p.on.map((k) => keySql(k.left, undefined, em)).join(', ');
  return `(SELECT DISTINCT ON (${keys}) * FROM ${em.from(p.left)})`;
}

export function emitJoin(p: JoinPlan, em: DuckDbEmitter): string {
  if (p.where) return emitFilteredJoin(p, p.where, em);
  const l = em.next('l');
  const r = em.next('r');
  const leftSrc = p.kind === 'innerunique' ? `${uniqueLeft(p, em)} AS ${l}` : em.aliased(p.left, l);
  const rightSrc = em.aliased(p.right, r);
  const cond = p.on.map((k) => `${keySql(k.left, l, em)} = ${keySql(k.right, r, em)}`).join(' AND ');
  const nullable = new Set<string>(
    p.kind === 'leftouter' ? ['right'] : p.kind === 'rightouter' ? ['left'] : p.kind === 'fullouter' ? ['left', 'right'] : [],
  );
  const cols = p.output.map((o) => {
    const src = `${o.side === 'left' ? l : r}.${ident(o.from)}`;
    const v = o.type === 'string' && nullable.has(o.side) ? `COALESCE(${src}, '')` : src;
    return `${v} AS ${ident(o.name)}`;
  });
  // right semi / anti: the right input drives the join
  const flipped = p.kind === 'rightsemi' || p.kind === 'rightanti';
  const from = flipped ? `${rightSrc} ${SQL_JOIN[p.kind]} ${leftSrc}` : `${leftSrc} ${SQL_JOIN[p.kind]} ${rightSrc}`;
  return `SELECT ${cols.join(', ')} FROM ${from} ON ${cond}`;
}

/** An inner join whose ON clause also holds `where` (over the join's output columns). */
function emitFilteredJoin(p: JoinPlan, where: Expr, em: DuckDbEmitter): string {
  const l = em.next('l');
  const r = em.next('r');
  // input column -> hidden name, per side; output column -> the same hidden name
  const hidden = { left: new Map<string, string>(), right: new Map<string, string>() };
  p.left.columns.forEach((c, i) => hidden.left.set(c.name, `__hb_jl${i}`));
  p.right.columns.forEach((c, i) => hidden.right.set(c.name, `__hb_jr${i}`));
  const byOutput = new Map(p.output.map((o) => [o.name, hidden[o.side].get(o.from)!]));
  const side = (input: Plan, names: Map<string, string>, from: string, alias: string): string =>
    `(SELECT ${input.columns.map((c) => `${ident(c.name)} AS ${ident(names.get(c.name)!)}`).join(', ')} FROM ${from}) AS ${alias}`;
  const leftFrom = p.kind === 'innerunique' ? `${uniqueLeft(p, em)} AS ${em.next()}` : em.from(p.left);
  const leftSrc = side(p.left, hidden.left, leftFrom, l);
  const rightSrc = side(p.right, hidden.right, em.from(p.right), r);
  const keys = p.on.map((k) => `${keySql(renamed(k.left, hidden.left), l, em)} = ${keySql(renamed(k.right, hidden.right), r, em)}`);
  const cond = emitPredicate(renamed(where, byOutput), em.env);
  const cols = p.output.map((o) => `${o.side === 'left' ? l : r}.${ident(hidden[o.side].get(o.from)!)} AS ${ident(o.name)}`);
  return `SELECT ${cols.join(', ')} FROM ${leftSrc} JOIN ${rightSrc} ON ${[...keys, cond].join(' AND ')}`;
}
