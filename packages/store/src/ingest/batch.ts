/**
 * One ingestion batch: every part is sniffed, merged into the table's schema and inserted with
 * one INSERT ... SELECT from DuckDB's reader, all inside one transaction (rolled back on any
 * error: all rows visible or none). When a reader or a cast fails the transaction is rolled
 * back and the failure explained: types inferred from a sample are inferred again from every
 * record, malformed records are found in JavaScript, values that do not convert are found with
 * TRY(); then the batch is rejected with the record number, or (errors: 'quarantine') done
 * again with the bad records put into HuntbookIngestionErrors.
 */
import { writeFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Column, DatabaseSchema } from '@huntbook/kql';
import { kustoTypeOfDuckDb } from '../duckdb/database.ts';
import { refreshView, storedColumns, storedTable, storeColumns, type StoredTable } from '../duckdb/stored.ts';
import type { IngestOptions, IngestReport, IngestSource } from '../workspace/types.ts';
import { IngestError } from './errors.ts';
import { readText, scanCsv, scanJsonArray, scanNdjson, type BadRecord, type Scan } from './locate.ts';
import { planMerge, type MergePlan, type TargetColumn } from './merge.ts';
import { quarantine, type Quarantined } from './quarantine.ts';
import { readerSql, sniff, type Field } from './reader.ts';
import { partsOf, Staging, type Part } from './source.ts';
import { duckMessage, ident, str } from './sql.ts';

/** Where a batch goes: a write connection (one writer at a time) and the schema cache to refresh. */
export interface IngestTarget {
  conn: DuckDBConnection;
  schema(): Promise<DatabaseSchema>;
  invalidateSchema(): void;
}

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,255}$/;

interface PartState {
  part: Part;
  /** records already known bad (decoder errors, malformed text), quarantined before the insert */
  quarantined: Quarantined[];
  /** insert only the rows whose values convert; the others are quarantined (after a failed cast) */
  split: boolean;
}

/** A part failed inside the transaction (already rolled back). */
class PartFailure extends Error {
  constructor(readonly error: unknown, readonly index: number, readonly stage: 'sniff' | 'ddl' | 'insert', readonly fields?: Field[], readonly plan?: MergePlan) {
    super(duckMessage(error));
  }
}

export function validateTableName(table: string): void {
  if (!TABLE_NAME.test(table)) {
    throw new IngestError(`invalid table name '${table}': use letters, digits and underscores, starting with a letter or underscore (at most 256 characters)`);
  }
}

export async function ingestBatch(target: IngestTarget, table: string, source: IngestSource, options: IngestOptions = {}): Promise<IngestReport> {
  const t0 = performance.now();
  validateTableName(table);
  const mode = options.errors ?? 'reject';
  const now = new Date();
  const staging = new Staging();
  let touched = false;
  try {
    const parts = await partsOf(source, options.format, staging);
    const states: PartState[] = parts.map((part) => ({ part, quarantined: [], split: false }));
    for (const st of states) {
      for (const d of st.part.decodeErrors) {
        if (mode === 'reject') throw new IngestError(d.reason, { record: d.record, line: d.line, file: st.part.label });
        st.quarantined.push({ record: d.record, reason: d.reason, raw: d.raw });
      }
    }
    let full = false;
    for (let attempt = 0; ; attempt++) {
      try {
        touched = true;
        const r = await transaction(target.conn, table, states, options, now, full);
        return { ...r, ms: performance.now() - t0 };
      } catch (e) {
        if (!(e instanceof PartFailure)) throw e;
        if (attempt >= 2 * states.length + 2) throw new IngestError(`ingestion failed: ${e.message}`, { file: states[e.index]!.part.label });
        const next = await recover(target.conn, e, states[e.index]!, mode, full, staging);
        if (next === 'full') full = true;
      }
    }
  } finally {
    staging.cleanup();
    if (touched) target.invalidateSchema();
  }
}

