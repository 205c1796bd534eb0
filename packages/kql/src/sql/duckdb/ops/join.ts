/**
 * join / lookup -> one DuckDB join over plain equality keys (a hash join). innerunique keeps
 * one arbitrary left row per key first (DISTINCT ON). Semi and anti joins use SEMI / ANTI
 * JOIN. Null keys never match (SQL `=`); string keys compare with null as '' because Kusto
 * strings are never null. String columns from the side an outer join may leave empty
 * become '' instead of null.
 */
import type { Expr, Plan } from '../../../plan/types.ts';
import type { DuckDbEmitter } from '../emit.ts';
import { emitExpr } from '../expr.ts';
import { ident } from '../quote.ts';

type JoinPlan = Plan & { op: 'join' };

/** `input AS alias`, without a needless subquery for tables and CTEs. */
export function aliased(p: Plan, alias: string, em: DuckDbEmitter): string {
  if (p.op === 'table' || p.op === 'ref') return `${em.from(p)} AS ${alias}`;
  return `(${em.plan(p)}) AS ${alias}`;
}

function keySql(e: Expr, qualifier: string | undefined, em: DuckDbEmitter): string {
  const sql = emitExpr(e, { ...em.env, qualifier });
  return e.type === 'string' ? `COALESCE(${sql}, '')` : sql;
}

const SQL_JOIN: Record<string, string> = {
  innerunique: 'JOIN', inner: 'JOIN', leftouter: 'LEFT JOIN', rightouter: 'RIGHT JOIN', fullouter: 'FULL JOIN',
  leftsemi: 'SEMI JOIN', leftanti: 'ANTI JOIN', rightsemi: 'SEMI JOIN', rightanti: 'ANTI JOIN',
};

export function emitJoin(p: JoinPlan, em: DuckDbEmitter): string {
  const l = em.next('l');
  const r = em.next('r');
  let leftSrc = aliased(p.left, l, em);
  if (p.kind === 'innerunique') {
    const keys = p.on.map((k) => keySql(k.left, undefined, em)).join(', ');
    leftSrc = `(SELECT DISTINCT ON (${keys}) * FROM ${em.from(p.left)}) AS ${l}`;
  }
  const rightSrc = aliased(p.right, r, em);
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
