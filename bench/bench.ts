/**
 * Speed of Huntbook's KQL against hand-written DuckDB SQL for the same hunting questions, on
 * one generated data file, in the same process, on the same DuckDB connection.
 *
 *   npm run bench [-- --rows N] [--seed S] [--runs R] [--compile-reps N] [--only a,b] [--json]
 *
 * The data file is generated once into bench/.data/ (gitignored) and reused while its manifest
 * says it is complete for the same rows, seed and generator source. Each query: one warm-up of
 * each side (results compared, a mismatch is printed loudly), then R alternating runs of each;
 * medians. Then warm parse+compile time of every query, N times each. A measure, not a gate:
 * the exit code is 0 whatever the figures (2 if the harness itself breaks).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compile, KqlError, ErrorCodes, type Column, type DatabaseSchema } from '@huntbook/kql';
import { DEFAULT_END, generateSample, KqlDatabase } from '@huntbook/store';
import { QUERIES, sqlContext, type BenchQuery } from './queries.ts';

const HELP = `usage: npm run bench -- [options]
  --rows N           rows to generate across the sample tables (default 10000000; 1e6, 2m, 500k accepted)
  --seed S           generator seed (default 1)
  --runs R           timed runs of each side per query, alternating (default 5)
  --compile-reps N   parse+compile repetitions per query (default 20)
  --only a,b         only these queries (names or substrings)
  --data FILE        use this database file as is (no generation, no manifest check)
  --regenerate       generate the data file again even if the cached one is complete
  --json             machine-readable output on stdout
goals: median KQL/SQL ratio <= ${'1.10'}, warm parse+compile p50 <= 10 ms`;

const GOAL_RATIO = 1.1;
const GOAL_COMPILE_P50 = 10;
/** A query whose warm-up takes longer than this gets fewer timed runs (keeps the run under ~15 min). */
const QUERY_BUDGET_MS = 25_000;

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');

type Status = 'ok' | 'MISMATCH' | 'refused' | 'kql error' | 'sql error' | 'no data';

interface QueryReport {
  name: string;
  title: string;
  status: Status;
  rows_out?: number;
  sql_ms?: number;
  kql_ms?: number;
  kql_exec_ms?: number;
  /** wall time with the compile cache bypassed */
  kql_cold_ms?: number;
  ratio?: number;
  ratio_exec?: number;
  ratio_cold?: number;
  runs?: number;
  /** error message, refusal, or the first differences */
  note?: string;
  kql: string;
  sql: string;
}

// ---------------------------------------------------------------------------- arguments

function parseCount(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(e\d+|k|m)?$/i.exec(s.trim().replace(/_/g, ''));
  if (!m) throw new Error(`not a row count: ${s}`);
  const base = Number(m[1]);
  const suf = (m[2] ?? '').toLowerCase();
  const n = suf === 'k' ? base * 1e3 : suf === 'm' ? base * 1e6 : suf.startsWith('e') ? base * 10 ** Number(suf.slice(1)) : base;
  if (!Number.isFinite(n) || n < 1) throw new Error(`not a row count: ${s}`);
  return Math.round(n);
}

