/** Classifying outcomes and summarising them: families, flags, refusal and error reasons, failure listings. */
import { compareTables, namesMatch, type ExpectedTable } from './normalise.ts';
import { familyOf, isDeterministic, type Example } from './examples.ts';
import type { RunOutcome } from './pool.ts';
import { ERRATA } from './errata.ts';

/**
 * pass      values match the documented output
 * mismatch  the engine answered, with different values: a bug
 * docs      different values, but the documented output is known to be wrong (errata.ts)
 * refused   the engine said clearly that it does not support a feature (KqlError HB001)
 * error     any other KqlError: Kusto diagnostics (KSnnn), invalid (HB002), DuckDB failure while running (HB004)
 * crash     an exception that is not a KqlError, or the worker process died
 * timeout   no answer in time
 */
export type Status = 'pass' | 'mismatch' | 'docs' | 'refused' | 'error' | 'crash' | 'timeout';
export const STATUSES: readonly Status[] = ['pass', 'mismatch', 'docs', 'refused', 'error', 'crash', 'timeout'];

export interface ExampleResult {
  readonly id: string;
  readonly page: string;
  readonly line: number;
  readonly family: string;
  readonly flags: readonly string[];
  readonly deterministic: boolean;
  /** the query as run (bare scalar expressions wrapped in print) */
  readonly query: string;
  readonly wrapped: boolean;
  readonly status: Status;
  /** null when not comparable (no result, or a wrapped bare expression whose header the docs made up) */
  readonly namesMatch: boolean | null;
  /** why it did not pass: the first difference, or the error message */
  readonly reason?: string;
  /** grouping key of refusals, errors and crashes */
  readonly reasonKey?: string;
  readonly code?: string;
  readonly expected: ExpectedTable;
  readonly actual?: { columns: { name: string; type: string }[]; rows: unknown[][]; rowCount: number };
  readonly ms: number;
}

/** The message of a KqlError without its `(line l, column c) [CODE]` suffix; first diagnostic only. */
export function stripPosition(message: string): string {
  return message.split('\n')[0]!.replace(/\s*\(line \d+, column \d+\)\s*\[[A-Z]+\d+\]\s*$/, '').trim();
}

/** The feature a refusal names: `<feature> is not supported yet[: hint]`. */
export function refusalFeature(message: string): string {
  const m = stripPosition(message);
  const k = m.indexOf(' is not supported yet');
  return k > 0 ? m.slice(0, k) : m;
}

export function classify(ex: Example, query: string, wrapped: boolean, o: RunOutcome): ExampleResult {
  const base = {
    id: ex.id, page: ex.page, line: ex.line, family: familyOf(ex), flags: ex.flags, deterministic: isDeterministic(ex),
    query, wrapped, expected: ex.expected, ms: Math.round(o.ms),
  };
  if (o.ok) {
    const actual = { columns: o.columns, rows: o.rows, rowCount: o.rowCount };
    const cmp = o.rowCount > o.rows.length
      ? { valuesMatch: false, reason: `expected ${ex.expected.rows.length} rows, got ${o.rowCount}` }
      : compareTables(ex.expected, actual, ex.flags.includes('ordered'));
    const names = wrapped ? null : namesMatch(ex.expected.columns, o.columns.map((c) => c.name));
    if (cmp.valuesMatch) return { ...base, status: 'pass', namesMatch: names, actual };
    const erratum = ERRATA.get(ex.id);
    if (erratum) return { ...base, status: 'docs', namesMatch: names, reason: `known docs mistake: ${erratum}; ${cmp.reason}`, actual };
    return { ...base, status: 'mismatch', namesMatch: names, reason: cmp.reason, actual };
  }
  if ('timeout' in o) return { ...base, status: 'timeout', namesMatch: null, reason: o.message, reasonKey: 'timeout' };
  if ('died' in o) return { ...base, status: 'crash', namesMatch: null, reason: o.message, reasonKey: o.message.slice(0, 120) };
  if (o.kqlError && o.code === 'HB001') return { ...base, status: 'refused', namesMatch: null, reason: stripPosition(o.message), reasonKey: refusalFeature(o.message), code: o.code };
  if (o.kqlError) return { ...base, status: 'error', namesMatch: null, reason: stripPosition(o.message), reasonKey: `[${o.code}] ${stripPosition(o.message).slice(0, 120)}`, code: o.code };
  const where = o.stack?.split('\n').slice(1, 3).map((l) => l.trim()).join(' ') ?? '';
  return { ...base, status: 'crash', namesMatch: null, reason: `${o.message}${where ? ` (${where})` : ''}`, reasonKey: o.message.split('\n')[0]!.slice(0, 120) };
}

// ---------------------------------------------------------------- summaries

export interface Tally { total: number; pass: number; mismatch: number; docs: number; refused: number; error: number; crash: number; timeout: number; namesMatch: number; namesComparable: number }

function emptyTally(): Tally {
  return { total: 0, pass: 0, mismatch: 0, docs: 0, refused: 0, error: 0, crash: 0, timeout: 0, namesMatch: 0, namesComparable: 0 };
}

