/**
 * Compatibility with the official clients from npm, unchanged: azure-kusto-data (KustoClient
 * over v2, v1 and mgmt), @azure/monitor-query (LogsQueryClient) and @azure/monitor-ingestion
 * (LogsIngestionClient, split and gzipped uploads), against the real service (createServer)
 * over HTTPS with a certificate made at test time, a temp data dir and a small demo workspace.
 * The clients run in a child process (fixtures/clients.ts) so NODE_EXTRA_CA_CERTS trusts the
 * certificate; the test checks the JSON it prints.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../src/index.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'fixtures', 'clients.ts');

let dir = '';
let app: FastifyInstance | undefined;
let url = '';
let token = '';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huntbook-clients-'));
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1']);
  const dataDir = path.join(dir, 'data');
  app = await createServer({
    dataDir, demoRows: 2000, retention: false, limits: { maxRows: 1000 },
    tls: { cert: fs.readFileSync(path.join(dir, 'cert.pem')), key: fs.readFileSync(path.join(dir, 'key.pem')) },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  url = `https://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  token = app.huntbook.tokens.create('clients test').token;
});

after(async () => {
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Run one client in a child process that trusts the test certificate; returns what it printed. */
async function client(name: 'kusto' | 'query' | 'ingest'): Promise<any> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', fixture, JSON.stringify({ client: name, url, token, workspace: 'demo' })], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem') }, maxBuffer: 16 * 1024 * 1024, timeout: 120_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

const TYPED_RAW = [true, 7, 9007199254740991, 1.5, '1.25', 'x', '2024-03-01T12:00:00.1234567Z', '1.02:03:04.5000000', { a: [1, 'two'] }, '0f8fad5b-d9cb-469f-a165-70867728950e', 'NaN'];
const TYPES = ['bool', 'int', 'long', 'real', 'decimal', 'string', 'datetime', 'timespan', 'dynamic', 'guid', 'real'];

test('azure-kusto-data: v2 query with typed values, render, v1 query, .show commands and errors', async () => {
  const r = await client('kusto');
  assert.equal(r.version, '2.0');
  assert.deepEqual(r.columns.map((c: any) => c.type), TYPES);
  assert.deepEqual(r.raw, TYPED_RAW);
  // the client's own conversions: datetime -> Date, timespan -> milliseconds
  assert.deepEqual(r.parsed.dt, { date: '2024-03-01T12:00:00.123Z' });
  assert.equal(r.parsed.ts, ((26 * 60 + 3) * 60 + 4.5) * 1000);
  assert.deepEqual(r.parsed.dyn, { a: [1, 'two'] });
  assert.deepEqual(r.errorsCount, { errors: 0, warnings: 0 });

  assert.deepEqual(r.chartRows, [1, 2, 3, 4, 5].map((x) => ({ x, y: 2 * x })));
  assert.equal(r.chartVisualization.Visualization, 'columnchart');
  assert.equal(r.chartVisualization.Title, 'Doubles');
  assert.equal(r.chartVisualization.XColumn, 'x');
  assert.equal(r.chartVisualization.YColumns, 'y');

  assert.equal(r.v1.version, '1.0');
  assert.deepEqual(r.v1.rows, [{ n: 3, s: 6 }]);
  assert.deepEqual(r.v1.tables.map((t: any) => t[1]), ['PrimaryResult', 'QueryProperties', 'QueryCompletionInformation', 'TableOfContents']);

  // a cut result keeps its rows; the cut is a warning the client lists, not an error that throws them away
  assert.equal(r.partial.rows, 1000);
  assert.equal(r.partial.errors, 0);
  assert.equal(r.partial.warnings.length, 1);
  assert.match(r.partial.warnings[0], /cut at 1,000 rows/);

  const names = r.tables.map((t: any) => t.TableName);
  assert.ok(names.includes('SecurityEvent') && names.includes('SigninLogs'), names.join(', '));
  assert.ok(r.tables.every((t: any) => t.DatabaseName === 'demo'));
  assert.equal(r.schema[0].TableName, 'SecurityEvent');
  const schema = JSON.parse(r.schema[0].Schema);
  assert.deepEqual(schema.OrderedColumns.find((c: any) => c.Name === 'TimeGenerated'), { Name: 'TimeGenerated', Type: 'System.DateTime', CslType: 'datetime' });
  assert.match(r.serviceVersion[0].ProductVersion, /^Huntbook /);

  assert.equal(r.queryError.threw, true);
  assert.equal(r.queryError.statusCode, 400);
  assert.equal(r.queryError.data.error['@type'], 'Kusto.Data.Exceptions.SemanticException');
  assert.match(r.queryError.data.error['@message'], /NoSuchColumn.*\(line 2, column 9\)/);
  assert.equal(r.mgmtError.statusCode, 400);
  assert.match(r.mgmtError.data.error['@message'], /'\.drop table' is not supported/);
});

