/** evaluate bag_unpack and pivot (two-phase: keys / values are discovered from the data) and refusal of other plugins. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, schema, error, run } from './helpers.ts';
import { compile, KqlError } from '@huntbook/kql';

const Ev = `datatable(Host:string, Props:dynamic)[
  'ws1', dynamic({"user": "alice", "pid": 42}),
  'ws2', dynamic({"user": "bob", "tags": ["a", "b"]}),
  'ws3', dynamic(null)]`;

test('bag_unpack makes one column per key, sorted, with nulls where a row lacks the key', async () => {
  assert.deepEqual(await schema(`${Ev} | evaluate bag_unpack(Props)`), ['Host:string', 'pid:dynamic', 'tags:dynamic', 'user:dynamic']);
  assert.deepEqual(await rows(`${Ev} | evaluate bag_unpack(Props) | order by Host asc`), [
    ['ws1', 42, null, 'alice'],
    ['ws2', null, ['a', 'b'], 'bob'],
    ['ws3', null, null, null],
  ]);
});

test('bag_unpack with a prefix, then operators that use the new columns', async () => {
  assert.deepEqual(await schema(`${Ev} | evaluate bag_unpack(Props, 'p_')`), ['Host:string', 'p_pid:dynamic', 'p_tags:dynamic', 'p_user:dynamic']);
  assert.deepEqual(await rows(`${Ev} | evaluate bag_unpack(Props) | where user == 'bob' | project Host, user`), [['ws2', 'bob']]);
  assert.deepEqual(await rows(`${Ev} | evaluate bag_unpack(Props) | where isnotempty(user) | summarize n = count() by u = tostring(user) | order by u asc`), [['alice', 1], ['bob', 1]]);
  assert.deepEqual(await rows(`${Ev} | evaluate bag_unpack(Props) | sort by Host desc | take 1 | project Host`), [['ws3']]);
});

test('columnsConflict: error by default, replace_source or keep_source', async () => {
  const T = `datatable(user:string, d:dynamic)['x', dynamic({"user": "alice", "n": 1}), 'y', dynamic({"n": 2})]`;
  assert.equal((await error(`${T} | evaluate bag_unpack(d)`)).code, 'HB002');
  assert.deepEqual(await rows(`${T} | evaluate bag_unpack(d, columnsConflict='replace_source')`), [['alice', 1], [null, 2]]);
  assert.deepEqual(await rows(`${T} | evaluate bag_unpack(d, columnsConflict='keep_source')`), [['x', 1], ['y', 2]]);
});

test('a schema clause gives typed columns without a discovery step', async () => {
  const q = `${Ev} | evaluate bag_unpack(Props) : (Host:string, user:string, pid:long)`;
  assert.equal(compile(q).discovery, undefined);
  assert.deepEqual(await schema(q), ['Host:string', 'user:string', 'pid:long']);
  assert.deepEqual(await rows(`${q} | order by Host asc`), [['ws1', 'alice', 42], ['ws2', 'bob', null], ['ws3', '', null]]);
});

test('the compiled query exposes the discovery step; the kql package runs no SQL itself', () => {
  const c = compile(`${Ev} | evaluate bag_unpack(Props)`);
  assert.ok(c.discovery);
  assert.match(c.discovery.sql, /json_keys/);
  const final = c.discovery.apply(['user']);
  assert.equal(final.discovery, undefined);
  assert.deepEqual(final.columns.map((x) => x.name), ['Host', 'user']);
});

test('operators that would lose the unpacked columns are refused; other plugins are refused by name', async () => {
  assert.match((await error(`${Ev} | evaluate bag_unpack(Props) | extend x = 1`)).message, /'extend' after evaluate bag_unpack/);
  assert.match((await error(`let t = ${Ev} | evaluate bag_unpack(Props); t`)).message, /inside a let/);
  // once project fixes the columns, anything may follow
  assert.deepEqual(await rows(`${Ev} | evaluate bag_unpack(Props) | project Host, user | extend k = strlen(Host) | where Host == 'ws1'`), [['ws1', 'alice', 3]]);
  assert.match((await error(`${Ev} | evaluate basket()`)).message, /plugin 'basket'/);
  assert.match((await error(`range x from 1 to 3 step 1 | evaluate narrow()`)).message, /plugin 'narrow'/);
});

// ---- pivot ----------------------------------------------------------------------------

const Alerts = `datatable(Sev:string, Rule:string, Host:string, Score:long)[
  'high', 'brute', 'ws1', 5,
  'high', 'brute', 'ws1', 7,
  'low',  'scan',  'ws2', 1,
  'med',  'brute', 'ws2', 3,
  'low',  'brute', 'ws1', 2]`;

test('pivot: one count column per distinct value, sorted, grouped by the other columns, 0 where absent', async () => {
  const q = `${Alerts} | project Sev, Rule | evaluate pivot(Sev)`;
  assert.deepEqual(await schema(q), ['Rule:string', 'high:long', 'low:long', 'med:long']);
  assert.deepEqual(await rows(`${q} | order by Rule asc`), [['brute', 2, 1, 1], ['scan', 0, 1, 0]]);
  // without project, every other column groups (count reads none)
  assert.deepEqual(await schema(`${Alerts} | evaluate pivot(Rule)`), ['Sev:string', 'Host:string', 'Score:long', 'brute:long', 'scan:long']);
});

test('pivot with an aggregation and explicit group columns; absent cells as the aggregate of no rows', async () => {
  const q = `${Alerts} | evaluate pivot(Sev, sum(Score), Host)`;
  assert.deepEqual(await schema(q), ['Host:string', 'high:long', 'low:long', 'med:long']);
  assert.deepEqual(await rows(`${q} | order by Host asc`), [['ws1', 12, 2, 0], ['ws2', 0, 1, 3]]);
  // the aggregated column is left out of the default groups
  assert.deepEqual(await schema(`${Alerts} | evaluate pivot(Sev, max(Score))`), ['Rule:string', 'Host:string', 'high:long', 'low:long', 'med:long']);
  assert.deepEqual(await rows(`${Alerts} | evaluate pivot(Host, make_list(Score), Rule) | order by Rule asc`), [['brute', [5, 7, 2], [3]], ['scan', [], [1]]]);
  assert.deepEqual(await rows(`${Alerts} | evaluate pivot(Host, avg(Score), Rule) | order by Rule asc`), [['brute', 14 / 3, 3], ['scan', null, 1]]);
  assert.deepEqual(await rows(`${Alerts} | evaluate pivot(Host, dcount(Sev), Rule) | order by Rule asc`), [['brute', 2, 1], ['scan', 0, 1]]);
});

test('pivot: later operators see the new columns with their types', async () => {
  assert.deepEqual(await rows(`${Alerts} | evaluate pivot(Sev, sum(Score), Host) | where high > 10 | extend total = high + low + med | project Host, total`), [['ws1', 14]]);
  assert.deepEqual(await schema(`${Alerts} | evaluate pivot(Sev, sum(Score), Host) | extend r = todouble(high) / 2`), ['Host:string', 'high:long', 'low:long', 'med:long', 'r:real']);
  // inside a let, used twice, and in a join
  assert.deepEqual(await rows(`let p = ${Alerts} | evaluate pivot(Sev, count(), Host); p | join kind=inner (p | project Host, h2 = high * 2) on Host | project Host, high, h2 | order by Host asc`), [['ws1', 2, 4], ['ws2', 0, 0]]);
  // two pivots in one query: two discovery steps
  assert.deepEqual(await schema(`${Alerts} | project Sev, Rule | evaluate pivot(Sev) | evaluate pivot(Rule)`), ['high:long', 'low:long', 'med:long', 'brute:long', 'scan:long']);
});

test('pivot with a schema clause is static: the declared columns only, rows from all the data', async () => {
  const q = `${Alerts} | project Sev, Rule | evaluate pivot(Sev) : (Rule:string, high:long, critical:long)`;
  assert.equal(compile(q).discovery, undefined);
  assert.deepEqual(await rows(`${q} | order by Rule asc`), [['brute', 2, 0], ['scan', 0, 0]]);
  assert.match((await error(`${Alerts} | evaluate pivot(Sev, sum(Score), Host) : (Host:string, high:real)`)).message, /'high' as real \(sum\(\) here gives long\)/);
  // no group columns: one row, none for an empty input
  assert.deepEqual(await rows(`${Alerts} | project Sev | evaluate pivot(Sev) : (high:long, low:long)`), [[2, 2]]);
  assert.deepEqual(await rows(`${Alerts} | project Sev | where Sev == 'none' | evaluate pivot(Sev) : (high:long)`), []);
});

test('pivot names columns by the text of non-string values; numbers sort by value', async () => {
  assert.deepEqual(await schema(`range i from 1 to 12 step 1 | extend g = i % 2, v = i % 10 | project g, v | evaluate pivot(v) | project-away g`),
    ['0:long', '1:long', '2:long', '3:long', '4:long', '5:long', '6:long', '7:long', '8:long', '9:long']);
  assert.deepEqual(await schema(`datatable(t:datetime, ok:bool)[datetime(2024-01-02), true, datetime(2024-01-01 06:00), false] | evaluate pivot(t)`),
    ['ok:bool', '2024-01-01T06:00:00Z:long', '2024-01-02T00:00:00Z:long']);
  assert.deepEqual(await rows(`datatable(ok:bool, x:real)[true, 1.5, false, 2.0, true, 1.0] | evaluate pivot(ok, sum(x))`), [[2, 2.5]]);
});

test('pivot values that are hostile as names reach SQL and Kusto text safely', async () => {
  const long = 'L'.repeat(5000);
  const values = [`it's`, 'a"b', 'x]y', `'); DROP TABLE t; --`, 'back\\slash', 'tab\there', 'ünï 😀', '[\'x\']', long];
  const literal = (v: string) => JSON.stringify(v); // a Kusto double-quoted string
  const T = `datatable(k:string, n:long)[${values.map((v, i) => `${literal(v)}, ${i + 1}`).join(', ')}]`;
  const r = await run(`${T} | evaluate pivot(k, sum(n))`);
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(r.columns.map((c) => c.name), sorted);
  assert.deepEqual(r.rows, [sorted.map((v) => values.indexOf(v) + 1)]);
  // and a later operator can name them
  assert.deepEqual(await rows(`${T} | evaluate pivot(k, sum(n)) | project a = ['it\\'s'], b = ['x]y']`), [[1, 3]]);
});

test('pivot refusals: too many values, empty values, names equal but for case, unsupported aggregations', async () => {
  const many = await error(`range i from 1 to 1001 step 1 | evaluate pivot(i)`);
  assert.equal(many.code, 'HB001');
  assert.match(many.message, /more than 1000 columns/);
  assert.equal((await rows(`range i from 1 to 1000 step 1 | evaluate pivot(i) | project ['1'], ['1000']`)).length, 1);
  assert.match((await error(`datatable(k:string)['a', ''] | evaluate pivot(k)`)).message, /empty or null values/);
  assert.match((await error(`datatable(k:long)[1, long(null)] | evaluate pivot(k)`)).message, /empty or null values/);
  assert.match((await error(`datatable(k:string)['Admin', 'admin'] | evaluate pivot(k)`)).message, /same column twice/);
  assert.match((await error(`datatable(k:string, x:string)['x', 'a'] | evaluate pivot(k)`)).message, /same column twice/);
  assert.match((await error(`${Alerts} | evaluate pivot(Sev, countif(Score > 1))`)).message, /countif\(\) as the pivot aggregation/);
  assert.equal((await error(`datatable(k:string)[] | evaluate pivot(k)`)).code, 'HB001');
});

test('pivot: the discovery step is exposed; errors after the spliced schema point into the original text', () => {
  const q = `${Alerts} | evaluate pivot(Sev, sum(Score), Host) | extend z = nosuch`;
  const c = compile(q);
  assert.ok(c.discovery);
  assert.match(c.discovery.sql, /DISTINCT/);
  let caught: KqlError | undefined;
  try { c.discovery.apply(['high']); } catch (e) { caught = e as KqlError; }
  assert.ok(caught);
  const d = caught.diagnostics[0]!;
  assert.equal(q.slice(d.start, d.start + d.length), 'nosuch');
  const ok = compile(`${Alerts} | evaluate pivot(Sev, sum(Score), Host)`).discovery!.apply(['low', 'high']);
  assert.equal(ok.discovery, undefined);
  assert.deepEqual(ok.columns.map((x) => `${x.name}:${x.type}`), ['Host:string', 'high:long', 'low:long']);
});