function label(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}m`;
  if (n % 1000 === 0) return `${n / 1000}k`;
  return String(n);
}

// ---------------------------------------------------------------------------- data file

interface Manifest {
  rows: number;
  seed: number;
  end: string;
  generator: string;
  tables: { name: string; rows: number }[];
  generate_ms: number;
}

/** Hash of the generator's source, so that a changed generator means new data. */
function generatorFingerprint(): string {
  const h = createHash('sha256');
  const roots = [join(repo, 'packages/store/src/sample'), join(repo, 'packages/store/src/types.ts')];
  const walk = (p: string): void => {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) walk(join(p, f));
    } else if (p.endsWith('.ts')) {
      h.update(relative(repo, p));
      h.update(readFileSync(p));
    }
  };
  for (const r of roots) if (existsSync(r)) walk(r);
  return h.digest('hex').slice(0, 16);
}

function removeDb(path: string): void {
  for (const p of [path, `${path}.wal`]) rmSync(p, { force: true });
}

async function ensureData(rows: number, seed: number, regenerate: boolean, log: (s: string) => void): Promise<{ path: string; manifest: Manifest; generated: boolean }> {
  const dir = join(here, '.data');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `bench-${label(rows)}-seed${seed}.duckdb`);
  const manifestPath = `${path}.json`;
  const fingerprint = generatorFingerprint();
  if (!regenerate && existsSync(path) && existsSync(manifestPath)) {
    try {
      const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      if (m.rows === rows && m.seed === seed && m.generator === fingerprint && m.end === DEFAULT_END.toISOString()) {
        log(`data: reusing ${relative(repo, path)} (${m.tables.map((t) => `${t.name} ${t.rows.toLocaleString('en-US')}`).join(', ')})`);
        return { path, manifest: m, generated: false };
      }
      log(`data: ${relative(repo, path)} is stale (${m.generator !== fingerprint ? 'the generator changed' : 'different parameters'}); generating again`);
    } catch {
      log(`data: unreadable manifest ${relative(repo, manifestPath)}; generating again`);
    }
  }
  rmSync(manifestPath, { force: true });
  const tmp = `${path}.partial`;
  removeDb(tmp);
  log(`data: generating ${rows.toLocaleString('en-US')} rows (seed ${seed}) into ${relative(repo, path)} ...`);
  let last = 0;
  const res = await generateSample({
    db: tmp, rows, seed,
    onProgress: (msg) => {
      const t = performance.now();
      if (msg.includes('done') || t - last > 5000) { log(`  ${msg}`); last = t; }
    },
  });
  removeDb(path);
  renameSync(tmp, path);
  if (existsSync(`${tmp}.wal`)) renameSync(`${tmp}.wal`, `${path}.wal`);
  const manifest: Manifest = { rows, seed, end: DEFAULT_END.toISOString(), generator: fingerprint, tables: res.tables, generate_ms: res.ms };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  log(`data: generated in ${(res.ms / 1000).toFixed(1)} s`);
  return { path, manifest, generated: true };
}

// ---------------------------------------------------------------------------- comparing answers

const DATE_RE = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z?$/;

/** Epoch nanoseconds of an ISO text, as a decimal string. */
function isoToNs(s: string): string | undefined {
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const frac = BigInt((m[7] ?? '').padEnd(9, '0'));
  return (BigInt(ms) * 1_000_000n + frac).toString();
}

/** One cell in a canonical text form, guided by the Kusto type of the KQL column. */
function canon(v: unknown, type: string): string {
  if (v === null || v === undefined) return type === 'string' ? 's:' : '∅';
  if (type === 'dynamic') return `j:${canonJson(v)}`;
  if (typeof v === 'object' && v !== null) {
    const o = v as { nanos?: bigint; micros?: bigint; millis?: bigint; seconds?: bigint; days?: number };
    if (typeof o.nanos === 'bigint') return `t:${o.nanos}`;
    if (typeof o.micros === 'bigint' && !('months' in o)) return `t:${o.micros * 1000n}`;
    if (typeof o.millis === 'bigint') return `t:${o.millis * 1_000_000n}`;
    if (typeof o.seconds === 'bigint') return `t:${o.seconds * 1_000_000_000n}`;
    if (typeof o.days === 'number' && !('micros' in o)) return `t:${BigInt(o.days) * 86_400_000_000_000n}`;
  }
  switch (type) {
    case 'datetime': {
      const ns = typeof v === 'string' ? isoToNs(v) : undefined;
      return ns !== undefined ? `t:${ns}` : `t?:${String(v)}`;
    }
    case 'int': case 'long':
      return `n:${typeof v === 'bigint' ? v.toString() : typeof v === 'number' ? String(Math.trunc(v) === v ? BigInt(v) : v) : String(v)}`;
    case 'real': {
      const n = typeof v === 'number' ? v : Number(String(v));
      if (!Number.isFinite(n)) return `r:${String(n)}`;
      return `r:${n === 0 ? '0' : Number(n.toPrecision(10)).toString()}`;
    }
    case 'bool': return `b:${Boolean(v)}`;
    case 'string': return `s:${String(v)}`;
    default: return `${type}:${String(v)}`;
  }
}

/**
 * A dynamic value (KQL: parsed JSON; SQL: JSON text or a DuckDB LIST) as canonical text.
 * Arrays compare as multisets: the queries only build them with make_set, whose order Kusto leaves open.
 */
function canonJson(v: unknown): string {
  let x: unknown = v;
  if (typeof x === 'string') { try { x = JSON.parse(x); } catch { return JSON.stringify(x); } }
  if (x && typeof x === 'object' && 'items' in x && Array.isArray((x as { items: unknown }).items)) x = (x as { items: unknown[] }).items;
  if (Array.isArray(x)) return `[${x.map(canonJson).sort().join(',')}]`;
  if (x && typeof x === 'object') return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canonJson((x as Record<string, unknown>)[k])}`).join(',')}}`;
  if (typeof x === 'bigint') return x.toString();
  return JSON.stringify(x ?? null);
}

function canonRows(rows: readonly unknown[][], cols: readonly Column[]): string[] {
  return rows.map((r) => JSON.stringify(r.map((v, i) => canon(v, cols[i]?.type ?? 'string')))).sort();
}

/** undefined when equal, else a short description of the differences. */
function compareAnswers(kqlRows: readonly unknown[][], sqlRows: readonly unknown[][], cols: readonly Column[]): string | undefined {
  const widthK = cols.length;
  const widthS = sqlRows[0]?.length ?? widthK;
  if (sqlRows.length && widthS !== widthK) return `KQL returns ${widthK} columns (${cols.map((c) => c.name).join(', ')}), SQL ${widthS}`;
  const a = canonRows(kqlRows, cols);
  const b = canonRows(sqlRows, cols);
  const setB = new Map<string, number>();
  for (const x of b) setB.set(x, (setB.get(x) ?? 0) + 1);
  const onlyK: string[] = [];
  for (const x of a) {
    const n = setB.get(x) ?? 0;
    if (n > 0) setB.set(x, n - 1); else onlyK.push(x);
  }
  const onlyS = [...setB].flatMap(([x, n]) => Array<string>(n).fill(x));
  if (!onlyK.length && !onlyS.length) return undefined;
  return [
    `KQL ${kqlRows.length} rows, SQL ${sqlRows.length} rows; ${onlyK.length} only in KQL, ${onlyS.length} only in SQL`,
    ...onlyK.slice(0, 3).map((x) => `  KQL only: ${x}`),
    ...onlyS.slice(0, 3).map((x) => `  SQL only: ${x}`),
  ].join('\n');
}

// ---------------------------------------------------------------------------- timing

function median(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

function errText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 300);
}

async function benchQuery(db: KqlDatabase, q: BenchQuery, now: Date, runs: number, present: Set<string>, log: (s: string) => void): Promise<QueryReport> {
  const sql = q.sql(sqlContext(now)).trim();
  const base = { name: q.name, title: q.title, kql: q.kql, sql };
  const missing = q.tables.filter((t) => !present.has(t.toLowerCase()));
  if (missing.length) return { ...base, status: 'no data', note: `no rows in ${missing.join(', ')}` };

  try {
    await db.explain(q.kql, { now });
  } catch (e) {
    if (e instanceof KqlError && e.code === ErrorCodes.Unsupported) return { ...base, status: 'refused', note: errText(e) };
    return { ...base, status: 'kql error', note: errText(e) };
  }
  // warm-up, and the answers compared
  let kqlRes;
  let kqlWarm;
  try {
    [kqlRes, kqlWarm] = await timed(() => db.query(q.kql, { now }));
  } catch (e) {
    return { ...base, status: 'kql error', note: errText(e) };
  }
  let sqlRows;
  let sqlWarm;
  try {
    [sqlRows, sqlWarm] = await timed(() => db.sql(sql));
  } catch (e) {
    return { ...base, status: 'sql error', note: errText(e) };
  }
  const diff = compareAnswers(kqlRes.rows, sqlRows, kqlRes.columns);
  if (diff) log(`\n!!!!!!!! MISMATCH in ${q.name}: KQL and SQL disagree !!!!!!!!\n${diff}\n`);

  const n = Math.max(1, Math.min(runs, Math.floor(QUERY_BUDGET_MS / Math.max(1, kqlWarm + sqlWarm))));
  const kqlMs: number[] = [];
  const kqlExec: number[] = [];
  const coldMs: number[] = [];
  const sqlMs: number[] = [];
  const runKql = async () => {
    const [r, ms] = await timed(() => db.query(q.kql, { now }));
    if (!r.stats.cached) throw new Error(`${q.name}: a repeated query was compiled again (the compile cache missed)`);
    kqlMs.push(ms);
    kqlExec.push(r.stats.execute_ms);
  };
  // the first run of a query text: parse, bind, plan and SQL every time (the compile cache bypassed)
  const runCold = async () => { coldMs.push((await timed(() => db.query(q.kql, { now, cache: false })))[1]); };
  const runSql = async () => { sqlMs.push((await timed(() => db.sql(sql)))[1]); };
  for (let k = 0; k < n; k++) {
    // rotate which side goes first, so none always runs on a cache warmed by another
    const order = [runKql, runSql, runCold];
    for (let j = 0; j < order.length; j++) await order[(j + k) % order.length]!();
  }
  const s = median(sqlMs);
  const kq = median(kqlMs);
  const ke = median(kqlExec);
  const kc = median(coldMs);
  return {
    ...base,
    status: diff ? 'MISMATCH' : 'ok',
    rows_out: kqlRes.rows.length,
    sql_ms: s, kql_ms: kq, kql_exec_ms: ke, kql_cold_ms: kc,
    ratio: kq / s, ratio_exec: ke / s, ratio_cold: kc / s,
    runs: n,
    note: diff,
  };
}

/** Warm parse+compile (KQL text -> SQL) of every compilable query, reps times each, interleaved. */
function compileTimes(queries: BenchQuery[], schema: DatabaseSchema, now: Date, reps: number): { samples: number[]; perQuery: Record<string, number>; parseP50: number; planEmitP50: number } {
  const ok = queries.filter((q) => { try { compile(q.kql, { schema, now, cache: false }); return true; } catch { return false; } });
  for (const q of ok) compile(q.kql, { schema, now, cache: false }); // warm-up
  const samples: number[] = [];
  const parse: number[] = [];
  const planEmit: number[] = [];
  const by: Record<string, number[]> = {};
  for (let r = 0; r < reps; r++) {
    for (const q of ok) {
      const t0 = performance.now();
      const c = compile(q.kql, { schema, now, cache: false });
      const ms = performance.now() - t0;
      samples.push(ms);
      parse.push(c.timings.parse_ms);
      planEmit.push(c.timings.compile_ms);
      (by[q.name] ??= []).push(ms);
    }
  }
  return {
    samples,
    perQuery: Object.fromEntries(Object.entries(by).map(([k, v]) => [k, median(v)])),
    parseP50: parse.length ? percentile(parse, 50) : NaN,
    planEmitP50: planEmit.length ? percentile(planEmit, 50) : NaN,
  };
}

// ---------------------------------------------------------------------------- output

const f1 = (x: number | undefined) => (x === undefined ? '' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const f2 = (x: number | undefined) => (x === undefined ? '' : x.toFixed(2));

function table(headers: string[], rows: string[][], right: boolean[]): string {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (right[i] ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join('  ').trimEnd();
  return [line(headers), w.map((x) => '-'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { values: opts } = parseArgs({
    options: {
      rows: { type: 'string' }, seed: { type: 'string' }, runs: { type: 'string' }, 'compile-reps': { type: 'string' },
      only: { type: 'string' }, data: { type: 'string' }, regenerate: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (opts.help) { console.log(HELP); return; }
  const rows = parseCount(opts.rows ?? '10000000');
  const seed = Number(opts.seed ?? 1);
  const runs = Number(opts.runs ?? 5);
  const reps = Number(opts['compile-reps'] ?? 20);
  if (!Number.isInteger(seed) || !(runs >= 1) || !(reps >= 1)) throw new Error('--seed, --runs and --compile-reps take positive integers');
  const only = opts.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const queries = only ? QUERIES.filter((q) => only.some((o) => q.name === o || q.name.includes(o))) : QUERIES;
  if (!queries.length) throw new Error(`--only matched no query (have: ${QUERIES.map((q) => q.name).join(', ')})`);
  const log = (s: string) => process.stderr.write(s + '\n');
  const t0 = performance.now();

  let path: string;
  let manifest: Manifest | undefined;
  let generated = false;
  if (opts.data) {
    path = opts.data;
    if (!existsSync(path)) throw new Error(`--data ${path}: no such file`);
  } else {
    ({ path, manifest, generated } = await ensureData(rows, seed, Boolean(opts.regenerate), log));
  }
  const now = DEFAULT_END;
  const db = await KqlDatabase.open(path, { readOnly: true });
  const reports: QueryReport[] = [];
  let compileStats: ReturnType<typeof compileTimes>;
  let tableRows: { name: string; rows: number }[];
  try {
    const schema = await db.schema();
    tableRows = [];
    for (const t of schema.tables) {
      const r = await db.sql(`SELECT count(*) FROM "${t.name.replace(/"/g, '""')}"`);
      tableRows.push({ name: t.name, rows: Number(r[0]![0]) });
    }
    const present = new Set(tableRows.filter((t) => t.rows > 0).map((t) => t.name.toLowerCase()));
    const threads = await db.sql(`SELECT current_setting('threads')`);
    log(`tables: ${tableRows.map((t) => `${t.name} ${t.rows.toLocaleString('en-US')}`).join(', ')}; DuckDB threads ${String(threads[0]![0])}`);

    for (const q of queries) {
      const r = await benchQuery(db, q, now, runs, present, log);
      reports.push(r);
      log(`${r.name.padEnd(24)} ${r.status.padEnd(9)} ${r.status === 'ok' || r.status === 'MISMATCH' ? `sql ${f1(r.sql_ms)} ms  kql ${f1(r.kql_ms)} ms  ratio ${f2(r.ratio)}  (${r.rows_out} rows, ${r.runs} runs)` : r.note ?? ''}`);
    }
    compileStats = compileTimes(queries, schema, now, reps);
  } finally {
    db.close();
  }

  const timedOk = reports.filter((r) => r.ratio !== undefined);
  const medRatio = timedOk.length ? median(timedOk.map((r) => r.ratio!)) : undefined;
  const medRatioExec = timedOk.length ? median(timedOk.map((r) => r.ratio_exec!)) : undefined;
  const medRatioCold = timedOk.length ? median(timedOk.map((r) => r.ratio_cold!)) : undefined;
  const cp50 = compileStats.samples.length ? percentile(compileStats.samples, 50) : undefined;
  const cp95 = compileStats.samples.length ? percentile(compileStats.samples, 95) : undefined;
  const totalS = (performance.now() - t0) / 1000;
  const counts: Record<string, number> = {};
  for (const r of reports) counts[r.status] = (counts[r.status] ?? 0) + 1;

  if (opts.json) {
    console.log(JSON.stringify({
      data: { path: relative(repo, path), rows: manifest?.rows, seed: manifest?.seed, generated, generate_ms: manifest?.generate_ms, tables: tableRows },
      now: now.toISOString(),
      queries: reports.map((r) => ({ ...r, compile_ms: compileStats.perQuery[r.name] })),
      summary: {
        statuses: counts,
        median_ratio: medRatio, median_ratio_exec: medRatioExec, median_ratio_cold: medRatioCold,
        compile_p50_ms: cp50, compile_p95_ms: cp95, compile_samples: compileStats.samples.length,
        parse_p50_ms: compileStats.parseP50, plan_emit_p50_ms: compileStats.planEmitP50,
        goals: { median_ratio: GOAL_RATIO, compile_p50_ms: GOAL_COMPILE_P50, median_ratio_met: medRatio !== undefined && medRatio <= GOAL_RATIO, compile_p50_met: cp50 !== undefined && cp50 <= GOAL_COMPILE_P50 },
        total_s: totalS,
      },
    }, null, 2));
    return;
  }

  const out: string[] = [];
  out.push(`Huntbook bench: ${tableRows.reduce((a, t) => a + t.rows, 0).toLocaleString('en-US')} rows in ${relative(repo, path)}; now() = ${now.toISOString()}`);
  out.push('');
  out.push(table(
    ['query', 'status', 'rows out', 'SQL ms', 'KQL ms', 'KQL exec ms', 'KQL cold ms', 'KQL/SQL', 'exec/SQL', 'cold/SQL', 'compile ms'],
    reports.map((r) => [r.name, r.status, r.rows_out === undefined ? '' : String(r.rows_out), f1(r.sql_ms), f1(r.kql_ms), f1(r.kql_exec_ms), f1(r.kql_cold_ms), f2(r.ratio), f2(r.ratio_exec), f2(r.ratio_cold), f2(compileStats.perQuery[r.name])]),
    [false, false, true, true, true, true, true, true, true, true, true],
  ));
  out.push('');
  out.push('KQL ms: db.query() wall time of a repeated query (compile cache hit + run + value conversion); KQL exec ms: its execute part;');
  out.push('KQL cold ms: the same with the compile cache bypassed (parse + bind + plan + SQL + run + conversion). Medians of rotating runs.');
  out.push(`median ratio KQL/SQL:        ${f2(medRatio).padStart(7)}   goal <= ${GOAL_RATIO.toFixed(2)}  ${medRatio === undefined ? '' : medRatio <= GOAL_RATIO ? 'met' : 'NOT MET'}   (over ${timedOk.length} queries)`);
  out.push(`median ratio exec/SQL:       ${f2(medRatioExec).padStart(7)}   (execution only, without parse+compile)`);
  out.push(`median ratio cold/SQL:       ${f2(medRatioCold).padStart(7)}   (first run of a query text: parse + compile included)`);
  out.push(`warm parse+compile p50:   ${f2(cp50).padStart(7)} ms   goal <= ${GOAL_COMPILE_P50} ms  ${cp50 === undefined ? '' : cp50 <= GOAL_COMPILE_P50 ? 'met' : 'NOT MET'}`);
  out.push(`warm parse+compile p95:   ${f2(cp95).padStart(7)} ms   (${compileStats.samples.length} compiles: ${Object.keys(compileStats.perQuery).length} queries x ${reps}; p50 of the parts: parse+bind ${f2(compileStats.parseP50)} ms, plan+SQL ${f2(compileStats.planEmitP50)} ms)`);
  out.push(`statuses: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}; total ${totalS.toFixed(0)} s${generated ? ' (data generated in this run)' : ''}`);
  const bad = reports.filter((r) => r.status !== 'ok');
  if (bad.length) {
    out.push('');
    for (const r of bad) out.push(`${r.status === 'MISMATCH' ? '!!! MISMATCH' : r.status}: ${r.name}: ${r.note ?? ''}`);
  }
  console.log(out.join('\n'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(2);
});
