/**
 * @huntbook/kql: KQL -> typed plan -> SQL.
 *
 *   text --parseAndBind--> bound tree --buildPlan--> QueryPlan --dialect.emit--> SQL
 *
 * The engine never opens a database: `store` runs the SQL and converts values with
 * `fromDuckDb`.
 */
import { parseAndBind, completions, type DatabaseSchema, type TableSchema } from './parse/kusto.ts';
import { buildPlan, type QueryParameters } from './plan/build.ts';
import { setSearchScope } from './plan/ops/search.ts';
import { NeedsDiscovery, setDiscoveredKeys, type Splice } from './plan/ops/evaluate.ts';
import { duckdb } from './sql/duckdb/emit.ts';
import { KqlError, ErrorCodes, UnsupportedFeature, InvalidQuery, makeDiagnostic, type Diagnostic } from './errors.ts';
import type { Column, QueryPlan, RenderHint } from './plan/types.ts';
import type { Dialect } from './sql/dialect.ts';
import { bindNow } from './sql/now.ts';
import type { NowTracker } from './plan/context.ts';
import { TICKS_PER_MS } from './plan/literals.ts';

export interface CompileOptions {
  /** the database schema: tables and their columns */
  schema?: DatabaseSchema;
  /** the moment now() stands for (fixed for the whole query); default: the current time */
  now?: Date;
  /** values of `declare query_parameters(...)`, by name */
  parameters?: QueryParameters;
  dialect?: Dialect;
  /** the keys a previous `discovery` step found (set by `discovery.apply`) */
  discovered?: readonly string[];
  /** reuse an earlier compile of the same text, schema and parameters (default true); see compile() */
  cache?: boolean;
}

/** A data-dependent step (bag_unpack, pivot): run `sql`, pass the first column of its rows to `apply`. */
export interface Discovery {
  readonly sql: string;
  apply(keys: readonly string[]): CompiledQuery;
}

export interface CompiledQuery {
  readonly sql: string;
  readonly columns: readonly Column[];
  readonly render?: RenderHint;
  readonly plan: QueryPlan;
  readonly timings: { readonly parse_ms: number; readonly compile_ms: number };
  /** true when the SQL came from the compile cache (no parse, no plan) */
  readonly cached?: boolean;
  /** present when the query's columns depend on the data: run it first (`sql` is then the discovery query) */
  readonly discovery?: Discovery;
}

/** Parse, bind and plan a query; throws KqlError with diagnostics for bad or unsupported queries. */
export function plan(query: string, options: CompileOptions = {}, clock: NowTracker = { used: false, baked: false }): { plan: QueryPlan; parse_ms: number; plan_ms: number } {
  const t0 = performance.now();
  const parsed = parseAndBind(query, options.schema);
  const t1 = performance.now();
  if (parsed.diagnostics.length) throw new KqlError(parsed.diagnostics);
  setSearchScope(parsed.root, options.schema?.tables ?? []);
  setDiscoveredKeys(parsed.root, options.discovered);
  const nowTicks = BigInt((options.now ?? new Date()).getTime()) * TICKS_PER_MS;
  const qp = guard(query, () => buildPlan(parsed.root, query, nowTicks, options.parameters, clock));
  return { plan: qp, parse_ms: t1 - t0, plan_ms: performance.now() - t1 };
}

/**
 * The compile cache: per schema object (schemas are immutable values; a changed database gives a
 * new one), the SQL of recent queries by dialect, parameters and text. now()/ago() stay symbolic
 * in the cached SQL (sql/now.ts) and are bound to each call's instant; a query whose plan folded
 * the instant into another constant is not cached. Queries with data-dependent steps
 * (bag_unpack, pivot) are not cached either.
 */
const CACHE_LIMIT = 512;
const NO_SCHEMA = {};
const compileCache = new WeakMap<object, Map<string, { template: string; columns: readonly Column[]; render?: RenderHint; plan: QueryPlan }>>();

