/**
 * Story rows are a few hundred literal rows: this file turns them into one
 * INSERT per table, every value cast to the column's storage type, absent
 * strings '' and other absent values NULL (the storage contract).
 */
import { kustoTypeToDuckDb } from '../../types.ts';
import { lit } from '../sql.ts';
import type { TableSchema } from '../schemas.ts';

/** A value of a story row: a datetime is { ns } (epoch nanoseconds), a dynamic value is { json }. */
export type Cell = string | number | boolean | null | { ns: bigint } | { json: unknown };

export interface StoryRow {
  table: string;
  /** id of the story the row belongs to */
  story: string;
  cells: Record<string, Cell>;
}

/** Standard Log Analytics columns a generator may set; ignored where a table's schema lacks them. */
export const OPTIONAL_COMMON: ReadonlySet<string> = new Set(['TenantId', 'Type', '_BilledSize', '_IsBillable', '_SubscriptionId', '_ResourceId', 'SourceSystem']);

const qid = (s: string) => `"${s.replace(/"/g, '""')}"`;

function valueSql(c: Cell, type: string): string {
  if (c === null) return `CAST(NULL AS ${type})`;
  if (typeof c === 'object') {
    if ('ns' in c) return `CAST(make_timestamp_ns(${c.ns.toString()}) AS ${type})`;
    return `CAST(${lit(JSON.stringify(c.json))} AS ${type})`;
  }
  return type === 'VARCHAR' ? lit(typeof c === 'string' ? c : String(c)) : `CAST(${lit(c)} AS ${type})`;
}

/** INSERT of literal rows into a table of the given schema; unknown columns are an error naming the story and column. */
export function insertStoryRowsSql(schema: TableSchema, rows: readonly StoryRow[]): string {
  const names = new Set(schema.columns.map((c) => c.name));
  for (const r of rows) {
    for (const k of Object.keys(r.cells)) {
      if (!names.has(k) && !OPTIONAL_COMMON.has(k)) throw new Error(`story '${r.story}': column '${k}' is not in the ${schema.name} schema`);
    }
  }
  // only the columns some row sets go through VALUES; the others are '' (strings) or NULL
  const given = schema.columns.filter((c) => rows.some((r) => r.cells[c.name] !== undefined));
  const types = new Map(schema.columns.map((c) => [c.name, kustoTypeToDuckDb(c.type)]));
  const values = rows.map((r) => `(${given.map((c) => {
    const v = r.cells[c.name];
    return v === undefined || v === null ? `CAST(NULL AS ${types.get(c.name)})` : valueSql(v, types.get(c.name)!);
  }).join(', ')})`);
  const select = schema.columns.map((c) => {
    const has = given.includes(c);
    if (c.type === 'string') return has ? `coalesce(v.${qid(c.name)}, '')` : `''`;
    return has ? `v.${qid(c.name)}` : `CAST(NULL AS ${types.get(c.name)})`;
  });
  return `INSERT INTO ${qid(schema.name)} (${schema.columns.map((c) => qid(c.name)).join(', ')})\nSELECT ${select.join(', ')}\nFROM (VALUES\n${values.join(',\n')}) v(${given.map((c) => qid(c.name)).join(', ')})`;
}

/** ISO 8601 text of epoch nanoseconds, with 7 fraction digits (the contract's datetime text). */
export function isoOf(ns: bigint): string {
  const ms = ns / 1_000_000n;
  const base = new Date(Number(ms)).toISOString().slice(0, 19);
  const frac = ((ns % 1_000_000_000n) / 100n).toString().padStart(7, '0');
  return `${base}.${frac}Z`;
}
