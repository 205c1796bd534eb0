/**
 * npm run bench:ingest [-- --rows 5m] [--runs 3] [--formats ndjson,csv] [--into standard,new] [--json]
 *
 * Ingestion speed: SecurityEvent rows as NDJSON and CSV files, loaded by `huntbook ingest` into a
 * workspace (schema merge, casts, TimeGenerated, strings never null, late fields found, one
 * atomic batch) against DuckDB's own reader into a table on the same file (`CREATE TABLE AS
 * SELECT * FROM read_json / read_csv`), in the same run, rotating which goes first. Each side
 * starts from a fresh database. Two targets for Huntbook: the standard SecurityEvent table (228
 * columns, the Sentinel case) and a new table made from the file's fields (the same shape as
 * DuckDB's). Reports rows per second and the ratio to DuckDB's rate (goal: >= 0.7).
 *
 * The files are made once from the sample generator and cached in bench/.data/ingest-<rows>/.
 * A measure, not a gate: exit code 0 whatever the figures.
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateSample } from '@huntbook/store';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const GOAL = 0.7;

function parseCount(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(k|m)?$/i.exec(s.trim());
  if (!m) throw new Error(`not a row count: ${s}`);
  return Math.round(Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1e6 : m[2]?.toLowerCase() === 'k' ? 1e3 : 1));
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** NDJSON and CSV of `rows` generated SecurityEvent rows, datetimes as ISO 8601 UTC (as log shippers write them). */
async function ensureFiles(rows: number, log: (s: string) => void): Promise<{ ndjson: string; csv: string; rows: number }> {
  const dir = join(here, '.data', `ingest-${rows}`);
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')) as { ndjson: string; csv: string; rows: number };
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'source.duckdb');
  rmSync(db, { force: true });
  log(`data: generating ${rows.toLocaleString('en-US')} SecurityEvent rows ...`);
  await generateSample({ db, rows, seed: 7, tables: ['SecurityEvent'] });
  const inst = await DuckDBInstance.create(db);
  const conn = await inst.connect();
  const all = (await conn.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'SecurityEvent' ORDER BY ordinal_position`)).getRows() as [string, string][];
  // as a log shipper writes them: the fields that carry values (the schema has ~220 columns, most empty here)
  const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
  const filled = (await conn.runAndReadAll(`SELECT ${all.map(([c]) => `count(*) FILTER (WHERE ${q(c)} IS NOT NULL AND CAST(${q(c)} AS VARCHAR) <> '')`).join(', ')} FROM SecurityEvent`)).getRows()[0]!;
  const cols = all.filter((_c, i) => Number(filled[i]) > 0);
  log(`data: ${cols.length} of ${all.length} SecurityEvent columns carry values`);
  const select = cols.map(([c, t]) => {
    if (t.startsWith('TIMESTAMP')) return `strftime(${q(c)}, '%Y-%m-%dT%H:%M:%S.%fZ') AS ${q(c)}`;
    if (t === 'INTERVAL') return `CAST(${q(c)} AS VARCHAR) AS ${q(c)}`;
    return q(c);
  }).join(', ');
  const n = Number((await conn.runAndReadAll('SELECT count(*) FROM SecurityEvent')).getRows()[0]![0]);
  const ndjson = join(dir, 'SecurityEvent.ndjson');
  const csv = join(dir, 'SecurityEvent.csv');
  log('data: writing NDJSON and CSV ...');
  await conn.run(`COPY (SELECT ${select} FROM SecurityEvent) TO '${ndjson}' (FORMAT JSON)`);
  await conn.run(`COPY (SELECT ${select} FROM SecurityEvent) TO '${csv}' (FORMAT CSV, HEADER)`);
  conn.closeSync();
  inst.closeSync();
  rmSync(db, { force: true });
  const out = { ndjson, csv, rows: n };
  writeFileSync(manifest, JSON.stringify(out));
  return out;
}

/** DuckDB's own reader into a table of a fresh database file. */
async function duckdbLoad(file: string, format: 'ndjson' | 'csv', work: string): Promise<number> {
  const path = join(work, `duck-${format}.duckdb`);
  rmSync(path, { force: true });
  const inst = await DuckDBInstance.create(path);
  const conn = await inst.connect();
  const reader = format === 'csv' ? `read_csv('${file}', header = true)` : `read_json('${file}', format = 'newline_delimited')`;
  const t0 = performance.now();
  await conn.run(`CREATE TABLE SecurityEvent AS SELECT * FROM ${reader}`);
  await conn.run('CHECKPOINT');
  const ms = performance.now() - t0;
  conn.closeSync();
  inst.closeSync();
  rmSync(path, { force: true });
  return ms;
}

/**
 * `huntbook ingest` (a fresh process, as a user runs it) into a fresh workspace: `standard`, with
 * the standard SecurityEvent table (228 columns: the ~130 the file lacks are filled with '' or
 * null), or `new`, where the file's fields make a new table (like DuckDB's CREATE TABLE AS).
 */
function huntbookIngest(file: string, work: string, into: 'standard' | 'new'): { wallMs: number; reportMs: number | undefined; out: string } {
  const dataDir = join(work, `hb-${Math.random().toString(36).slice(2)}`);
  const cli = join(repo, 'packages/cli/bin/huntbook.js');
  const create = spawnSync(process.execPath, [cli, 'workspace', 'create', 'bench', ...(into === 'standard' ? ['--standard-tables'] : []), '--data-dir', dataDir], { encoding: 'utf8' });
  if (create.status !== 0) throw new Error(`workspace create failed: ${create.stderr || create.stdout}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'ingest', '--workspace', 'bench', '--table', 'SecurityEvent', '--data-dir', dataDir, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`huntbook ingest failed: ${r.stderr || r.stdout}`);
  const m = /in ([\d.,]+) ?(ms|s)\b/.exec(r.stdout);
  const reportMs = m ? Number(m[1]!.replace(/,/g, '')) * (m[2] === 's' ? 1000 : 1) : undefined;
  rmSync(dataDir, { recursive: true, force: true });
  return { wallMs, reportMs, out: r.stdout.trim().split('\n').slice(-3).join(' | ') };
}