async function transaction(conn: DuckDBConnection, table: string, states: PartState[], options: IngestOptions, now: Date, full: boolean): Promise<Omit<IngestReport, 'ms'>> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const name = await resolveTable(conn, table, options.customLog === true);
    const target = await storedTable(conn, name);
    let rows = 0;
    let quarantined = 0;
    const added: Column[] = [];
    const widened: IngestReport['widened'][number][] = [];
    for (let i = 0; i < states.length; i++) {
      const st = states[i]!;
      const label = st.part.label ?? '';
      await quarantine(conn, name, label, now, st.quarantined);
      quarantined += st.quarantined.length;
      if (await isEmpty(conn, st.part)) continue;
      let fields: Field[];
      try {
        fields = await sniff(conn, st.part, full);
      } catch (e) {
        throw new PartFailure(e, i, 'sniff');
      }
      let plan: MergePlan | undefined;
      try {
        // a sparse standard table stores the schema's columns this part brings (with their declared types) first
        const stored = await storeColumns(conn, target, fields.map((f) => f.name));
        plan = planMerge(target.ref, await columnsOf(conn, target), fields, now);
        for (const sql of plan.ddl) await conn.run(sql);
        if (stored || plan.ddl.length) await refreshView(conn, target);
      } catch (e) {
        if (e instanceof IngestError) throw e;
        throw new PartFailure(e, i, 'ddl', fields, plan);
      }
      added.push(...plan.added);
      for (const w of plan.widened) {
        const prior = widened.find((x) => x.name === w.name);
        if (prior) widened.splice(widened.indexOf(prior), 1, { name: w.name, from: prior.from, to: w.to });
        else widened.push(w);
      }
      try {
        if (st.split) {
          const bad = await badRows(conn, st.part, fields, plan, Infinity);
          await quarantine(conn, name, label, now, bad);
          quarantined += bad.length;
        }
        rows += await insert(conn, target.ref, st.part, fields, plan, st.split);
      } catch (e) {
        throw new PartFailure(e, i, 'insert', fields, plan);
      }
    }
    await conn.run('COMMIT');
    return { table: name, rows, quarantined, addedColumns: added, widened };
  } catch (e) {
    await conn.run('ROLLBACK').catch(() => undefined);
    await conn.run('RESET preserve_insertion_order').catch(() => undefined);
    throw e;
  }
}

/** An empty file (or only whitespace) has no records and no fields. */
async function isEmpty(conn: DuckDBConnection, part: Part): Promise<boolean> {
  if (part.format === 'parquet') return false;
  const r = await conn.runAndReadAll(`SELECT size FROM read_blob(${str(part.path)})`);
  if (Number(r.getRows()[0]?.[0] ?? 0) === 0) return true;
  if (part.gzip) return readText(part).trim() === '';
  return Number(r.getRows()[0]![0]) < 4096 && readText(part).trim() === '';
}

