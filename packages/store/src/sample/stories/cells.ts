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
  const types = schema.columns.map((c) => kustoTypeToDuckDb(c.type));
  const values = rows.map((r) => `(${schema.columns.map((c, k) => {
    const v = r.cells[c.name];
    if (v === undefined) return c.type === 'string' ? `''` : `CAST(NULL AS ${types[k]})`;
    if (v === null && c.type === 'string') return `''`;
    return valueSql(v, types[k]!);
  }).join(', ')})`);
  return `INSERT INTO ${qid(schema.name)} (${schema.columns.map((c) => qid(c.name)).join(', ')}) VALUES\n${values.join(',\n')}`;
}

/** ISO 8601 text of epoch nanoseconds, with 7 fraction digits (the contract's datetime text). */
export function isoOf(ns: bigint): string {
  const ms = ns / 1_000_000n;
  const base = new Date(Number(ms)).toISOString().slice(0, 19);
  const frac = ((ns % 1_000_000_000n) / 100n).toString().padStart(7, '0');
  return `${base}.${frac}Z`;
}
