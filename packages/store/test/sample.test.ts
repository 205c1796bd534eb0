import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checksum } from './sample-helpers.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { generateSample, kustoTypeToDuckDb, loadSentinelSchemas, SAMPLE_TABLES, DEFAULT_END } from '../src/index.ts';

const ROWS = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'hb-sample-'));
const dbA = join(dir, 'a.duckdb');
let result: Awaited<ReturnType<typeof generateSample>>;
let inst: DuckDBInstance;
let con: DuckDBConnection;

async function rows(sql: string): Promise<unknown[][]> {
  return (await con.runAndReadAll(sql)).getRowsJson() as unknown[][];
}


before(async () => {
  result = await generateSample({ db: dbA, rows: ROWS, seed: 7 });
  inst = await DuckDBInstance.create(dbA, { access_mode: 'READ_ONLY' });
  con = await inst.connect();
});

after(() => {
  con?.closeSync();
  inst?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

test('type mapping is the project contract', () => {
  assert.equal(kustoTypeToDuckDb('string'), 'VARCHAR');
  assert.equal(kustoTypeToDuckDb('int'), 'INTEGER');
  assert.equal(kustoTypeToDuckDb('long'), 'BIGINT');
  assert.equal(kustoTypeToDuckDb('real'), 'DOUBLE');
  assert.equal(kustoTypeToDuckDb('bool'), 'BOOLEAN');
  assert.equal(kustoTypeToDuckDb('datetime'), 'TIMESTAMP_NS');
  assert.equal(kustoTypeToDuckDb('timespan'), 'INTERVAL');
  assert.equal(kustoTypeToDuckDb('dynamic'), 'JSON');
  assert.equal(kustoTypeToDuckDb('guid'), 'UUID');
  assert.equal(kustoTypeToDuckDb('decimal'), 'DECIMAL(38,18)');
  assert.equal(kustoTypeToDuckDb('DateTime'), 'TIMESTAMP_NS');
  assert.throws(() => kustoTypeToDuckDb('blob'), /unknown Kusto type/);
});

test('schemas load from the vendored copy', () => {
  const s = loadSentinelSchemas();
  assert.ok(s.length >= 36);
  const se = s.find((t) => t.name === 'SecurityEvent')!;
  assert.equal(se.columns.length, 228);
  assert.deepEqual(se.columns.find((c) => c.name === 'EventID'), { name: 'EventID', type: 'int' });
});

test('generates every required table and the counts add up', async () => {
  const names = result.tables.map((t) => t.name);
  for (const t of ['SecurityEvent', 'SigninLogs', 'Syslog', 'SecurityAlert', 'CommonSecurityLog', 'DeviceProcessEvents', 'DeviceNetworkEvents', 'DnsEvents', 'Heartbeat']) {
    assert.ok(names.includes(t), `missing ${t}`);
  }
  const total = result.tables.reduce((a, t) => a + t.rows, 0);
  assert.equal(total, ROWS);
  for (const t of result.tables) {
    const [[n]] = await rows(`SELECT count(*)::BIGINT FROM "${t.name}"`);
    assert.equal(Number(n), t.rows, t.name);
  }
  const by = Object.fromEntries(result.tables.map((t) => [t.name, t.rows]));
  const biggest = [...result.tables].sort((a, b) => b.rows - a.rows).slice(0, 2).map((t) => t.name).sort();
  assert.deepEqual(biggest, ['CommonSecurityLog', 'SecurityEvent']);
  assert.ok(by.SecurityAlert! > 0 && by.SecurityAlert! < by.SigninLogs!);
});

test('columns: exact schema names, order and storage types', async () => {
  const schemas = loadSentinelSchemas();
  for (const t of SAMPLE_TABLES) {
    const s = schemas.find((x) => x.name === t)!;
    const got = await rows(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${t}' ORDER BY ordinal_position`);
    assert.deepEqual(
      got.map((r) => r[0]),
      s.columns.map((c) => c.name),
      `${t} column names`,
    );
    got.forEach(([name, type], k) => {
      assert.equal(type, kustoTypeToDuckDb(s.columns[k]!.type), `${t}.${name}`);
    });
  }
});

test('no NULL strings anywhere', async () => {
  const schemas = loadSentinelSchemas();
  for (const t of SAMPLE_TABLES) {
    const s = schemas.find((x) => x.name === t)!;
    const strs = s.columns.filter((c) => c.type === 'string').map((c) => `count(*) FILTER (WHERE "${c.name}" IS NULL)`);
    const [r] = await rows(`SELECT ${strs.join(' + ')} FROM "${t}"`);
    assert.equal(Number(r![0]), 0, `${t} has NULL strings`);
  }
});

test('TimeGenerated within the window, Timestamp equals TimeGenerated', async () => {
  const start = new Date(DEFAULT_END.getTime() - 7 * 86400_000).toISOString();
  for (const t of SAMPLE_TABLES) {
    const [[bad, nulls]] = await rows(
      `SELECT count(*) FILTER (WHERE TimeGenerated < TIMESTAMP_NS '${start.replace('Z', '')}' OR TimeGenerated >= TIMESTAMP_NS '${DEFAULT_END.toISOString().replace('Z', '')}'), count(*) FILTER (WHERE TimeGenerated IS NULL) FROM "${t}"`,
    );
    assert.equal(Number(bad), 0, `${t} outside window`);
    assert.equal(Number(nulls), 0, `${t} null TimeGenerated`);
  }
  for (const t of ['DeviceProcessEvents', 'DeviceNetworkEvents']) {
    const [[n]] = await rows(`SELECT count(*) FROM "${t}" WHERE Timestamp IS DISTINCT FROM TimeGenerated`);
    assert.equal(Number(n), 0);
  }
  // 100 ns ticks
  const [[odd]] = await rows(`SELECT count(*) FROM SecurityEvent WHERE epoch_ns(TimeGenerated) % 100 <> 0`);
  assert.equal(Number(odd), 0);
});

test('SecurityEvent distributions look like a Windows estate', async () => {
  const ev = await rows(`SELECT EventID, count(*)::BIGINT c FROM SecurityEvent GROUP BY 1 ORDER BY 2 DESC`);
  assert.equal(ev[0]![0], 4624);
  const ids = new Set(ev.map((r) => r[0]));
  for (const id of [4625, 4688, 4672, 4634, 4769]) assert.ok(ids.has(id), `EventID ${id}`);
  const [[badAct]] = await rows(`SELECT count(*) FROM SecurityEvent WHERE NOT starts_with(Activity, EventID::VARCHAR || ' - ')`);
  assert.equal(Number(badAct), 0);
  const [[lt, acct]] = await rows(`SELECT count(*) FILTER (WHERE LogonType IS NULL), count(*) FILTER (WHERE Account NOT LIKE '%\\%') FROM SecurityEvent WHERE EventID = 4624`);
  assert.equal(Number(lt), 0);
  assert.equal(Number(acct), 0);
  const [[procs]] = await rows(`SELECT count(*) FROM SecurityEvent WHERE EventID = 4688 AND (NewProcessName = '' OR CommandLine = '' OR ParentProcessName = '')`);
  assert.equal(Number(procs), 0);
  const [[ext]] = await rows(`SELECT count(*) FROM SecurityEvent WHERE EventID = 4625 AND IpAddress LIKE '203.0.113.%'`);
  assert.ok(Number(ext) > 0, 'external brute force');
});

test('SigninLogs, Syslog, firewall and alerts carry realistic values', async () => {
  const [[ok, fail, loc]] = await rows(`SELECT count(*) FILTER (WHERE ResultType = '0'), count(*) FILTER (WHERE ResultType = '50126'), count(*) FILTER (WHERE LocationDetails->>'$.countryOrRegion' <> Location) FROM SigninLogs`);
  assert.ok(Number(ok) > Number(fail) && Number(fail) > 0);
  assert.equal(Number(loc), 0);
  const [[ssh]] = await rows(`SELECT count(*) FROM Syslog WHERE ProcessName = 'sshd' AND SyslogMessage LIKE 'Failed password for%'`);
  assert.ok(Number(ssh) > 0);
  const [[leftover]] = await rows(`SELECT count(*) FROM Syslog WHERE SyslogMessage SIMILAR TO '.*\\{[a-z0-9]+\\}.*'`);
  assert.equal(Number(leftover), 0, 'unfilled placeholders');
  const acts = (await rows(`SELECT DISTINCT DeviceAction FROM CommonSecurityLog`)).map((r) => r[0]);
  assert.ok(acts.includes('allow') && acts.includes('deny'));
  const [[bytes]] = await rows(`SELECT median(SentBytes) FROM CommonSecurityLog WHERE DeviceAction IN ('allow', 'accept')`);
  assert.ok(Number(bytes) > 100);
  const [[ents]] = await rows(`SELECT count(*) FROM SecurityAlert WHERE json_array_length(Entities::JSON) < 1 OR CompromisedEntity = ''`);
  assert.equal(Number(ents), 0);
  const [[dpe]] = await rows(`SELECT count(*) FROM DeviceProcessEvents WHERE FileName = '' OR FolderPath = '' OR length(SHA256) <> 64 OR InitiatingProcessFileName = ''`);
  assert.equal(Number(dpe), 0);
});

test('deterministic: same seed and rows give identical data; another seed differs', async () => {
  const dbB = join(dir, 'b.duckdb');
  const dbC = join(dir, 'c.duckdb');
  await generateSample({ db: dbB, rows: ROWS, seed: 7 });
  await generateSample({ db: dbC, rows: ROWS, seed: 8 });
  const [a, b, c] = [await checksum(dbA), await checksum(dbB), await checksum(dbC)];
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('subset of tables, custom window, regenerate in place, bad input', async () => {
  const db = join(dir, 'd.duckdb');
  const end = new Date('2024-06-01T00:00:00Z');
  const r1 = await generateSample({ db, rows: 3000, tables: ['Syslog', 'signinlogs'], end, days: 2 });
  assert.deepEqual(r1.tables.map((t) => t.name), ['Syslog', 'SigninLogs']);
  const r2 = await generateSample({ db, rows: 1000, tables: ['Syslog'], end, days: 2 });
  assert.equal(r2.tables[0]!.rows, 1000);
  const i = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const c = await i.connect();
  const [[n, lo, hi]] = (await c.runAndReadAll(`SELECT count(*)::BIGINT, min(TimeGenerated)::VARCHAR, max(TimeGenerated)::VARCHAR FROM Syslog`)).getRowsJson() as unknown[][];
  const [[m]] = (await c.runAndReadAll(`SELECT count(*)::BIGINT FROM SigninLogs`)).getRowsJson() as unknown[][];
  c.closeSync();
  i.closeSync();
  assert.equal(Number(n), 1000, 'Syslog replaced, not appended');
  assert.ok(Number(m) > 0, 'other tables kept');
  assert.ok(String(lo) >= '2024-05-30' && String(hi) < '2024-06-01');
  await assert.rejects(generateSample({ db, rows: 10, tables: ['NoSuchTable'] }), /no sample generator/);
});