function add(t: Tally, r: ExampleResult): void {
  t.total++;
  t[r.status]++;
  if (r.namesMatch !== null) { t.namesComparable++; if (r.namesMatch) t.namesMatch++; }
}

export function tally(results: readonly ExampleResult[]): Tally {
  const t = emptyTally();
  for (const r of results) add(t, r);
  return t;
}

export function byKey(results: readonly ExampleResult[], key: (r: ExampleResult) => string | readonly string[] | undefined): Map<string, Tally> {
  const m = new Map<string, Tally>();
  for (const r of results) {
    const k = key(r);
    for (const one of k === undefined ? [] : typeof k === 'string' ? [k] : k) {
      let t = m.get(one);
      if (!t) m.set(one, (t = emptyTally()));
      add(t, r);
    }
  }
  return m;
}

export interface Reason { readonly reason: string; readonly count: number; readonly ids: string[] }

/** Most frequent reasons among results of some statuses. */
export function topReasons(results: readonly ExampleResult[], statuses: readonly Status[], limit: number): Reason[] {
  const m = new Map<string, string[]>();
  for (const r of results) {
    if (!statuses.includes(r.status) || !r.reasonKey) continue;
    const ids = m.get(r.reasonKey) ?? [];
    ids.push(r.id);
    m.set(r.reasonKey, ids);
  }
  return [...m].map(([reason, ids]) => ({ reason, count: ids.length, ids })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)).slice(0, limit);
}

export interface FamilyMismatches { readonly family: string; readonly count: number; readonly ids: string[] }

export function topMismatchFamilies(results: readonly ExampleResult[], limit: number): FamilyMismatches[] {
  const m = new Map<string, string[]>();
  for (const r of results) if (r.status === 'mismatch') m.set(r.family, [...(m.get(r.family) ?? []), r.id]);
  return [...m].map(([family, ids]) => ({ family, count: ids.length, ids })).sort((a, b) => b.count - a.count || a.family.localeCompare(b.family)).slice(0, limit);
}

export const pct = (p: number, n: number): string => (n === 0 ? '-' : `${((100 * p) / n).toFixed(1)}%`);

// ---------------------------------------------------------------- text output

function pad(s: string | number, w: number, right = false): string {
  const t = String(s);
  return right ? t.padStart(w) : t.padEnd(w);
}

export function tallyTable(title: string, rows: readonly (readonly [string, Tally])[]): string {
  const w = Math.max(title.length, ...rows.map(([k]) => k.length)) + 2;
  const head = `${pad(title, w)}${pad('total', 6, true)}${pad('pass', 6, true)}${pad('%', 8, true)}${pad('mism', 6, true)}${pad('docs', 6, true)}${pad('refus', 7, true)}${pad('error', 7, true)}${pad('crash', 7, true)}${pad('t/o', 5, true)}${pad('names', 9, true)}`;
  const line = (k: string, t: Tally) => `${pad(k, w)}${pad(t.total, 6, true)}${pad(t.pass, 6, true)}${pad(pct(t.pass, t.total), 8, true)}${pad(t.mismatch, 6, true)}${pad(t.docs, 6, true)}${pad(t.refused, 7, true)}${pad(t.error, 7, true)}${pad(t.crash, 7, true)}${pad(t.timeout, 5, true)}${pad(`${t.namesMatch}/${t.namesComparable}`, 9, true)}`;
  return [head, '-'.repeat(head.length), ...rows.map(([k, t]) => line(k, t))].join('\n');
}

function showValue(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(v);
}

const MAX_SHOWN_ROWS = 20;

/** One failure for humans: id, query, expected vs actual (or the error). */
export function formatFailure(r: ExampleResult): string {
  const out: string[] = [];
  out.push(`=== ${r.id}  [${r.status}${r.code ? ` ${r.code}` : ''}]  ${r.family}${r.deterministic ? '' : `  (${r.flags.filter((f) => f !== 'ordered').join(', ')})`}  ${r.page}:${r.line}`);
  out.push('query:' + (r.wrapped ? ' (bare expression, run as print)' : ''));
  for (const l of r.query.split('\n')) out.push(`  | ${l}`);
  const table = (cols: string[], rows: readonly (readonly unknown[])[], total: number) => {
    out.push(`    ${cols.join(' | ')}`);
    for (const row of rows.slice(0, MAX_SHOWN_ROWS)) out.push(`    ${row.map(showValue).join(' | ')}`);
    if (total > MAX_SHOWN_ROWS) out.push(`    ... ${total - MAX_SHOWN_ROWS} more rows`);
  };
  out.push(`expected${r.flags.includes('ordered') ? ' (ordered)' : ''}:`);
  table([...r.expected.columns], r.expected.rows, r.expected.rows.length);
  if (r.actual) {
    out.push('actual:');
    table(r.actual.columns.map((c) => `${c.name}:${c.type}`), r.actual.rows, r.actual.rowCount);
  }
  if (r.reason) out.push(`${r.actual ? 'difference' : 'error'}: ${r.reason}`);
  return out.join('\n');
}