/** The table name to use: `_CL` appended for custom logs; an existing table's own spelling. */
async function resolveTable(conn: DuckDBConnection, table: string, customLog: boolean): Promise<string> {
  const name = customLog && !/_CL$/.test(table) ? `${table}_CL` : table;
  validateTableName(name);
  const r = await conn.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = current_database() AND lower(table_name) = lower(${str(name)})`);
  const found = r.getRows()[0]?.[0];
  return found === undefined ? name : String(found);
}

/** The stored columns of the target as Kusto types; undefined when the table does not exist yet. */
async function columnsOf(conn: DuckDBConnection, table: StoredTable): Promise<TargetColumn[] | undefined> {
  const cols = await storedColumns(conn, table);
  if (!cols.length) return undefined;
  return cols.map(({ name, type }) => ({ name, type: kustoTypeOfDuckDb(type) ?? 'string' }));
}

/** TRUE when the plan's item fails on this row: a value present that does not convert. */
function failing(plan: MergePlan): { column: string; type: string; test: string; value: string }[] {
  return plan.items.filter((it) => it.tryExpr && it.field).map((it) => ({
    column: it.column,
    type: it.type,
    test: `(${it.field!.emptyIsNull ? `NULLIF(${ident(it.field!.name)}, '')` : ident(it.field!.name)} IS NOT NULL AND TRY(${it.tryExpr}) IS NULL)`,
    value: `left(CAST(${ident(it.field!.name)} AS VARCHAR), 200)`,
  }));
}

async function insert(conn: DuckDBConnection, target: string, part: Part, fields: Field[], plan: MergePlan, split: boolean): Promise<number> {
  if (!plan.items.length) return 0;
  const where = split ? failing(plan).map((f) => `NOT ${f.test}`) : [];
  const sql = `INSERT INTO ${target} (${plan.items.map((it) => ident(it.column)).join(', ')}) SELECT ${plan.items.map((it) => it.sql).join(', ')} FROM ${readerSql(part, fields)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  // rows of a batch have no order (as in Log Analytics): DuckDB may insert in parallel as they come.
  // A failed INSERT aborts the transaction, where RESET is refused: transaction() resets after ROLLBACK.
  await conn.run('SET preserve_insertion_order = false');
  const rows = Number((await conn.run(sql)).rowsChanged);
  await conn.run('RESET preserve_insertion_order');
  return rows;
}

/** Records whose values do not convert (first `limit` of them, in order), with the reason and the record as JSON. */
async function badRows(conn: DuckDBConnection, part: Part, fields: Field[], plan: MergePlan, limit: number): Promise<(Quarantined & { column: string })[]> {
  const f = failing(plan);
  if (!f.length) return [];
  const reason = `CASE ${f.map((x) => `WHEN ${x.test} THEN ${str(`column '${x.column}': cannot convert `)} || ${x.value} || ${str(` to ${x.type}`)}`).join(' ')} END`;
  const column = `CASE ${f.map((x) => `WHEN ${x.test} THEN ${str(x.column)}`).join(' ')} END`;
  const raw = `CAST(json_object(${fields.map((x) => `${str(x.name)}, ${ident(x.name)}`).join(', ')}) AS VARCHAR)`;
  const sql = `SELECT ordinality, ${reason}, ${column}, ${raw} FROM ${readerSql(part, fields)} WITH ORDINALITY WHERE ${f.map((x) => x.test).join(' OR ')} ORDER BY ordinality${Number.isFinite(limit) ? ` LIMIT ${limit}` : ''}`;
  const rows = (await conn.runAndReadAll(sql)).getRows();
  return rows.map(([n, r, c, j]) => ({ record: sourceNumber(part, Number(n)), reason: String(r), column: String(c), raw: String(j) }));
}

function sourceNumber(part: Part, ordinal: number): number {
  return part.recordNumbers?.[ordinal - 1] ?? ordinal;
}

/** After a rolled-back failure: what to do next, or the IngestError that rejects the batch. */
async function recover(conn: DuckDBConnection, failure: PartFailure, st: PartState, mode: 'reject' | 'quarantine', full: boolean, staging: Staging): Promise<'full' | 'again'> {
  const part = st.part;
  const file = part.label;
  if (failure.stage === 'ddl') throw new IngestError(`cannot change the table's schema: ${failure.message}`, { file });
  // 1. malformed text (bad JSON, wrong CSV field count): located in JavaScript
  if (part.format !== 'parquet' && (failure.stage === 'sniff' || /malformed|CSV Error|sniff|quote|Expected Number of Columns|JSON/i.test(failure.message))) {
    const text = readText(part);
    const scan: Scan & { fatal?: BadRecord } = part.format === 'csv' ? scanCsv(text) : part.format === 'ndjson' ? scanNdjson(text) : scanJsonArray(text);
    const fatal = scan.fatal;
    if (fatal) throw new IngestError(fatal.reason, { record: fatal.record, line: fatal.line, file });
    if (scan.bad.length) {
      const bad = scan.bad.map((b): BadRecord => ({ ...b, record: sourceNumber(part, b.record) }));
      if (mode === 'reject') throw new IngestError(bad[0]!.reason, { record: bad[0]!.record, line: part.recordNumbers ? undefined : bad[0]!.line || undefined, file });
      const path = staging.file(part.format === 'csv' ? '.csv' : '.ndjson');
      writeFileSync(path, scan.goodText);
      st.quarantined.push(...bad.map((b) => ({ record: b.record, reason: b.reason, raw: b.raw })));
      st.part = { ...part, path, gzip: false, format: part.format === 'csv' ? 'csv' : 'ndjson', recordNumbers: scan.goodNumbers.map((n) => sourceNumber(part, n)) };
      return 'again';
    }
  }
  // 2. types inferred from a sample that later records contradict: infer from every record
  if (!full) return 'full';
  // 3. values that do not convert to their column's type
  if (failure.fields && failure.plan) {
    const bad = await badRows(conn, part, failure.fields, failure.plan, mode === 'reject' ? 1 : Infinity);
    if (bad.length) {
      if (mode === 'reject') throw new IngestError(bad[0]!.reason.replace(/^column '[^']*': /, ''), { record: bad[0]!.record, column: bad[0]!.column, file });
      st.split = true;
      return 'again';
    }
  }
  throw new IngestError(`DuckDB could not read the data: ${failure.message}`, { file });
}
