/** The service over real HTTP: authentication, the Log Analytics and Kusto query APIs, workspaces. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestServer, call, type TestServer } from './server-helpers.ts';
import { TokenStore, createToken } from '../src/index.ts';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s?.close(); });

const rowsOf = (json: any) => json.tables[0].rows;

test('first start makes the demo workspace and a token', async () => {
  assert.equal(s.app.huntbook.demoCreated, true);
  assert.match(s.app.huntbook.firstToken ?? '', /^hb_[A-Za-z0-9_-]{43}$/);
  const r = await call(s, 'GET', '/api/workspaces');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.workspaces.map((w: any) => w.name), ['demo']);
});

test('no token, a bad token and a revoked token get 401 with WWW-Authenticate, in each protocol\'s error shape', async () => {
  const la = await fetch(`${s.url}/v1/workspaces/demo/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"print 1"}' });
  assert.equal(la.status, 401);
  assert.match(la.headers.get('www-authenticate') ?? '', /^Bearer realm="huntbook"/);
  const laBody = await la.json() as any;
  assert.equal(laBody.error.code, 'Unauthorized');
  assert.match(laBody.error.message, /token/);

  const kusto = await fetch(`${s.url}/v2/rest/query`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer hb_nottherightone' }, body: '{"db":"demo","csl":"print 1"}' });
  assert.equal(kusto.status, 401);
  assert.match(kusto.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
  const kBody = await kusto.json() as any;
  assert.equal(kBody.error.code, 'Unauthorized');
  assert.equal(typeof kBody.error['@message'], 'string');

  const made = s.app.huntbook.tokens.create('short-lived');
  assert.equal((await fetch(`${s.url}/api/workspaces`, { headers: { authorization: `Bearer ${made.token}` } })).status, 200);
  assert.equal(s.app.huntbook.tokens.revoke(made.info.id), 1);
  assert.equal((await fetch(`${s.url}/api/workspaces`, { headers: { authorization: `Bearer ${made.token}` } })).status, 401);

  // a token that differs in its last character is refused
  const last = s.token.at(-1) === 'A' ? 'B' : 'A';
  assert.equal((await fetch(`${s.url}/api/workspaces`, { headers: { authorization: `Bearer ${s.token.slice(0, -1)}${last}` } })).status, 401);
});

test('the token is accepted as Bearer, as Jupyter\'s "token" scheme and as a token query parameter', async () => {
  const path = '/v1/workspaces/demo/metadata';
  assert.equal((await fetch(s.url + path, { headers: { authorization: `Bearer ${s.token}` } })).status, 200);
  assert.equal((await fetch(s.url + path, { headers: { authorization: `token ${s.token}` } })).status, 200);
  assert.equal((await fetch(`${s.url}${path}?token=${encodeURIComponent(s.token)}`)).status, 200);
  assert.equal((await fetch(s.url + path, { headers: { authorization: `Basic ${s.token}` } })).status, 401);
});

test('unknown routes need a token too; only the Kusto cloud metadata answers without one (404)', async () => {
  assert.equal((await fetch(`${s.url}/nothing/here`)).status, 401);
  const r = await call(s, 'GET', '/nothing/here');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'NotFound');
  assert.equal((await fetch(`${s.url}/v1/rest/auth/metadata`)).status, 404);
});

test('tokens are stored hashed; createToken and `huntbook token create` make working tokens, the CLI prints it alone on the last line', async () => {
  const { token, info } = createToken(s.dataDir, 'from-function');
  assert.equal((await fetch(`${s.url}/api/workspaces`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
  const store = TokenStore.open(s.dataDir);
  try {
    assert.ok(store.list().some((t) => t.id === info.id && t.name === 'from-function'));
  } finally {
    store.close();
  }
  const bin = fileURLToPath(new URL('../../cli/bin/huntbook.js', import.meta.url));
  const r = spawnSync(process.execPath, [bin, 'token', 'create', '--name', 'cli', '--data-dir', s.dataDir], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  const printed = lines.at(-1)!;
  assert.match(printed, /^hb_[A-Za-z0-9_-]{43}$/);
  assert.equal((await fetch(`${s.url}/api/workspaces`, { headers: { authorization: `Bearer ${printed}` } })).status, 200);
  // the secret is not in the database, only its hash
  const raw = spawnSync('grep', ['-r', '-l', '-F', printed.slice(3), s.dataDir], { encoding: 'utf8' });
  assert.equal(raw.status, 1, `the secret was found in ${raw.stdout}`);
});

test('Log Analytics query: POST and GET give the same table', async () => {
  const post = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'SecurityEvent | summarize n = count()' });
  assert.equal(post.status, 200, JSON.stringify(post.json));
  assert.deepEqual(post.json.tables[0].columns, [{ name: 'n', type: 'long' }]);
  const n = rowsOf(post.json)[0][0];
  assert.ok(n > 0);
  const get = await call(s, 'GET', `/v1/workspaces/demo/query?query=${encodeURIComponent('SecurityEvent | summarize n = count()')}`);
  assert.equal(get.status, 200);
  assert.deepEqual(rowsOf(get.json), [[n]]);
  // the workspace by its id too
  const id = (await call(s, 'GET', '/api/workspaces/demo')).json.id;
  const byId = await call(s, 'POST', `/v1/workspaces/${id}/query`, { query: 'SecurityEvent | summarize n = count()' });
  assert.deepEqual(rowsOf(byId.json), [[n]]);
});

test('timespan restricts every table the query reads to TimeGenerated in the range', async () => {
  // the demo's week ends at the last full hour before the server started: the day before its last day
  const last = rowsOf((await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'SecurityEvent | summarize max(TimeGenerated)' })).json)[0][0] as string;
  const day = 86_400_000;
  const a = new Date(Math.floor(Date.parse(last) / day) * day - day).toISOString();
  const b = new Date(Date.parse(a) + day).toISOString();
  const explicit = async (t: string) => rowsOf((await call(s, 'POST', '/v1/workspaces/demo/query', { query: `${t} | where TimeGenerated between (datetime(${a}) .. datetime(${b})) | count` })).json)[0][0] as number;
  const all = rowsOf((await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'SecurityEvent | count' })).json)[0][0] as number;
  const se = await explicit('SecurityEvent');
  const sl = await explicit('SigninLogs');
  assert.ok(se > 0 && se < all, `${se} of ${all}`);

  const interval = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'SecurityEvent | count', timespan: `${a}/${b}` });
  assert.equal(interval.status, 200, JSON.stringify(interval.json));
  assert.deepEqual(rowsOf(interval.json), [[se]]);
  const startAndDuration = await call(s, 'GET', `/v1/workspaces/demo/query?query=${encodeURIComponent('SecurityEvent | count')}&timespan=${encodeURIComponent(`${a}/P1D`)}`);
  assert.deepEqual(rowsOf(startAndDuration.json), [[se]]);
  const durationAndEnd = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'SecurityEvent | count', timespan: `PT24H/${b}` });
  assert.deepEqual(rowsOf(durationAndEnd.json), [[se]]);

  // two tables, in a union and through a let: both restricted
  const union = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'let x = SigninLogs | project TimeGenerated;\nunion SecurityEvent, x | count', timespan: `${a}/${b}` });
  assert.deepEqual(rowsOf(union.json), [[se + sl]]);

  // a query that defines the name itself keeps its own definition (no redeclaration error)
  const own = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'let SecurityEvent = datatable(TimeGenerated: datetime)[datetime(2000-01-01)];\nSecurityEvent | count', timespan: `${a}/${b}` });
  assert.deepEqual(rowsOf(own.json), [[1]]);

  // leading declare/set statements stay first
  const declared = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'declare query_parameters(k: long = 1);\nSecurityEvent | take k | count', timespan: `${a}/${b}` });
  assert.equal(declared.status, 200, JSON.stringify(declared.json));
  assert.deepEqual(rowsOf(declared.json), [[1]]);

  // after the last event: nothing; a bare duration ends now and, long enough, covers everything
  const after = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'SecurityEvent | count', timespan: `${new Date(Date.parse(last) + 1000).toISOString()}/PT1H` });
  assert.deepEqual(rowsOf(after.json), [[0]]);
  const ever = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'SecurityEvent | count', timespan: 'P36500D' });
  assert.deepEqual(rowsOf(ever.json), [[all]]);
});

test('a bad timespan is a 400 that says what is accepted', async () => {
  const r = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'SecurityEvent | count', timespan: 'yesterday' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'BadArgumentError');
  assert.match(r.json.error.message, /timespan 'yesterday'.*ISO 8601/);
  const backwards = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'SecurityEvent | count', timespan: '2025-12-31T00:00:00Z/2025-12-30T00:00:00Z' });
  assert.equal(backwards.status, 400);
  assert.match(backwards.json.error.message, /ends before it starts/);
  for (const timespan of ['P99999Y', `P${'9'.repeat(400)}D`, '0001-01-01T00:00:00Z/-P1D']) {
    const far = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'SecurityEvent | count', timespan });
    assert.equal(far.status, 400, `${timespan}: ${JSON.stringify(far.json)}`);
    assert.match(far.json.error.message, /^timespan '/, timespan);
  }
  const whole = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'SecurityEvent | count', timespan: '0001-01-01T00:00:00Z/9999-12-31T23:59:59.9999999Z' });
  assert.equal(whole.status, 200, JSON.stringify(whole.json));
});

test('query errors come in the OneAPI shape with the position in the caller\'s text, with or without timespan', async () => {
  const query = 'SecurityEvent\n| where NoSuchColumn == 1';
  const plain = await call(s, 'POST', '/v1/workspaces/demo/query', { query });
  assert.equal(plain.status, 400);
  assert.equal(plain.json.error.code, 'BadArgumentError');
  const inner = plain.json.error.innererror.innererror;
  assert.equal(inner.line, 2);
  assert.equal(inner.column, 9);
  assert.equal(inner.start, query.indexOf('NoSuchColumn'));
  const scoped = await call(s, 'POST', '/v1/workspaces/demo/query', { query, timespan: 'P1D' });
  assert.equal(scoped.status, 400);
  assert.deepEqual(scoped.json, plain.json);
  const missing = await call(s, 'POST', '/v1/workspaces/demo/query', {});
  assert.equal(missing.status, 400);
  assert.match(missing.json.error.message, /needs a 'query'/);
  const nows = await call(s, 'POST', '/v1/workspaces/nope/query', { query: 'print 1' });
  assert.equal(nows.status, 404);
  assert.match(nows.json.error.message, /no workspace named 'nope'/);
});

test('Prefer: include-statistics and include-render', async () => {
  const r = await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'range x from 1 to 3 step 1 | render timechart' }, { prefer: 'include-statistics=true, include-render=true, wait=30' });
  assert.equal(r.status, 200);
  assert.ok(r.json.statistics?.query);
  assert.ok(r.json.render);
  assert.match(r.headers.get('preference-applied') ?? '', /wait=30/);
});

test('metadata lists the tables with their columns', async () => {
  const r = await call(s, 'GET', '/v1/workspaces/demo/metadata');
  assert.equal(r.status, 200);
  const se = r.json.tables.find((t: any) => t.name === 'SecurityEvent');
  assert.ok(se.columns.some((c: any) => c.name === 'EventID' && c.type === 'int'));
});

test('Kusto v2 and v1 queries and management commands on a workspace as the database', async () => {
  const v2 = await call(s, 'POST', '/v2/rest/query', { db: 'demo', csl: 'print x = 1, s = "a"' }, { 'x-ms-client-request-id': 'test;1' });
  assert.equal(v2.status, 200, JSON.stringify(v2.json));
  assert.ok(Array.isArray(v2.json));
  const primary = v2.json.find((f: any) => f.FrameType === 'DataTable' && f.TableKind === 'PrimaryResult');
  assert.deepEqual(primary.Rows, [[1, 'a']]);
  assert.equal(v2.json.at(-1).FrameType, 'DataSetCompletion');

  const v1 = await call(s, 'POST', '/v1/rest/query', { db: 'demo', csl: 'SecurityEvent | count' });
  assert.equal(v1.status, 200);
  assert.ok(v1.json.Tables[0].Rows[0][0] > 0);

  const dbs = await call(s, 'POST', '/v1/rest/mgmt', { csl: '.show databases' });
  assert.equal(dbs.status, 200, JSON.stringify(dbs.json));
  assert.ok(JSON.stringify(dbs.json.Tables[0].Rows).includes('"demo"'));
  const tables = await call(s, 'POST', '/v1/rest/mgmt', { db: 'demo', csl: '.show tables' });
  assert.equal(tables.status, 200);
  assert.ok(JSON.stringify(tables.json.Tables[0].Rows).includes('"SecurityEvent"'));

  const bad = await call(s, 'POST', '/v2/rest/query', { db: 'demo', csl: 'SecurityEvent | where Nope == 1' });
  assert.equal(bad.status, 400);
  assert.equal(typeof bad.json.error['@message'], 'string');
  const nodb = await call(s, 'POST', '/v2/rest/query', { csl: 'print 1' });
  assert.equal(nodb.status, 400);
  assert.match(nodb.json.error.message, /names no workspace/);
  const servertimeout = await call(s, 'POST', '/v2/rest/query', { db: 'demo', csl: 'print 1', properties: { Options: { servertimeout: '00:00:30' } } });
  assert.equal(servertimeout.status, 200);
});

test('workspace API: list, get with tables, create', async () => {
  const one = await call(s, 'GET', '/api/workspaces/demo');
  assert.equal(one.status, 200);
  assert.equal(one.json.name, 'demo');
  const se = one.json.tables.find((t: any) => t.name === 'SecurityEvent');
  assert.ok(se.rows > 0 && se.columns.length > 10 && se.firstTime && se.lastTime);

  const made = await call(s, 'POST', '/api/workspaces', { name: 'team-a', description: 'a team', retentionDays: 30 });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  assert.equal(made.json.name, 'team-a');
  assert.equal(made.json.retentionDays, 30);
  assert.equal((await call(s, 'POST', '/api/workspaces', { name: 'TEAM-A' })).status, 409);
  const bad = await call(s, 'POST', '/api/workspaces', { name: '../x' });
  assert.equal(bad.status, 400);
  assert.match(bad.json.error.message, /'name' must be/);
  const list = await call(s, 'GET', '/api/workspaces');
  assert.deepEqual(list.json.workspaces.map((w: any) => w.name).sort(), ['demo', 'team-a']);
});

test('workspace API: what the store refuses is a 4xx, and two creates of one name at once give 201 and 409', async () => {
  const days = await call(s, 'POST', '/api/workspaces', { name: 'long-keep', retentionDays: 100_000 });
  assert.equal(days.status, 400, JSON.stringify(days.json));
  assert.match(days.json.error.message, /invalid retention 100000/);
  const std = await call(s, 'POST', '/api/workspaces', { name: 'std', standardTables: ['NoSuchTable'] });
  assert.equal(std.status, 400, JSON.stringify(std.json));
  assert.match(std.json.error.message, /no standard table named 'NoSuchTable'/);
  const both = await Promise.all([call(s, 'POST', '/api/workspaces', { name: 'twice' }), call(s, 'POST', '/api/workspaces', { name: 'TWICE' })]);
  assert.deepEqual(both.map((r) => r.status).sort(), [201, 409], JSON.stringify(both.map((r) => r.json)));
  assert.match(both.find((r) => r.status === 409)!.json.error.message, /already exists/);
  const names = (await call(s, 'GET', '/api/workspaces')).json.workspaces.map((w: any) => w.name.toLowerCase());
  assert.equal(names.filter((n: string) => n === 'twice').length, 1);
  assert.ok(!names.includes('long-keep') && !names.includes('std'));
});
