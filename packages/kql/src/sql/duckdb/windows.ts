/**
 * Window functions over the serialized row order (row_number, prev, next, row_cumsum,
 * row_rank_dense, row_rank_min), wherever they appear in an operator's expressions.
 *
 * The input rows are numbered once (`row_number() OVER ()` keeps the order the input
 * delivers: sorted, serialized), then each window call becomes a hidden column computed in a
 * stage `SELECT *, ... FROM (previous stage)`; a call whose arguments hold other window calls
 * (row_cumsum(x, name != prev(name))) comes in a later stage than them. A restart condition
 * becomes a partition number (the running count of rows where it held). Every window orders
 * by the row number, so ties of the sort keys keep the order the rows came in.
 */
import { UnsupportedFeature } from '../../errors.ts';
import type { Expr, KType } from '../../plan/types.ts';
import { castTo, emitExpr, type ExprEnv } from './expr.ts';
import { ident, SQL_TYPE } from './quote.ts';

/** The row number column of the staged input. */
export const ROW = ident('__hb_rn');
const CUMULATIVE = 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';

export function hasWindow(e: Expr): boolean {
  switch (e.k) {
    case 'win': return true;
    case 'call': case 'agg': return e.args.some(hasWindow);
    case 'case': return e.whens.some((w) => hasWindow(w.cond) || hasWindow(w.then)) || hasWindow(e.else);
    case 'list': return e.items.some(hasWindow);
    default: return false;
  }
}

interface Placed { readonly e: Expr; readonly level: number }

/** Window calls of some expressions, lifted into staged columns. */
export class WindowStages {
  private readonly stages: string[][] = [];
  private count = 0;

  constructor(private readonly env: ExprEnv, private readonly alias: () => string) {}

  /** `e` with every window call replaced by a reference to its staged column. */
  lift(e: Expr): Expr { return this.place(e).e; }

  /** The FROM item: the input rows numbered, then the stages. */
  from(input: string): string {
    let sql = `SELECT *, row_number() OVER () AS ${ROW} FROM ${input}`;
    for (const st of this.stages) if (st) sql = `SELECT *, ${st.join(', ')} FROM (${sql}) AS ${this.alias()}`;
    return `(${sql}) AS ${this.alias()}`;
  }

  private place(e: Expr): Placed {
    switch (e.k) {
      case 'win': {
        const args = e.args.map((a) => this.place(a));
        return this.window(e, args.map((a) => a.e), Math.max(0, ...args.map((a) => a.level)));
      }
      case 'call': case 'agg': {
        const args = e.args.map((a) => this.place(a));
        return { e: { ...e, args: args.map((a) => a.e) }, level: Math.max(0, ...args.map((a) => a.level)) };
      }
      case 'case': {
        const whens = e.whens.map((w) => ({ cond: this.place(w.cond), then: this.place(w.then) }));
        const els = this.place(e.else);
        const level = Math.max(els.level, ...whens.map((w) => Math.max(w.cond.level, w.then.level)));
        return { e: { ...e, whens: whens.map((w) => ({ cond: w.cond.e, then: w.then.e })), else: els.e }, level };
      }
      case 'list': {
        const items = e.items.map((a) => this.place(a));
        return { e: { ...e, items: items.map((a) => a.e) }, level: Math.max(0, ...items.map((a) => a.level)) };
      }
      default: return { e, level: 0 };
    }
  }

  /** A hidden column computed at `level` (stages count from 1). */
  private column(level: number, sql: string, type: KType): Placed {
    const name = `__hb_w${++this.count}`;
    (this.stages[level - 1] ??= []).push(`${sql} AS ${ident(name)}`);
    return { e: { k: 'col', name, type }, level };
  }

  private window(w: Expr & { k: 'win' }, args: Expr[], level: number): Placed {
    const s = (x: Expr): string => emitExpr(x, this.env);
    const ref = (p: Placed): string => s(p.e);
    const order = `ORDER BY ${ROW}`;
    let part = '';
    const restart = RESTART_ARG[w.fn] !== undefined ? args[RESTART_ARG[w.fn]!] : undefined;
    if (restart) {
      const g = this.column(level + 1, `sum(CASE WHEN ${s(restart)} THEN 1 ELSE 0 END) OVER (${order} ${CUMULATIVE})`, 'long');
      level = g.level;
      part = `PARTITION BY ${ref(g)} `;
    }
    const over = `OVER (${part}${order})`;
    const x = args[0];
    switch (w.fn) {
      case 'row_number': {
        const start = x ? s(x) : '1';
        return this.column(level + 1, `CAST(row_number() ${over} + (${start}) - 1 AS BIGINT)`, 'long');
      }
      case 'prev': case 'next': {
        if (!x) throw new UnsupportedFeature(`${w.fn}() without a column`, w.pos);
        const off = args[1] ? `, ${s(args[1])}` : ', 1';
        const def = args[2] ? `, ${castTo(args[2], x.type, this.env)}` : '';
        return this.column(level + 1, `${w.fn === 'prev' ? 'lag' : 'lead'}(${s(x)}${off}${def}) ${over}`, x.type);
      }
      case 'row_cumsum': {
        if (!x) throw new UnsupportedFeature('row_cumsum() without a term', w.pos);
        return this.column(level + 1, `CAST(sum(${s(x)}) OVER (${part}${order} ${CUMULATIVE}) AS ${SQL_TYPE[w.type]})`, w.type);
      }
      case 'row_rank_dense': case 'row_rank_min': {
        if (!x) throw new UnsupportedFeature(`${w.fn}() without a term`, w.pos);
        // a rank starts at the first row (of the partition) and wherever the term changes
        const starts = this.column(level + 1, `(lag(${ROW}) ${over} IS NULL OR lag(${s(x)}) ${over} IS DISTINCT FROM ${s(x)})`, 'bool');
        if (w.fn === 'row_rank_dense') {
          return this.column(starts.level + 1, `CAST(sum(CASE WHEN ${ref(starts)} THEN 1 ELSE 0 END) OVER (${part}${order} ${CUMULATIVE}) AS BIGINT)`, 'long');
        }
        const pos = this.column(level + 1, `row_number() ${over}`, 'long');
        return this.column(starts.level + 1, `CAST(max(CASE WHEN ${ref(starts)} THEN ${ref(pos)} END) OVER (${part}${order} ${CUMULATIVE}) AS BIGINT)`, 'long');
      }
      default: throw new UnsupportedFeature(`the window function ${w.fn}()`, w.pos);
    }
  }
}

/** Position of the restart condition among a window function's arguments. */
const RESTART_ARG: Record<string, number> = { row_number: 1, row_cumsum: 1, row_rank_dense: 1, row_rank_min: 1 };
