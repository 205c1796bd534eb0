/** evaluate bag_unpack (two-phase: the keys are discovered from the data) and refusal of other plugins. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, schema, error } from './helpers.ts';
import { compile } from '@huntbook/kql';

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
  assert.match((await error(`${Ev} | evaluate pivot(Host)`)).message, /plugin 'pivot'/);
  assert.match((await error(`range x from 1 to 3 step 1 | evaluate narrow()`)).message, /plugin 'narrow'/);
});
