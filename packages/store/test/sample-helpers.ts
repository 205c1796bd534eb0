/** Test helpers for the sample generator's tests. */
import { DuckDBInstance } from '@duckdb/node-api';
import { SAMPLE_TABLES } from '../src/index.ts';

/** Row count and a hash of every generated table's rows, for determinism checks. */
export async function checksum(db: string): Promise<string[]> {
  const i = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const c = await i.connect();
  const out: string[] = [];
  for (const t of SAMPLE_TABLES) {
    const r = await c.runAndReadAll(`SELECT count(*), sum(hash(COLUMNS(*))) FROM "${t}"`);
    out.push(`${t}:${JSON.stringify(r.getRowsJson()[0])}`);
  }
  c.closeSync();
  i.closeSync();
  return out;
}
