/** Plans -> DuckDB SQL. Each operator becomes a SELECT over its input as a subquery. */
import { UnsupportedFeature, InvalidQuery } from '../../errors.ts';
import type { Expr, Plan, QueryPlan, SortKey, Column } from '../../plan/types.ts';
import type { Dialect } from '../dialect.ts';
import { ident, SQL_TYPE } from './quote.ts';
import { emitExpr, emitPredicate, castTo, literalSql, datetimeLiteral, type ExprEnv } from './expr.ts';
import { AGGREGATE_EMITTERS, argPickSql } from './aggregates.ts';
import { DUCKDB_PRELUDE } from './prelude.ts';
import { DUCKDB_UDFS, type DuckDbUdf } from './udfs.ts';
import { OPERATOR_EMITTERS } from './operators.ts';
import { hasWindow, WindowStages, orderFreePlans } from './windows.ts';

export class DuckDbEmitter {
  private alias = 0;
  readonly env: ExprEnv = { plan: (p) => this.plan(p) };
  /** plans whose row order nothing reads (windows.ts) */
  private orderFree = new WeakSet<Plan>();

  /** A fresh subquery alias. */
  next(prefix = 't'): string { return `__hb_${prefix}${++this.alias}`; }

  query(q: QueryPlan): string {
    this.orderFree = orderFreePlans(q);
    const ctes = q.lets.map((l) => `${cteName(l.id)} AS ${l.materialize ? 'MATERIALIZED ' : ''}(${this.plan(l.plan)})`);
    const body = this.plan(q.root);
    return ctes.length ? `WITH ${ctes.join(',\n')}\n${body}` : body;
  }

  expr(e: Expr, env: ExprEnv = this.env): string { return emitExpr(e, env); }

  /**
   * A window-free filter as the consuming operator's own `FROM ... WHERE ...`, so it needs no
   * subquery (flatter SELECTs plan faster in DuckDB). Filters never rename columns, so the
   * consumer's references mean the same. Only one where is merged: successive wheres stay
   * nested, which keeps DuckDB evaluating them in the order the hunter wrote them (a merged
   * `a AND b` may be reordered to run an expensive regex first).
   */
  fromWhere(p: Plan): string {
    if (p.op === 'filter' && !hasWindow(p.cond)) return `${this.from(p.input)} WHERE ${emitPredicate(p.cond, this.env)}`;
    return this.from(p);
  }

  /** SQL for `input` usable after FROM. */
  from(p: Plan): string {
    return this.aliased(p, this.next());
  }

  /** `input AS alias`: a table or CTE by name when it needs no conversion, else a subquery. */
  aliased(p: Plan, alias: string): string {
    if (p.op === 'table' && !p.columns.some((c) => c.type === 'timespan')) return `${ident(p.name)} AS ${alias}`;
    if (p.op === 'ref') return `${cteName(p.id)} AS ${alias}`;
    return `(${this.plan(p)}) AS ${alias}`;
  }

  plan(p: Plan): string {
    switch (p.op) {
      case 'table': return `SELECT ${p.columns.map(scanColumn).join(', ') || '*'} FROM ${ident(p.name)}`;
      case 'ref': return `SELECT * FROM ${cteName(p.id)}`;
      case 'values': return this.values(p.rows, p.columns);
      case 'range': return this.range(p);
      case 'filter': {
        if (hasWindow(p.cond)) {
          // window functions cannot go in WHERE: compute them in stages first
          const ws = this.windows(p);
          const cond = ws.lift(p.cond);
          return `SELECT ${p.columns.map((c) => ident(c.name)).join(', ')} FROM ${ws.from()} WHERE ${emitPredicate(cond, this.env)}${ws.orderBy()}`;
        }
        return `SELECT * FROM ${this.fromWhere(p)}`;
      }
      case 'project': {
        if (p.exprs.length === 0) throw new InvalidQuery('the result has no columns', 0);
        if (p.exprs.some((e) => hasWindow(e.expr))) {
          const ws = this.windows(p);
          const cols = p.exprs.map((e) => `${this.expr(ws.lift(e.expr))} AS ${ident(e.name)}`);
          return `SELECT ${cols.join(', ')} FROM ${ws.from()}${ws.orderBy()}`;
        }
        return `SELECT ${this.projectList(p)} FROM ${this.fromWhere(p.input)}`;
      }
      case 'sort': {
        if (p.keys.some((k) => hasWindow(k.expr))) {
          const ws = this.windows(p, false);
          const keys = p.keys.map((k) => ({ ...k, expr: ws.lift(k.expr) }));
          return `SELECT ${p.columns.map((c) => ident(c.name)).join(', ')} FROM ${ws.from()} ORDER BY ${this.orderBy(keys)}`;
        }
        return `SELECT * FROM ${this.fromWhere(p.input)} ORDER BY ${this.orderBy(p.keys)}`;
      }
      case 'limit': {
        const s = p.input;
        // take after sort: one SELECT with ORDER BY and LIMIT (DuckDB's top-N)
        if (s.op === 'sort' && !s.keys.some((k) => hasWindow(k.expr))) {
          return `SELECT * FROM ${this.fromWhere(s.input)} ORDER BY ${this.orderBy(s.keys)} LIMIT ${this.expr(p.count)}`;
        }
        return `SELECT * FROM ${this.fromWhere(p.input)} LIMIT ${this.expr(p.count)}`;
      }
      case 'distinct': return `SELECT DISTINCT * FROM ${this.fromWhere(p.input)}`;
      case 'summarize': {
        if ([...p.keys, ...p.aggs].some((k) => hasWindow(k.expr))) {
          const ws = this.windows(p, false);
          const lifted = { ...p, keys: p.keys.map((k) => ({ ...k, expr: ws.lift(k.expr) })), aggs: p.aggs.map((a) => ({ ...a, expr: ws.lift(a.expr) })) };
          return this.summarize(lifted, ws.from());
        }
        return this.summarize(p);
      }
      default: {
        const f = OPERATOR_EMITTERS[p.op];
        if (!f) throw new UnsupportedFeature(`the plan operator '${p.op}' in DuckDB`, 0);
        return f(p as never, this);
      }
    }
  }

