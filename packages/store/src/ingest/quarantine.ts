/** The HuntbookIngestionErrors table: bad records kept with their reason (errors: 'quarantine'). */
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, str, timestampNs } from './sql.ts';

export const ERRORS_TABLE = 'HuntbookIngestionErrors';

export interface Quarantined { record: number; reason: string; raw: string }

export async function ensureErrorsTable(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE TABLE IF NOT EXISTS ${ident(ERRORS_TABLE)} (TimeGenerated TIMESTAMP_NS, TargetTable VARCHAR DEFAULT '', Source VARCHAR DEFAULT '', Record BIGINT, Reason VARCHAR DEFAULT '', RawData VARCHAR DEFAULT '')`);
}

/** Insert quarantined records given in JavaScript (malformed text, decoder errors), as parameters. */
export async function quarantine(conn: DuckDBConnection, table: string, source: string, now: Date, records: readonly Quarantined[]): Promise<void> {
  if (!records.length) return;
  await ensureErrorsTable(conn);
  const stmt = await conn.prepare(`INSERT INTO ${ident(ERRORS_TABLE)} VALUES (${timestampNs(now)}, ${str(table)}, ${str(source)}, $1, $2, $3)`);
  for (const r of records) {
    stmt.bindBigInt(1, BigInt(r.record));
    stmt.bindVarchar(2, r.reason);
    stmt.bindVarchar(3, r.raw);
    await stmt.run();
  }
}
