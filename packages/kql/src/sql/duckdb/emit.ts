/** Plans -> DuckDB SQL. Each operator becomes a SELECT over its input as a subquery. */
import { UnsupportedFeature, InvalidQuery } from '../../errors.ts';
import type { Expr, Plan, QueryPlan, SortKey, Column } from '../../plan/types.ts';
import type { Dialect } from '../dialect.ts';
import { ident, SQL_TYPE } from './quote.ts';
import { emitExpr, castTo, literalSql, type ExprEnv } from './expr.ts';
import { AGGREGATE_EMITTERS, argPickSql } from './aggregates.ts';
import { DUCKDB_PRELUDE } from './prelude.ts';
import { OPERATOR_EMITTERS } from './operators.ts';

export class DuckDbEmitter {
  private alias = 0;
  readonly env: ExprEnv = { plan: (p) => this.plan(p) };

  /** A fresh subquery alias. */
  next(prefix = 't'): string { return `_${prefix}${++this.alias}`; }

  query(q: QueryPlan): string {
    const ctes = q.lets.map((l) => `${cteName(l.id)} AS ${l.materialize ? 'MATERIALIZED ' : ''}(${this.plan(l.plan)})`);
    const body = this.plan(q.root);
    return ctes.length ? `WITH ${ctes.join(',\n')}\n${body}` : body;
  }

  expr(e: Expr, env: ExprEnv = this.env): string { return emitExpr(e, env); }

  /** SQL for `input` usable after FROM. */
  from(p: Plan): string {
    if (p.op === 'table' && !p.columns.some((c) => c.type === 'timespan')) return ident(p.name);
    if (p.op === 'ref') return cteName(p.id);
    return `(${this.plan(p)}) AS ${this.next()}`;
  }