  /**
   * The SELECT list of a project. extend and project-away keep most input columns as they are:
   * `* REPLACE (...)` / `* EXCLUDE (...)` keeps the SQL short on wide tables (SecurityEvent has 228
   * columns), which DuckDB plans much faster than a full column list. `*` is exactly the input's
   * columns: scans and subqueries expose those and nothing else.
   */
  projectList(p: Plan & { op: 'project' }): string {
    const inCols = p.input.columns;
    const isSame = (e: { name: string; expr: Expr }): boolean => e.expr.k === 'col' && e.expr.name === e.name;
    const full = () => p.exprs.map((e) => `${this.expr(e.expr)} AS ${ident(e.name)}`).join(', ');
    if (inCols.length < 4) return full();
    // extend: every input column, in order, then new ones
    if (p.exprs.length >= inCols.length && inCols.every((c, i) => p.exprs[i]!.name === c.name)) {
      const replaced = p.exprs.slice(0, inCols.length).filter((e) => !isSame(e));
      const star = replaced.length ? `* REPLACE (${replaced.map((e) => `${this.expr(e.expr)} AS ${ident(e.name)}`).join(', ')})` : '*';
      return [star, ...p.exprs.slice(inCols.length).map((e) => `${this.expr(e.expr)} AS ${ident(e.name)}`)].join(', ');
    }
    // project-away: a subsequence of the input columns, unchanged
    if (p.exprs.every(isSame)) {
      let j = 0;
      const kept = new Set(p.exprs.map((e) => e.name));
      const inOrder = inCols.every((c) => !kept.has(c.name) || p.exprs[j++]!.name === c.name) && j === p.exprs.length;
      const dropped = inCols.filter((c) => !kept.has(c.name));
      if (inOrder && dropped.length > 0 && dropped.length < inCols.length) return `* EXCLUDE (${dropped.map((c) => ident(c.name)).join(', ')})`;
    }
    return full();
  }

  orderBy(keys: readonly SortKey[], env: ExprEnv = this.env): string {
    return keys.map((k) => `${sortable(k.expr, emitExpr(k.expr, env))} ${k.desc ? 'DESC' : 'ASC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`).join(', ');
  }

  values(rows: readonly (readonly Expr[])[], columns: readonly Column[]): string {
    if (rows.length === 0) {
      return `SELECT ${columns.map((c) => `CAST(NULL AS ${SQL_TYPE[c.type]}) AS ${ident(c.name)}`).join(', ')} WHERE FALSE`;
    }
    if (rows.length === 1) {
      return `SELECT ${columns.map((c, i) => `${castTo(rows[0]![i]!, c.type, this.env)} AS ${ident(c.name)}`).join(', ')}`;
    }
    const body = rows.map((r) => `(${columns.map((c, i) => castTo(r[i]!, c.type, this.env)).join(', ')})`).join(',\n');
    const a = this.next('v');
    const cols = columns.map((_, i) => ident(`c${i}`)).join(', ');
    return `SELECT ${columns.map((c, i) => `CAST(${a}.${ident(`c${i}`)} AS ${SQL_TYPE[c.type]}) AS ${ident(c.name)}`).join(', ')} FROM (VALUES ${body}) AS ${a}(${cols})`;
  }