async function main(): Promise<void> {
  const { values: o } = parseArgs({ options: { rows: { type: 'string' }, runs: { type: 'string' }, formats: { type: 'string' }, into: { type: 'string' }, json: { type: 'boolean' } } });
  const intos = (o.into ?? 'standard,new').split(',') as ('standard' | 'new')[];
  if (intos.some((x) => x !== 'standard' && x !== 'new')) throw new Error('--into takes standard, new or both (comma-separated)');
  const rows = parseCount(o.rows ?? '5m');
  const runs = Number(o.runs ?? 3);
  const formats = (o.formats ?? 'ndjson,csv').split(',') as ('ndjson' | 'csv')[];
  const log = (s: string) => { if (!o.json) console.error(s); };
  const files = await ensureFiles(rows, log);
  const work = mkdtempSync(join(tmpdir(), 'hb-ingest-bench-'));
  const results: { format: string; into: string; bytes: number; duckdb_ms: number; huntbook_ms: number; huntbook_ingest_ms?: number; ratio: number; note: string }[] = [];
  try {
    for (const format of formats) {
      const file = files[format];
      const duck: number[] = [];
      const hb = new Map(intos.map((x) => [x, { wall: [] as number[], inner: [] as number[], note: '' }]));
      for (let k = 0; k < runs; k++) {
        const steps: (() => Promise<void>)[] = [async () => { duck.push(await duckdbLoad(file, format, work)); }];
        for (const into of intos) {
          steps.push(async () => {
            const r = huntbookIngest(file, work, into);
            const m = hb.get(into)!;
            m.wall.push(r.wallMs);
            if (r.reportMs !== undefined) m.inner.push(r.reportMs);
            m.note = r.out;
          });
        }
        // rotate which side goes first
        for (let j = 0; j < steps.length; j++) await steps[(j + k) % steps.length]!();
        log(`${format} run ${k + 1}: duckdb ${duck.at(-1)!.toFixed(0)} ms, ${intos.map((x) => `huntbook ingest (${x} table) ${hb.get(x)!.wall.at(-1)!.toFixed(0)} ms`).join(', ')}`);
      }
      const d = median(duck);
      for (const into of intos) {
        const m = hb.get(into)!;
        const h = median(m.wall);
        results.push({ format, into, bytes: statSync(file).size, duckdb_ms: d, huntbook_ms: h, huntbook_ingest_ms: m.inner.length ? median(m.inner) : undefined, ratio: d / h, note: m.note });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (o.json) {
    console.log(JSON.stringify({ rows: files.rows, runs, results, goal: GOAL }, null, 2));
    return;
  }
  const rate = (ms: number) => `${Math.round(files.rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;
  console.log(`\nIngestion: ${files.rows.toLocaleString('en-US')} SecurityEvent rows (${relative(repo, dirname(files.ndjson))}), medians of ${runs} alternating runs`);
  for (const r of results) {
    console.log(`${r.format.padEnd(7)} ${(r.bytes / 2 ** 20).toFixed(0).padStart(6)} MiB  into the ${r.into === 'standard' ? 'standard 228-column table' : 'new table from the file'}:  DuckDB read_${r.format === 'csv' ? 'csv' : 'json'} ${(r.duckdb_ms / 1000).toFixed(1)} s (${rate(r.duckdb_ms)})   huntbook ingest ${(r.huntbook_ms / 1000).toFixed(1)} s (${rate(r.huntbook_ms)}; its batch ${r.huntbook_ingest_ms === undefined ? '?' : (r.huntbook_ingest_ms / 1000).toFixed(1) + ' s'})   Huntbook/DuckDB rate ${r.ratio.toFixed(2)}  goal >= ${GOAL}  ${r.ratio >= GOAL ? 'met' : 'NOT MET'}`);
  }
  console.log('huntbook ingest time is the whole command (process start, workspace open, schema merge, casts, commit); DuckDB\'s is CREATE TABLE AS + CHECKPOINT.');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(2);
});