  plan(p: Plan): string {
    switch (p.op) {
      case 'table': return `SELECT ${p.columns.map(scanColumn).join(', ') || '*'} FROM ${ident(p.name)}`;
      case 'ref': return `SELECT * FROM ${cteName(p.id)}`;
      case 'values': return this.values(p.rows, p.columns);
      case 'range': return this.range(p);
      case 'filter': {
        if (hasWindow(p.cond)) {
          // window functions cannot go in WHERE: compute first, then filter
          const tmp = this.next('w');
          const inner = `SELECT *, ${this.withWindows(p.cond, p.input)} AS ${ident(tmp)} FROM ${this.from(p.input)}`;
          return `SELECT ${p.columns.map((c) => ident(c.name)).join(', ')} FROM (${inner}) AS ${this.next()} WHERE ${ident(tmp)}`;
        }
        return `SELECT * FROM ${this.from(p.input)} WHERE ${this.expr(p.cond)}`;
      }
      case 'project': {
        if (p.exprs.length === 0) throw new InvalidQuery('the result has no columns', 0);
        const cols = p.exprs.map((e) => `${this.withWindows(e.expr, p.input)} AS ${ident(e.name)}`);
        return `SELECT ${cols.join(', ')} FROM ${this.from(p.input)}`;
      }
      case 'sort': return `SELECT * FROM ${this.from(p.input)} ORDER BY ${this.orderBy(p.keys)}`;
      case 'limit': return `SELECT * FROM ${this.from(p.input)} LIMIT ${this.expr(p.count)}`;
      case 'distinct': return `SELECT DISTINCT * FROM ${this.from(p.input)}`;
      case 'summarize': return this.summarize(p);
      default: {
        const f = OPERATOR_EMITTERS[p.op];
        if (!f) throw new UnsupportedFeature(`the plan operator '${p.op}' in DuckDB`, 0);
        return f(p as never, this);
      }
    }
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

  private summarize(p: Plan & { op: 'summarize' }): string {
    const groups = new Map<number, { by: Expr | undefined; fn: string; values: { field: string; e: Expr }[]; alias: string }>();
    const aggSql = (a: Expr & { k: 'agg' }): string => {
      if (a.group !== undefined) {
        let g = groups.get(a.group);
        if (!g) {
          g = { by: a.args.length > 1 ? a.args[0] : undefined, fn: a.fn, values: [], alias: this.next('g') };
          groups.set(a.group, g);
        }
        const field = `f${g.values.length}`;
        g.values.push({ field, e: a.args[a.args.length - 1]! });
        return `${ident(g.alias)}.${ident(field)}`;
      }
      const f = AGGREGATE_EMITTERS[a.fn];
      if (!f) throw new UnsupportedFeature(`the aggregate ${a.fn}()`, a.pos);
      return f(a.args.map((x) => ({ sql: emitExpr(x, this.env), type: x.type, e: x })), a.type, a.pos, a.order?.length ? this.orderBy(a.order) : undefined);
    };
    const env: ExprEnv = { ...this.env, aggregate: aggSql };
    const keys = p.keys.map((k) => `${emitExpr(k.expr, this.env)} AS ${ident(k.name)}`);
    const aggs = p.aggs.map((a) => ({ name: a.name, sql: emitExpr(a.expr, env) }));
    const groupBy = keys.length ? ` GROUP BY ${keys.map((_, i) => i + 1).join(', ')}` : '';
    const from = this.from(p.input);
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
      if (a.sql.startsWith('"_g')) return;
      const tmp = `_a${i}`;
      inner.push(`${a.sql} AS ${ident(tmp)}`);
      plain.push(tmp);
    });
    const outer = p.columns.map((c, i) => {
      if (i < p.keys.length) return ident(c.name);
      const a = aggs[i - p.keys.length]!;
      if (a.sql.startsWith('"_g')) return `${c.type === 'string' ? `COALESCE(${a.sql}, '')` : a.sql} AS ${ident(c.name)}`;
      return `${ident(`_a${i - p.keys.length}`)} AS ${ident(c.name)}`;
    });
    return `SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${from}${groupBy}) AS ${this.next()}`;
  }

  /** Emit an expression that may contain window functions (row_number, prev, next ...). */
  withWindows(e: Expr, _input: Plan): string {
    if (!hasWindow(e)) return this.expr(e);
    const env: ExprEnv = { ...this.env };
    return emitExpr(rewriteWindows(e, (w) => this.window(w)), env);
  }

  private window(w: Expr & { k: 'win' }): string {
    const over = w.order.length ? `OVER (ORDER BY ${this.orderBy(w.order)})` : 'OVER ()';
    const a = w.args.map((x) => this.expr(x));
    switch (w.fn) {
      case 'row_number': {
        const start = a[0] ?? '1';
        return `CAST(row_number() ${over} + (${start}) - 1 AS BIGINT)`;
      }
      case 'prev': return `lag(${a[0]}, ${a[1] ?? 1}${a[2] ? `, ${a[2]}` : ''}) ${over}`;
      case 'next': return `lead(${a[0]}, ${a[1] ?? 1}${a[2] ? `, ${a[2]}` : ''}) ${over}`;
      case 'row_cumsum': {
        if (a[1]) throw new UnsupportedFeature('row_cumsum with a restart condition', w.pos);
        return `sum(${a[0]}) OVER (${w.order.length ? `ORDER BY ${this.orderBy(w.order)} ` : ''}ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
      }
      default: throw new UnsupportedFeature(`${w.fn}()`, w.pos);
    }
  }
}

/** Replace window calls by raw SQL literals so the expression emitter can place them. */
function rewriteWindows(e: Expr, f: (w: Expr & { k: 'win' }) => string): Expr {
  switch (e.k) {
    case 'win': return { k: 'call', fn: '__raw', args: [{ k: 'lit', type: 'string', value: f(e) }], type: e.type, pos: e.pos };
    case 'call': return { ...e, args: e.args.map((a) => rewriteWindows(a, f)) };
    case 'case': return { ...e, whens: e.whens.map((w) => ({ cond: rewriteWindows(w.cond, f), then: rewriteWindows(w.then, f) })), else: rewriteWindows(e.else, f) };
    default: return e;
  }
}

export function hasWindow(e: Expr): boolean {
  switch (e.k) {
    case 'win': return true;
    case 'call': return e.args.some(hasWindow);
    case 'case': return e.whens.some((w) => hasWindow(w.cond) || hasWindow(w.then)) || hasWindow(e.else);
    default: return false;
  }
}

/** A stored column as the engine sees it: timespans are stored as INTERVAL, used as ticks. */
function scanColumn(c: Column): string {
  return c.type === 'timespan' ? `(epoch_us(${ident(c.name)}) * 10) AS ${ident(c.name)}` : ident(c.name);
}

/** dynamic values sort by their text. */
function sortable(e: Expr, sql: string): string {
  return e.type === 'dynamic' ? `CAST(${sql} AS VARCHAR)` : sql;
}

export function cteName(id: number): string { return ident(`_let${id}`); }

export const duckdb: Dialect & { prelude: readonly string[] } = {
  name: 'duckdb',
  prelude: DUCKDB_PRELUDE,
  emit(plan: QueryPlan): string { return new DuckDbEmitter().query(plan); },
};

void literalSql;
