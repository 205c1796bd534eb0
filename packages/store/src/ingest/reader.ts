/**
 * DuckDB's readers for one part: the sniff (which fields, which Kusto types) and the table
 * function with explicit options that the INSERT ... SELECT reads from. Types come from DuckDB's
 * own detection on a sample (or the whole file when `full`), refined here: strings are datetime
 * only when every sampled value is ISO 8601 text that DuckDB parses; fields DuckDB calls JSON
 * (mixed or null values) get the widened type of their values' JSON types. JSON: a pass over
 * every record's keys catches fields the sample did not see. CSV: every field is read as text
 * (the conversion makes '' null), and numbers must be decimal text.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { KType } from '@huntbook/kql';
import { kustoTypeOfDuckDb } from '../duckdb/database.ts';
import type { Part } from './source.ts';
import { ident, str } from './sql.ts';
import { inferJsonType, widen, type Inferred } from './widen.ts';

export interface Field {
  /** the name in the source */
  name: string;
  /** the DuckDB type the reader yields for it */
  read: string;
  /** the inferred Kusto type (null: only nulls) */
  kind: Inferred;
  /** an empty value means null (CSV: read as text, '' is null unless the column is a string) */
  emptyIsNull?: boolean;
}

const SAMPLE = 20480;
/** Decimal text of a long or real (CSV). */
const DECIMAL_NUMBER = String.raw`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`;
/** ISO 8601 date or date-time, optional fraction and zone (checked again by DuckDB's cast). */
const ISO_DATETIME = String.raw`^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}([.,]\d{1,9})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$`;

function options(part: Part, extra: string[]): string {
  const o: string[] = [str(part.path)];
  if (part.format === 'csv') o.push(`delim=','`, `quote='"'`, `escape='"'`, 'header=true');
  if (part.format === 'json' || part.format === 'ndjson') o.push(`format=${part.format === 'json' ? `'array'` : `'newline_delimited'`}`, 'records=true');
  if (part.format !== 'parquet') o.push(`compression=${part.gzip ? `'gzip'` : `'uncompressed'`}`);
  return [...o, ...extra].join(', ');
}

function fn(part: Part): string {
  return part.format === 'csv' ? 'read_csv' : part.format === 'parquet' ? 'read_parquet' : 'read_json';
}

/** The table function reading the part with the fields' explicit types. */
export function readerSql(part: Part, fields: readonly Field[]): string {
  if (part.format === 'parquet') return `read_parquet(${str(part.path)})`;
  const cols = `columns={${fields.map((f) => `${str(f.name)}: ${str(f.read)}`).join(', ')}}`;
  const extra = part.format === 'csv' ? ['auto_detect=false', 'strict_mode=true', 'null_padding=false', cols] : [cols];
  return `${fn(part)}(${options(part, extra)})`;
}

type Sniffed = Field & { check: 'none' | 'datetime' | 'json' | 'number' };

/**
 * A CSV field: read as text whatever DuckDB's sniff says (a quoted empty field "" is '' to the
 * reader, which no number parses), the Kusto type from the sniff; the conversion makes '' null.
 */
function csvFieldOf(name: string, type: string): Sniffed {
  const f = fieldOf(name, type, false);
  // DuckDB's sniff calls hex text ('0x1F') a number: numbers are checked to be decimal text
  const check = f.kind === 'long' || f.kind === 'real' ? 'number' : f.check;
  return { ...f, read: 'VARCHAR', emptyIsNull: true, check };
}

/** What the reader yields and the first inference from DuckDB's type. */
function fieldOf(name: string, type: string, parquet: boolean): Sniffed {
  const u = type.toUpperCase();
  if (parquet) {
    if (u === 'VARCHAR') return { name, read: type, kind: 'string', check: 'datetime' };
    const k = kustoTypeOfDuckDb(type) ?? (/^(STRUCT|MAP|UNION)\b|\[\d*\]$/i.test(type) ? 'dynamic' : 'string');
    return { name, read: type, kind: k, check: 'none' };
  }
  if (u === 'BOOLEAN') return { name, read: 'BOOLEAN', kind: 'bool', check: 'none' };
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/.test(u)) return { name, read: 'BIGINT', kind: 'long', check: 'none' };
  if (/^(UBIGINT|HUGEINT|UHUGEINT|DOUBLE|FLOAT|REAL)$/.test(u) || u.startsWith('DECIMAL')) return { name, read: 'DOUBLE', kind: 'real', check: 'none' };
  if (u === 'NULL') return { name, read: 'JSON', kind: null, check: 'none' };
  if (u === 'JSON') return { name, read: 'JSON', kind: null, check: 'json' };
  if (/^(STRUCT|MAP|UNION)\b|\[\d*\]$/.test(u)) return { name, read: 'JSON', kind: 'dynamic', check: 'none' };
  return { name, read: 'VARCHAR', kind: 'string', check: 'datetime' };
}