  private range(p: Plan & { op: 'range' }): string {
    const c = p.columns[0]!;
    const from = this.expr(p.from);
    const to = this.expr(p.to);
    const step = this.expr(p.step);
    const name = ident(c.name);
    switch (c.type) {
      case 'datetime':
        return `SELECT make_timestamp_ns(r.range) AS ${name} FROM range(epoch_ns(${from}), epoch_ns(${to}) + 1, ${step} * 100) AS r`;
      case 'long': case 'int': case 'timespan':
        return `SELECT CAST(r.generate_series AS ${SQL_TYPE[c.type]}) AS ${name} FROM generate_series(CAST(${from} AS BIGINT), CAST(${to} AS BIGINT), CAST(${step} AS BIGINT)) AS r`;
      default:
        return `SELECT CAST(${from} + r.i * ${step} AS DOUBLE) AS ${name} FROM (SELECT generate_series AS i FROM generate_series(0, CAST(floor((${to} - ${from}) / ${step} + 1e-9) AS BIGINT))) AS r`;
    }
  }

  private summarize(p: Plan & { op: 'summarize' }, fromSql?: string): string {
    const groups = new Map<number, { by: Expr | undefined; fn: string; values: { field: string; e: Expr }[]; alias: string }>();
    /** SQL texts that are a field of a group's picked row (not aggregates of their own) */
    const picked = new Set<string>();
    const aggSql = (a: Expr & { k: 'agg' }): string => {
      if (a.group !== undefined) {
        let g = groups.get(a.group);
        if (!g) {
          g = { by: a.args.length > 1 ? a.args[0] : undefined, fn: a.fn, values: [], alias: this.next('g') };
          groups.set(a.group, g);
        }
        const field = `f${g.values.length}`;
        g.values.push({ field, e: a.args[a.args.length - 1]! });
        const ref = `${ident(g.alias)}.${ident(field)}`;
        picked.add(ref);
        return ref;
      }
      const f = AGGREGATE_EMITTERS[a.fn];
      if (!f) throw new UnsupportedFeature(`the aggregate ${a.fn}()`, a.pos);
      return f(a.args.map((x) => ({ sql: emitExpr(x, this.env), type: x.type, e: x })), a.type, a.pos, a.order?.length ? this.orderBy(a.order) : undefined);
    };
    const env: ExprEnv = { ...this.env, aggregate: aggSql };
    const keys = p.keys.map((k) => `${emitExpr(k.expr, this.env)} AS ${ident(k.name)}`);
    const aggs = p.aggs.map((a) => ({ name: a.name, sql: emitExpr(a.expr, env) }));
    const groupBy = keys.length ? ` GROUP BY ${keys.map((_, i) => i + 1).join(', ')}` : '';
    const from = fromSql ?? this.fromWhere(p.input);
    if (groups.size === 0) {
      return `SELECT ${[...keys, ...aggs.map((a) => `${a.sql} AS ${ident(a.name)}`)].join(', ')} FROM ${from}${groupBy}`;
    }
    // arg_max / arg_min / take_any with several columns: pick one row per group as a struct, then unpack
    const inner: string[] = [...keys];
    for (const g of groups.values()) {
      const struct = `struct_pack(${g.values.map((v) => `${ident(v.field)} := ${emitExpr(v.e, this.env)}`).join(', ')})`;
      const pick = g.fn === 'take_any' ? `any_value(${struct})` : argPickSql(g.fn, struct, emitExpr(g.by!, this.env));
      inner.push(`${pick} AS ${ident(g.alias)}`);
    }
    const plain: string[] = [];
    aggs.forEach((a, i) => {
      if (picked.has(a.sql)) return;
      const tmp = `__hb_a${i}`;
      inner.push(`${a.sql} AS ${ident(tmp)}`);
      plain.push(tmp);
    });
    const outer = p.columns.map((c, i) => {
      if (i < p.keys.length) return ident(c.name);
      const a = aggs[i - p.keys.length]!;
      if (picked.has(a.sql)) return `${c.type === 'string' ? `COALESCE(${a.sql}, '')` : a.sql} AS ${ident(c.name)}`;
      return `${ident(`__hb_a${i - p.keys.length}`)} AS ${ident(c.name)}`;
    });
    return `SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${from}${groupBy}) AS ${this.next()}`;
  }

  /** Window functions of one operator over its input, computed in stages (windows.ts); `ordered`: does its output order matter. */
  windows(p: Plan & { input: Plan }, ordered = !this.orderFree.has(p)): WindowStages { return new WindowStages(this, p.input, ordered); }
}

export { hasWindow };

/** A stored column as the engine sees it: timespans are stored as INTERVAL, used as ticks. */
function scanColumn(c: Column): string {
  return c.type === 'timespan' ? `(epoch_us(${ident(c.name)}) * 10) AS ${ident(c.name)}` : ident(c.name);
}

/** dynamic values sort by their text. */
function sortable(e: Expr, sql: string): string {
  return e.type === 'dynamic' ? `CAST(${sql} AS VARCHAR)` : sql;
}

export function cteName(id: number): string { return ident(`__hb_let${id}`); }

export const duckdb: Dialect & { prelude: readonly string[]; udfs: readonly DuckDbUdf[] } = {
  name: 'duckdb',
  prelude: DUCKDB_PRELUDE,
  udfs: DUCKDB_UDFS,
  emit(plan: QueryPlan): string { return new DuckDbEmitter().query(plan); },
  datetimeLiteral,
};

void literalSql;