test('@azure/monitor-query: typed columns, statistics, visualization, partial results and errors', async () => {
  const r = await client('query');
  const typed = r.typed;
  assert.equal(typed.status, 'Success');
  assert.deepEqual(typed.columns.map((c: any) => c.type), TYPES);
  // the client turns datetime into Date and parses dynamic; the rest arrive as sent
  assert.deepEqual(typed.rows[0], [true, 7, 9007199254740991, 1.5, '1.25', 'x', { date: '2024-03-01T12:00:00.123Z' }, '1.02:03:04.5000000', { a: [1, 'two'] }, '0f8fad5b-d9cb-469f-a165-70867728950e', 'NaN']);
  assert.equal(typeof typed.statistics.query.executionTime, 'number');
  assert.deepEqual(typed.statistics.query.datasetStatistics, [{ tableRowCount: 1 }]);
  assert.equal(typed.visualization.visualization, null);

  assert.equal(r.chart.visualization.visualization, 'columnchart');
  assert.equal(r.chart.visualization.title, 'Doubles');
  assert.equal(r.chart.visualization.yColumns, 'y');
  assert.deepEqual(r.chart.rows, [[1, 2], [2, 4], [3, 6], [4, 8], [5, 10]]);

  assert.equal(r.partial.status, 'PartialFailure');
  assert.equal(r.partial.rowCount, 1000, 'the rows up to the limit are kept');
  assert.equal(r.partial.partialError.code, 'PartialError');
  assert.match(r.partial.partialError.message, /cut at 1,000 rows/);

  assert.equal(r.error.threw, true);
  assert.equal(r.error.statusCode, 400);
  assert.equal(r.error.code, 'BadArgumentError');
  assert.match(r.error.message, /NoSuchColumn.*\(line 2, column 9\) \[KS142\]/);
  assert.equal(r.syntax.statusCode, 400);
  assert.match(r.syntax.message, /A recognition error occurred in the query: Missing expression \(line 1, column 22\)/);
});

test('@azure/monitor-ingestion: a split, gzipped upload lands in a custom table and reads back', async () => {
  const r = await client('ingest');
  const posts = r.requests.filter((q: any) => q.method === 'POST');
  assert.ok(posts.length >= 2, `the upload came in ${posts.length} request(s)`);
  assert.ok(posts.every((q: any) => q.encoding === 'gzip'));
  assert.equal(r.back.status, 'Success');
  assert.deepEqual(r.back.rows, [[2000, 2000, 1999, 1000, 499750]]);
  const [row] = r.one.rows;
  assert.deepEqual(row.slice(0, 5), [{ date: new Date(r.base + 34 * 1000 + 234).toISOString() }, 'host-2', 1234, 308.5, true]);
  assert.deepEqual(row[5], { index: 1234, tags: ['a', 't1'] });
  assert.ok(row[6].startsWith('event 1234 x'));
  assert.equal(r.badStream.threw, true);
  assert.equal(r.badStream.causes.length, 1);
  assert.equal(r.badStream.causes[0].statusCode, 400);
  assert.match(r.badStream.causes[0].message, /record 1, column 'TimeGenerated'/, 'the client shows what and where');
});
