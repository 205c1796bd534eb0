/**
 * Window functions over the serialized row order (row_number, prev, next, row_cumsum,
 * row_rank_dense, row_rank_min), wherever they appear in an operator's expressions.
 *
 * Each window call becomes a hidden column computed in a stage `SELECT *, ... FROM (previous
 * stage)`; a call whose arguments hold other window calls (row_cumsum(x, name != prev(name)))
 * comes in a later stage than them. A restart condition becomes a partition number (the
 * running count of rows where it held).
 *
 * The order: when the input is a sort (through filters, projections and takes, and no window
 * call in between), stage 1 orders its windows by the sort keys themselves, so DuckDB sorts
 * once inside the window and the input's own ORDER BY is left out. Every window of stage 1 has
 * the same OVER clause, so DuckDB computes them over one sort: ties of the sort keys come in
 * one order for all of them. Later stages, and the operator's output when its order matters,
 * use that order through a row number made in stage 1 (`row_number() OVER (ORDER BY keys)`).
 * Otherwise (serialize, range, an input whose order came from other windows) the input rows
 * are numbered as they come (`row_number() OVER ()`) and every window orders by that number.
 * Windows are never partitioned by guesswork: prev() crosses from one group of keys to the next.
 */
import { UnsupportedFeature } from '../../errors.ts';
import type { Expr, KType, Plan, QueryPlan, SortKey } from '../../plan/types.ts';
import type { DuckDbEmitter } from './emit.ts';
import { castTo, emitExpr } from './expr.ts';
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

/**
 * The sort keys the plan's rows come in, when nothing between the sort and here (filters,
 * projections that keep the key columns, takes) holds a window call that saw the order of ties.
 */
function sortKeys(p: Plan): readonly SortKey[] | null {
  switch (p.op) {
    case 'sort': return p.keys.some((k) => hasWindow(k.expr)) ? null : p.keys;
    case 'limit': return sortKeys(p.input);
    case 'filter': return hasWindow(p.cond) ? null : sortKeys(p.input);
    case 'project': {
      if (p.exprs.some((e) => hasWindow(e.expr))) return null;
      const keys = sortKeys(p.input);
      const kept = (k: SortKey): boolean => k.expr.k === 'col' && p.exprs.some((e) => e.expr.k === 'col' && e.name === e.expr.name && e.name === (k.expr as { name: string }).name);
      return keys && keys.every(kept) ? keys : null;
    }
    default: return null;
  }
}

/** The plan without the sort that `sortKeys` found (its order comes back in the window's OVER). */
function unsorted(p: Plan): Plan {
  switch (p.op) {
    case 'sort': return p.input;
    case 'filter': case 'project': { const input = unsorted(p.input); return input === p.input ? p : { ...p, input }; }
    default: return p; // limit: the rows it keeps depend on the sort
  }
}

/** Window calls of some expressions, lifted into staged columns. */
export class WindowStages {
  private readonly stages: string[][] = [];
  private count = 0;
  /** ORDER BY of stage 1 when the input is sorted by known keys */
  private readonly keyed: string | undefined;
  private readonly source: Plan;
  /** is the row number needed (stages after the first, or the output's order)? */
  private numbered: boolean;

  /**
   * `input`: the operator's input; `ordered`: does the operator's output order matter (then
   * `orderBy()` gives its ORDER BY)?
   */
  constructor(private readonly em: DuckDbEmitter, input: Plan, private readonly ordered: boolean) {
    const keys = sortKeys(input);
    this.keyed = keys ? `ORDER BY ${em.orderBy(keys)}` : undefined;
    this.source = keys ? unsorted(input) : input;
    this.numbered = !this.keyed || ordered;
  }

  /** `e` with every window call replaced by a reference to its staged column. */
  lift(e: Expr): Expr { return this.place(e).e; }

  /** The FROM item: the input rows (numbered), then the stages. */
  from(): string {
    const input = this.em.from(this.source);
    let sql: string;
    if (this.keyed) {
      if (this.numbered) (this.stages[0] ??= []).push(`row_number() OVER (${this.keyed}) AS ${ROW}`);
      sql = `SELECT * FROM ${input}`;
    } else {
      sql = `SELECT *, row_number() OVER () AS ${ROW} FROM ${input}`;
    }
    for (const st of this.stages) if (st) sql = `SELECT *, ${st.join(', ')} FROM (${sql}) AS ${this.em.next('w')}`;
    return `(${sql}) AS ${this.em.next('w')}`;
  }

  /** ` ORDER BY` the serialized order, or nothing when the consumer does not need the order. */
  orderBy(): string { return this.ordered ? ` ORDER BY ${ROW}` : ''; }

