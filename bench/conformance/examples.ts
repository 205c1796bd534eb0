/** The documented KQL examples: where the file is, its records, their page family, print-wrapping. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExpectedTable } from './normalise.ts';

export interface Example {
  readonly id: string;
  readonly page: string;
  readonly line: number;
  readonly query: string;
  readonly expected: ExpectedTable;
  readonly flags: readonly string[];
}

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** env HUNTBOOK_KQL_EXAMPLES, else ../shared beside the repo (CI layout), else /work/shared. */
export function locateExamples(): string {
  const fromEnv = process.env.HUNTBOOK_KQL_EXAMPLES;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`HUNTBOOK_KQL_EXAMPLES names a file that does not exist: ${fromEnv}`);
    return fromEnv;
  }
  const candidates = [
    resolve(REPO_ROOT, '..', 'shared', 'kql-docs-examples', 'examples.jsonl'),
    '/work/shared/kql-docs-examples/examples.jsonl',
  ];
  for (const p of candidates) if (existsSync(p)) return p;
  throw new Error(`examples.jsonl not found; tried:\n  ${candidates.join('\n  ')}\nset HUNTBOOK_KQL_EXAMPLES to its path`);
}

export function loadExamples(path: string): Example[] {
  const out: Example[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, k) => {
    if (!line.trim()) return;
    try {
      const r = JSON.parse(line) as Example;
      if (typeof r.id !== 'string' || typeof r.query !== 'string' || !r.expected || !Array.isArray(r.expected.rows)) throw new Error('missing id, query or expected');
      out.push({ ...r, flags: r.flags ?? [] });
    } catch (e) {
      throw new Error(`${path}:${k + 1}: bad record: ${(e as Error).message}`);
    }
  });
  return out;
}

/** Excluded from the deterministic measure: the docs' output cannot be reproduced exactly. */
export const NON_DETERMINISTIC_FLAGS = ['nondeterministic', 'ellipsis', 'graph', 'geo'] as const;

export function isDeterministic(ex: Example): boolean {
  return !ex.flags.some((f) => (NON_DETERMINISTIC_FLAGS as readonly string[]).includes(f));
}

/** Tabular starts of a query: anything else that is one call with no pipe is a bare scalar expression. */
const TABULAR_START = /^(let|print|range|datatable|union|declare|set|alias|pattern|restrict|evaluate|find|search|materialize|view|toscalar|externaldata|table|database|cluster)\b/i;

/** A bare scalar expression (`asin(0.5)`) becomes `print asin(0.5)`; undefined when the query is tabular. */
export function wrapScalar(query: string): string | undefined {
  const body = query.replace(/\/\/[^\n]*/g, '').trim();
  if (!body || body.includes('|') || body.includes(';')) return undefined;
  if (TABULAR_START.test(body)) return undefined;
  if (!/^[A-Za-z_][\w.]*\s*\(/.test(body) && !/^[-+\d("'@]/.test(body)) return undefined;
  return `print ${body}`;
}

/** Page family of a record, from its flags and its page stem (function or operator name). */
export function familyOf(ex: Example): string {
  if (ex.flags.includes('geo')) return 'geo';
  if (ex.flags.includes('graph')) return 'graph';
  const stem = ex.id.split('#')[0]!;
  for (const [family, re] of FAMILY_RULES) if (re.test(stem)) return family;
  if (/-operator$|-statement$/.test(stem)) return 'tabular operators';
  return 'scalar-other';
}

const FAMILY_RULES: readonly (readonly [string, RegExp])[] = [
  ['geo', /^geo-|geospatial/],
  ['graph', /graph|^node-(degree|id)/],
  ['plugins', /-plugin$|^bag-unpack|^rows-near/],
  ['aggregation functions', /-aggregation-function$|^using-hll-tdigest|^hll-merge|^merge-tdigest|^rank-tdigest|^percentilesw/],
  ['window functions', /^row-(cumsum|number|rank|window)|^prev-|^next-/],
  ['time series', /^series-|^make-series/],
  ['ip', /ipv4|ipv6/],
  ['datetime functions', /datetime|timespan|^day-of|^startof|^endof|^week-of|^month|^getyear|^hour-of|^now-|^unixtime|^bin-auto|^ago-/],
  ['dynamic/array', /^array-|^bag-|^pack|^set-(difference|has|intersect|union)|^zip|^dynamic-to-json|^parse-json|^range-function|^repeat|^treepath|^jaccard|^column-names-of|^extract-json|^todynamic/],
  ['string functions', /^str|^string|^substring|^split|^trim|^replace|^extract|^indexof|^has-any-index|^base64|^url-|^punycode|^regex|^reverse|^parse-(path|url|command-line|csv|version)|^unicode|^isascii|^gzip|^zlib|^format-bytes|^hash|^to(upper|lower)|^countof/],
  ['math', /^(abs|asin|acos|atan2?|cos|cot|sin|tan|exp|log|log10|log2|loggamma|pow|sign|ceiling|floor|round|sqrt|degrees|radians|erfc?|gamma|beta|isfinite|isinf|isnan|binary|bitset|convert|numerical|max-of|min-of|bin-at|bin)(-|$)/],
  ['scalar-other', /^(logical-operators|between-operator|not-between-operator)$/],
  ['tabular operators', /-operator$|^join-|^let-statement|^union|^datatable|^materialize|^toscalar|^named-expressions|^pattern-statement|^as-|^table-function|^invoke|^your-first/],
];