function cacheKey(query: string, options: CompileOptions, dialect: Dialect): string | undefined {
  if (options.cache === false || options.discovered) return undefined;
  const params = options.parameters ? JSON.stringify(Object.entries(options.parameters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : '';
  return `${dialect.name}\u0001${params}\u0001${query}`;
}

/** Forget every cached compile (tests and benchmarks that measure compiling). */
export function clearCompileCache(schema?: DatabaseSchema): void {
  compileCache.delete(schema ?? NO_SCHEMA);
}

/** Compile KQL to SQL for a dialect (DuckDB by default). Repeated compiles of one query come from a cache. */
export function compile(query: string, options: CompileOptions = {}): CompiledQuery {
  const t0 = performance.now();
  const dialect = options.dialect ?? duckdb;
  const nowTicks = BigInt((options.now ?? new Date()).getTime()) * TICKS_PER_MS;
  const key = cacheKey(query, options, dialect);
  const schemaKey = options.schema ?? NO_SCHEMA;
  const entries = key === undefined ? undefined : compileCache.get(schemaKey);
  const hit = key === undefined ? undefined : entries?.get(key);
  if (hit && key !== undefined) {
    entries!.delete(key); // most recently used last
    entries!.set(key, hit);
    const sql = bindNow(hit.template, nowTicks, dialect.datetimeLiteral);
    return { sql, columns: hit.columns, render: hit.render, plan: hit.plan, timings: { parse_ms: 0, compile_ms: performance.now() - t0 }, cached: true };
  }
  const clock: NowTracker = { used: false, baked: false };
  const fixed = { ...options, now: new Date(Number(nowTicks / TICKS_PER_MS)) }; // one instant for every step
  let p: ReturnType<typeof plan>;
  try {
    p = plan(query, fixed, clock);
  } catch (e) {
    if (!(e instanceof NeedsDiscovery)) throw e;
    const sql = bindNow(guard(query, () => dialect.emit(e.plan)), nowTicks, dialect.datetimeLiteral);
    const ms = performance.now() - t0;
    const splice = e.splice;
    const apply = splice
      ? (keys: readonly string[]) => compileSpliced(query, splice, keys, fixed)
      : (keys: readonly string[]) => compile(query, { ...fixed, discovered: keys });
    const discovery: Discovery = { sql, apply };
    return { sql, columns: e.plan.root.columns, plan: e.plan, timings: { parse_ms: 0, compile_ms: ms }, discovery };
  }
  const t1 = performance.now();
  const template = guard(query, () => dialect.emit(p.plan));
  const sql = bindNow(template, nowTicks, dialect.datetimeLiteral);
  const compile_ms = p.plan_ms + (performance.now() - t1);
  if (key !== undefined && !clock.baked) {
    let m = compileCache.get(schemaKey);
    if (!m) compileCache.set(schemaKey, (m = new Map()));
    m.set(key, { template, columns: p.plan.root.columns, render: p.plan.render, plan: p.plan });
    if (m.size > CACHE_LIMIT) m.delete(m.keys().next().value!);
  }
  return { sql, columns: p.plan.root.columns, render: p.plan.render, plan: p.plan, timings: { parse_ms: p.parse_ms, compile_ms } };
}

/**
 * Compile the query with a discovery's text edit applied (pivot's discovered schema). Error
 * positions are mapped back to the original text; so are those of a further discovery step.
 */
function compileSpliced(query: string, splice: Splice, keys: readonly string[], options: CompileOptions): CompiledQuery {
  const inserted = guard(query, () => splice.text(keys));
  const text = query.slice(0, splice.at) + inserted + query.slice(splice.at);
  const back = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof KqlError)) throw e;
      throw new KqlError(e.diagnostics.map((d) => {
        const end = d.start + d.length;
        const start = d.start >= splice.at + inserted.length ? d.start - inserted.length : Math.min(d.start, splice.at);
        const stop = end >= splice.at + inserted.length ? end - inserted.length : Math.min(end, splice.at);
        return makeDiagnostic(query, d.code, d.message, start, Math.max(0, stop - start), d.severity);
      }));
    }
  };
  const c = back(() => compile(text, options));
  const next = c.discovery;
  return next ? { ...c, discovery: { sql: next.sql, apply: (k) => back(() => next.apply(k)) } } : c;
}

/** Turn internal compile errors into KqlErrors with positions. */
function guard<T>(query: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof UnsupportedFeature) throw new KqlError([makeDiagnostic(query, ErrorCodes.Unsupported, e.message, e.start, e.length)]);
    if (e instanceof InvalidQuery) throw new KqlError([makeDiagnostic(query, ErrorCodes.Invalid, e.message, e.start, e.length)]);
    throw e;
  }
}

export { duckdb, completions, KqlError, ErrorCodes };
export { fromDuckDb, type ResultValue } from './values/convert.ts';
export { formatDatetime, formatTimespan, parseDatetime, parseTimespan } from './plan/literals.ts';
export type { QueryParameters };
export type { DatabaseSchema, TableSchema, Column, QueryPlan, RenderHint, Diagnostic, Dialect };
export type { KType } from './plan/types.ts';
export type { DuckDbUdf, UdfSqlType, UdfValue } from './sql/duckdb/udfs.ts';
export { KTYPES } from './plan/types.ts';