  /** The window order of a column computed at `level`. */
  private order(level: number): string {
    if (this.keyed && level <= 1) return this.keyed;
    this.numbered = true;
    return `ORDER BY ${ROW}`;
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
    const s = (x: Expr): string => emitExpr(x, this.em.env);
    const ref = (p: Placed): string => s(p.e);
    let order = this.order(level + 1);
    let part = '';
    const restart = RESTART_ARG[w.fn] !== undefined ? args[RESTART_ARG[w.fn]!] : undefined;
    if (restart) {
      const g = this.column(level + 1, `sum(CASE WHEN ${s(restart)} THEN 1 ELSE 0 END) OVER (${order} ${CUMULATIVE})`, 'long');
      level = g.level;
      order = this.order(level + 1);
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
        const def = args[2] ? `, ${castTo(args[2], x.type, this.em.env)}` : '';
        return this.column(level + 1, `${w.fn === 'prev' ? 'lag' : 'lead'}(${s(x)}${off}${def}) ${over}`, x.type);
      }
      case 'row_cumsum': {
        if (!x) throw new UnsupportedFeature('row_cumsum() without a term', w.pos);
        return this.column(level + 1, `CAST(sum(${s(x)}) OVER (${part}${order} ${CUMULATIVE}) AS ${SQL_TYPE[w.type]})`, w.type);
      }
      case 'row_rank_dense': case 'row_rank_min': {
        if (!x) throw new UnsupportedFeature(`${w.fn}() without a term`, w.pos);
        // a rank starts at the first row (of the partition) and wherever the term changes
        const starts = this.column(level + 1, `(row_number() ${over} = 1 OR lag(${s(x)}) ${over} IS DISTINCT FROM ${s(x)})`, 'bool');
        const next = this.order(starts.level + 1);
        if (w.fn === 'row_rank_dense') {
          return this.column(starts.level + 1, `CAST(sum(CASE WHEN ${ref(starts)} THEN 1 ELSE 0 END) OVER (${part}${next} ${CUMULATIVE}) AS BIGINT)`, 'long');
        }
        const pos = this.column(level + 1, `row_number() ${over}`, 'long');
        return this.column(starts.level + 1, `CAST(max(CASE WHEN ${ref(starts)} THEN ${ref(pos)} END) OVER (${part}${next} ${CUMULATIVE}) AS BIGINT)`, 'long');
      }
      default: throw new UnsupportedFeature(`the window function ${w.fn}()`, w.pos);
    }
  }
}

/** Position of the restart condition among a window function's arguments. */
const RESTART_ARG: Record<string, number> = { row_number: 1, row_cumsum: 1, row_rank_dense: 1, row_rank_min: 1 };

/**
 * The plans whose row order nothing reads: the inputs of summarize (without make_list over a
 * sorted input), distinct, join and sort, and, below such a place, the inputs of filters and
 * projections without window calls. A window operator there leaves out its final ORDER BY.
 * A plan reached from anywhere else (the result, take, a toscalar() ...) keeps its order.
 */
export function orderFreePlans(q: QueryPlan): WeakSet<Plan> {
  const free = new Set<Plan>();
  const ordered = new Set<Plan>();
  const seen = [new Set<object>(), new Set<object>()];
  const isPlan = (v: object): v is Plan => typeof (v as { op?: unknown }).op === 'string' && Array.isArray((v as { columns?: unknown }).columns);
  /** does `p` ignore the order of its input rows? */
  const ignoresOrder = (p: Plan, inFree: boolean): boolean => {
    switch (p.op) {
      case 'summarize': return ![...p.keys, ...p.aggs].some((a) => hasWindow(a.expr) || sortedAggregate(a.expr));
      case 'distinct': case 'join': return true;
      case 'sort': return !p.keys.some((k) => hasWindow(k.expr));
      case 'filter': return inFree && !hasWindow(p.cond);
      case 'project': return inFree && !p.exprs.some((e) => hasWindow(e.expr));
      default: return false;
    }
  };
  const visit = (v: unknown, inFree: boolean): void => {
    if (typeof v !== 'object' || v === null || seen[inFree ? 1 : 0]!.has(v)) return;
    seen[inFree ? 1 : 0]!.add(v);
    if ((v as { k?: unknown }).k === 'lit') return; // no plans inside; reading a now() literal's value would pin it
    if (!isPlan(v)) { for (const x of Object.values(v)) visit(x, false); return; }
    (inFree ? free : ordered).add(v);
    const childFree = ignoresOrder(v, inFree);
    for (const x of Object.values(v)) {
      if (Array.isArray(x)) for (const y of x) visit(y, childFree && typeof y === 'object' && y !== null && isPlan(y));
      else visit(x, childFree && typeof x === 'object' && x !== null && isPlan(x));
    }
  };
  for (const l of q.lets) visit(l.plan, false);
  visit(q.root, false);
  const out = new WeakSet<Plan>();
  for (const p of free) if (!ordered.has(p)) out.add(p);
  return out;
}

/** make_list and friends over a sorted input read the input's order. */
function sortedAggregate(e: Expr): boolean {
  switch (e.k) {
    case 'agg': return !!e.order?.length || e.args.some(sortedAggregate);
    case 'call': return e.args.some(sortedAggregate);
    case 'case': return e.whens.some((w) => sortedAggregate(w.cond) || sortedAggregate(w.then)) || sortedAggregate(e.else);
    case 'list': return e.items.some(sortedAggregate);
    default: return false;
  }
}
