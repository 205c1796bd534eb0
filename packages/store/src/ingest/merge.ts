/**
 * Schema merge: the incoming fields of one part against the table's columns. Decides which
 * columns are added (new fields; TimeGenerated first in a new table), which are widened
 * (widen.ts's rule), the DDL for both, and the SELECT list that converts each field into its
 * column's type. Names match existing columns case-insensitively and keep the stored spelling.
 */
import type { Column, KType } from '@huntbook/kql';
import { convert, kustoText, STORAGE } from './convert.ts';
import { IngestError } from './errors.ts';
import type { Field } from './reader.ts';
import { ident, timestampNs } from './sql.ts';
import { resolveExisting } from './widen.ts';

export const TIME_COLUMN = 'TimeGenerated';

export interface TargetColumn {
  name: string;
  type: KType;
}

export interface InsertItem {
  /** the table column */
  column: string;
  type: KType;
  /** the source field, when the column is fed from one */
  field?: Field;
  /** the SELECT expression (reading the reader's columns) */
  sql: string;
  /** the conversion can fail: TRY(<try>) IS NULL while the field is not null marks a bad value */
  tryExpr?: string;
}

export interface MergePlan {
  ddl: string[];
  added: Column[];
  widened: { name: string; from: KType; to: KType }[];
  items: InsertItem[];
}

/** DDL type of a new column: strings default to '' (never NULL in storage). */
function columnDef(name: string, type: KType): string {
  return `${ident(name)} ${STORAGE[type]}${type === 'string' ? ` DEFAULT ''` : ''}`;
}

/** The USING expression that widens an existing column `c` from one Kusto type to another. */
function widenUsing(c: string, from: KType, to: KType): string {
  if (to === 'string') return `COALESCE(${kustoText(c, from)}, '')`;
  if (to === 'dynamic') return from === 'string' ? `CASE WHEN ${c} = '' THEN NULL ELSE to_json(${c}) END` : from === 'datetime' ? `to_json(${kustoText(c, from)})` : `CAST(to_json(${c}) AS JSON)`;
  return `CAST(${c} AS ${STORAGE[to]})`;
}

/**
 * Plan one part into the table `target` (SQL: a quoted, qualified name; the stored table of
 * duckdb/stored.ts). `existing` is undefined for a new table. `now` fills TimeGenerated.
 */
export function planMerge(target: string, existing: readonly TargetColumn[] | undefined, fields: readonly Field[], now: Date): MergePlan {
  const seen = new Map<string, string>();
  for (const f of fields) {
    const k = f.name.toLowerCase();
    const other = seen.get(k);
    if (other !== undefined) throw new IngestError(`fields '${other}' and '${f.name}' differ only in case; column names are case-insensitive`);
    seen.set(k, f.name);
  }
  const ddl: string[] = [];
  const added: Column[] = [];
  const widened: MergePlan['widened'] = [];
  const byField = new Map<Field, TargetColumn>();
  const columns: TargetColumn[] = existing ? existing.map((c) => ({ ...c })) : [];

  if (!existing) {
    const time = fields.find((f) => f.name.toLowerCase() === TIME_COLUMN.toLowerCase());
    columns.push({ name: time?.name ?? TIME_COLUMN, type: 'datetime' });
    if (time) byField.set(time, columns[0]!);
    for (const f of fields) {
      if (f === time) continue;
      const col = { name: f.name, type: f.kind ?? 'string' };
      columns.push(col);
      byField.set(f, col);
    }
    ddl.push(`CREATE TABLE ${target} (${columns.map((c) => columnDef(c.name, c.type)).join(', ')})`);
    added.push(...columns.map((c) => ({ name: c.name, type: c.type })));
  } else {
    const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c]));
    for (const f of fields) {
      const col = byName.get(f.name.toLowerCase());
      if (!col) {
        const c = { name: f.name, type: f.kind ?? 'string' };
        columns.push(c);
        byName.set(f.name.toLowerCase(), c);
        byField.set(f, c);
        ddl.push(`ALTER TABLE ${target} ADD COLUMN ${columnDef(c.name, c.type)}`);
        added.push({ name: c.name, type: c.type });
        continue;
      }
      byField.set(f, col);
      const to = resolveExisting(col.type, f.kind);
      if (to !== col.type) {
        const c = ident(col.name);
        ddl.push(`ALTER TABLE ${target} ALTER COLUMN ${c} SET DATA TYPE ${STORAGE[to]} USING ${widenUsing(c, col.type, to)}`);
        if (to === 'string') ddl.push(`ALTER TABLE ${target} ALTER COLUMN ${c} SET DEFAULT ''`);
        widened.push({ name: col.name, from: col.type, to });
        col.type = to;
      }
    }
  }

  const fieldOf = new Map<TargetColumn, Field>();
  for (const [f, c] of byField) fieldOf.set(c, f);
  const items: InsertItem[] = [];
  for (const col of columns) {
    const f = fieldOf.get(col);
    const isTime = col.name.toLowerCase() === TIME_COLUMN.toLowerCase() && col.type === 'datetime';
    if (!f) {
      if (isTime) items.push({ column: col.name, type: col.type, sql: timestampNs(now) });
      else if (col.type === 'string') items.push({ column: col.name, type: col.type, sql: `''` });
      continue;
    }
    const conv = convert(ident(f.name), f.read, col.type, f.emptyIsNull);
    items.push({
      column: col.name,
      type: col.type,
      field: f,
      sql: isTime ? `COALESCE(${conv.sql}, ${timestampNs(now)})` : conv.sql,
      tryExpr: conv.fallible ? conv.sql : undefined,
    });
  }
  return { ddl, added, widened, items };
}