/** DuckDB's own detection: each field's name and type, from a sample or (`full`) every record. */
async function describe(conn: DuckDBConnection, part: Part, full: boolean): Promise<[string, string][]> {
  const sample = full ? '-1' : String(SAMPLE);
  const detect = part.format === 'parquet' ? `read_parquet(${str(part.path)})` : `${fn(part)}(${options(part, [`sample_size=${sample}`])})`;
  return ((await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${detect}`)).getRows() as [string, string][]).map(([n, t]) => [String(n), String(t)]);
}

/**
 * JSON: whether a key of some record is missing from the fields detected on the sample (a field
 * that first appears after it would be ignored by the reader). One pass over the records, reading
 * only their top-level keys; about a quarter of the insert's time.
 */
async function hasUnseenKeys(conn: DuckDBConnection, part: Part, names: readonly string[]): Promise<boolean> {
  const objects = `read_json_objects(${str(part.path)}, format=${part.format === 'json' ? `'array'` : `'newline_delimited'`}, compression=${part.gzip ? `'gzip'` : `'uncompressed'`})`;
  const known = names.length ? `[${names.map(str).join(', ')}]` : `CAST([] AS VARCHAR[])`;
  const r = await conn.runAndReadAll(`SELECT count(*) FROM (SELECT DISTINCT unnest(json_keys(json)) AS k FROM ${objects}) WHERE NOT list_contains(${known}, k)`);
  return Number(r.getRows()[0]?.[0] ?? 0) > 0;
}

/**
 * The fields of a part with their Kusto types. `full`: infer from every record, not a sample.
 * JSON fields first seen after the sample make the detection run again over every record, so
 * nothing is lost.
 */
export async function sniff(conn: DuckDBConnection, part: Part, full: boolean): Promise<Field[]> {
  let described = await describe(conn, part, full);
  if (!full && (part.format === 'json' || part.format === 'ndjson') && await hasUnseenKeys(conn, part, described.map(([n]) => n))) {
    full = true;
    described = await describe(conn, part, true);
  }
  const fields = described.map(([n, t]) => (part.format === 'csv' ? csvFieldOf(String(n), String(t)) : fieldOf(String(n), String(t), part.format === 'parquet')));
  const checks = fields.filter((f) => f.check !== 'none');
  if (checks.length) {
    const exprs = checks.map((f) => {
      const c = f.emptyIsNull ? `NULLIF(${ident(f.name)}, '')` : ident(f.name);
      if (f.check === 'number') return `bool_and(${c} IS NULL OR regexp_full_match(${c}, ${str(DECIMAL_NUMBER)}))`;
      return f.check === 'json'
        ? `list(DISTINCT json_type(${c}))`
        : `count(${c}) > 0 AND bool_and(${c} IS NULL OR (regexp_full_match(${c}, ${str(ISO_DATETIME)}) AND TRY_CAST(${c} AS TIMESTAMP_NS) IS NOT NULL))`;
    });
    const limit = full ? '' : ` LIMIT ${SAMPLE}`;
    const row = (await conn.runAndReadAll(`SELECT ${exprs.join(', ')} FROM (SELECT * FROM ${readerSql(part, fields)}${limit})`)).getRows()[0] ?? [];
    checks.forEach((f, i) => {
      const v = row[i];
      if (f.check === 'datetime') {
        if (v === true) f.kind = 'datetime';
      } else if (f.check === 'number') {
        if (v === false) f.kind = 'string';
      } else {
        const types = v && typeof v === 'object' && 'items' in v ? (v as { items: unknown[] }).items.map(String) : [];
        f.kind = types.reduce<Inferred>((acc, t) => widen(acc, inferJsonType(t)), null);
      }
    });
  }
  return fields.map(({ name, read, kind, emptyIsNull }) => (emptyIsNull ? { name, read, kind, emptyIsNull } : { name, read, kind }));
}

export type { KType };
