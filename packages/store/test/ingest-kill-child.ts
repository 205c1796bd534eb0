/** Child process of ingest-kill.test.ts: ingests one big batch into a DuckDB file and is killed mid-way. */
import { DuckDBInstance } from '@duckdb/node-api';
import { ingestBatch } from '../src/ingest/index.ts';

const [dbPath, file] = process.argv.slice(2) as [string, string];
const instance = await DuckDBInstance.create(dbPath);
const conn = await instance.connect();
process.stdout.write('started\n');
await ingestBatch({ conn, schema: async () => ({ name: "db", tables: [] }), invalidateSchema: () => undefined }, 'K', { kind: 'files', paths: [file] }, {});
process.stdout.write('done\n');
