import { DuckDBInstance } from '@duckdb/node-api';
import { Ctx, type TableGen } from './context.ts';
import { loadSentinelSchemas, type TableSchema } from './schemas.ts';
import { kustoTypeToDuckDb } from '../types.ts';
import { TABLES } from './tables/index.ts';
import { DEFAULT_END } from './time.ts';
import { OPTIONAL_COMMON } from './stories/cells.ts';
import { answerKeyOf, insertStoryRowsSql, MIN_STORY_DAYS, planStories, storyRows, type AnswerKey, type StoryRow } from './stories/index.ts';
import { dropTable } from '../duckdb/stored.ts';

export interface SampleOptions {
  /** path of a .duckdb file; generated tables are created or replaced, other tables are kept */
  db: string;
  /** total rows across the generated tables (approximate: shares are rounded) */
  rows: number;
  /** default 1 */
  seed?: number;
  /** default: every generated table */
  tables?: string[];
  /** newest TimeGenerated (exclusive); default 2026-01-01T00:00:00Z */
  end?: Date;
  /** days of data before `end`; default 7 */
  days?: number;
  onProgress?: (msg: string) => void;
  /** folder of schema JSON files (default: the package's vendored copy) */
  schemaDir?: string;
  /**
   * weave the attack stories into the traffic (default: true when every table is generated,
   * false for a subset). Story rows are reserved from their tables' shares, so the total stays
   * `rows` (unless a table's share is smaller than its story rows); false gives the traffic
   * without stories. Stories need days >= 1.
   */
  stories?: boolean;
}

export interface SampleResult {
  tables: { name: string; rows: number }[];
  ms: number;
  /** the attack stories written (none when stories are off): see sampleAnswerKey */
  answers: AnswerKey;
}

export { DEFAULT_END };
export const SAMPLE_TABLES: readonly string[] = TABLES.map((t) => t.name);
const CHUNK = 1_000_000;

const qid = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Splits `total` rows across tables by share (largest remainder), honouring minimums. */
export function allocateRows(gens: readonly TableGen[], total: number): number[] {
  const shareSum = gens.reduce((a, g) => a + g.share, 0);
  const mins = gens.map((g) => Math.min(g.min ?? 0, Math.floor(total / gens.length)));
  const rest = Math.max(0, total - mins.reduce((a, b) => a + b, 0));
  const exact = gens.map((g) => (rest * g.share) / shareSum);
  const out = exact.map((x, k) => Math.floor(x) + mins[k]!);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, k) => [x - Math.floor(x), k] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; left > 0 && j < order.length; j++, left--) out[order[j]![1]]!++;
  return out;
}

/** The INSERT ... SELECT for rows lo..hi-1 of a table of n rows. */
export function insertSql(ctx: Ctx, gen: TableGen, schema: TableSchema, lo: number, hi: number, n: number): string {
  const { pipe, cols } = gen.build(ctx, lo, hi, n);
  const names = new Set(schema.columns.map((c) => c.name));
  for (const k of Object.keys(cols)) {
    if (!names.has(k) && !OPTIONAL_COMMON.has(k)) throw new Error(`sample generator for ${gen.name}: column '${k}' is not in the schema`);
  }
  const select = schema.columns.map((c) => {
    const ty = kustoTypeToDuckDb(c.type);
    const e = cols[c.name];
    if (c.type === 'string') return e === undefined ? `''` : `coalesce(CAST((${e}) AS VARCHAR), '')`;
    return e === undefined ? `CAST(NULL AS ${ty})` : `CAST((${e}) AS ${ty})`;
  });
  return `INSERT INTO ${qid(gen.name)} SELECT ${select.join(',\n  ')}\nFROM (${pipe.sql}) z`;
}

export async function generateSample(opts: SampleOptions): Promise<SampleResult> {
  const t0 = performance.now();
  const seed = opts.seed ?? 1;
  const days = opts.days ?? 7;
  const end = opts.end ?? DEFAULT_END;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) throw new Error(`seed must be an integer in 0..2^31-1, got ${seed}`);
  if (!Number.isFinite(opts.rows) || opts.rows < 0) throw new Error(`rows must be a non-negative number, got ${opts.rows}`);
  if (!(days > 0)) throw new Error(`days must be > 0, got ${days}`);
  if (Number.isNaN(end.getTime())) throw new Error('end is not a valid date');
  const wanted = opts.tables ?? SAMPLE_TABLES;
  const gens = wanted.map((name) => {
    const g = TABLES.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (!g) throw new Error(`no sample generator for table '${name}' (available: ${SAMPLE_TABLES.join(', ')})`);
    return g;
  });
  const schemas = loadSentinelSchemas(opts.schemaDir);
  const endMs = end.getTime();
  const generated = new Set(gens.map((g) => g.name));
  let withStories = opts.stories ?? opts.tables === undefined;
  if (withStories && days < MIN_STORY_DAYS) {
    if (opts.stories) throw new Error(`the attack stories need at least ${MIN_STORY_DAYS} day of data, got days=${days}`);
    withStories = false;
  }
  const plan = planStories(seed, endMs, days);
  const story = new Map<string, StoryRow[]>();
  if (withStories) {
    for (const row of storyRows(plan)) {
      if (!generated.has(row.table)) continue;
      const list = story.get(row.table) ?? [];
      list.push(row);
      story.set(row.table, list);
    }
  }
  const answers = withStories ? answerKeyOf(plan, days, generated) : { ...answerKeyOf(plan, days), stories: [] };
  const counts = allocateRows(gens, Math.round(opts.rows)).map((n, k) => Math.max(0, n - (story.get(gens[k]!.name)?.length ?? 0)));
  const ctx = new Ctx(seed, endMs - days * 86400_000, endMs, days);
  const progress = opts.onProgress ?? (() => {});

  const inst = await DuckDBInstance.create(opts.db);
  const con = await inst.connect();
  const out: { name: string; rows: number }[] = [];
  try {
    for (let k = 0; k < gens.length; k++) {
      const gen = gens[k]!;
      const n = counts[k]!;
      const schema = schemas.find((s) => s.name === gen.name);
      if (!schema) throw new Error(`no schema for table ${gen.name}`);
      const ddl = schema.columns.map((c) => `${qid(c.name)} ${kustoTypeToDuckDb(c.type)}`).join(', ');
      await dropTable(con, gen.name);
      await con.run(`CREATE TABLE ${qid(gen.name)} (${ddl})`);
      const tt = performance.now();
      for (let lo = 0; lo < n; lo += CHUNK) {
        const hi = Math.min(n, lo + CHUNK);
        const sql = insertSql(ctx, gen, schema, lo, hi, n);
        while (ctx.pending.length) await con.run(ctx.pending.shift()!);
        await con.run(sql);
        progress(`${gen.name}: ${hi.toLocaleString('en-US')} / ${n.toLocaleString('en-US')} rows`);
      }
      const extra = story.get(gen.name);
      if (extra?.length) {
        await con.run(insertStoryRowsSql(schema, extra));
        progress(`${gen.name}: ${extra.length} story rows`);
      }
      const r = await con.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${qid(gen.name)}`);
      const rows = Number(r.getRowsJson()[0]![0]);
      out.push({ name: gen.name, rows });
      progress(`${gen.name}: done, ${rows.toLocaleString('en-US')} rows in ${((performance.now() - tt) / 1000).toFixed(1)} s`);
    }
    await con.run('CHECKPOINT');
  } finally {
    con.closeSync();
    inst.closeSync();
  }
  return { tables: out, ms: Math.round(performance.now() - t0), answers };
}
