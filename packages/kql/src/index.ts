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
  /** present when the query's columns depend on the data: run it first (`sql` is then the discovery query) */
  readonly discovery?: Discovery;
}

/** Parse, bind and plan a query; throws KqlError with diagnostics for bad or unsupported queries. */
export function plan(query: string, options: CompileOptions = {}): { plan: QueryPlan; parse_ms: number; plan_ms: number } {
  const t0 = performance.now();
  const parsed = parseAndBind(query, options.schema);
  const t1 = performance.now();
  if (parsed.diagnostics.length) throw new KqlError(parsed.diagnostics);
  setSearchScope(parsed.root, options.schema?.tables ?? []);
  setDiscoveredKeys(parsed.root, options.discovered);
  const nowTicks = BigInt((options.now ?? new Date()).getTime()) * TICKS_PER_MS;
  const qp = guard(query, () => buildPlan(parsed.root, query, nowTicks, options.parameters));
  return { plan: qp, parse_ms: t1 - t0, plan_ms: performance.now() - t1 };
}

/** Compile KQL to SQL for a dialect (DuckDB by default). */
export function compile(query: string, options: CompileOptions = {}): CompiledQuery {
  const t0 = performance.now();
  const dialect = options.dialect ?? duckdb;
  let p: ReturnType<typeof plan>;
  try {
    p = plan(query, options);
  } catch (e) {
    if (!(e instanceof NeedsDiscovery)) throw e;
    const sql = guard(query, () => dialect.emit(e.plan));
    const ms = performance.now() - t0;
    const splice = e.splice;
    const apply = splice
      ? (keys: readonly string[]) => compileSpliced(query, splice, keys, options)
      : (keys: readonly string[]) => compile(query, { ...options, discovered: keys });
    const discovery: Discovery = { sql, apply };
    return { sql, columns: e.plan.root.columns, plan: e.plan, timings: { parse_ms: 0, compile_ms: ms }, discovery };
  }
  const t1 = performance.now();
  const sql = guard(query, () => dialect.emit(p.plan));
  const compile_ms = p.plan_ms + (performance.now() - t1);
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
