/** union: outer and inner layouts, withsource, piped form, wildcards over tables and views, isfuzzy. */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { rows, schema, db } from './helpers.ts';

const sortRows = (r: unknown[][]): unknown[][] => r.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

before(async () => {
  const d = await db();
  await d.sql(`CREATE OR REPLACE TABLE UnSignIn (Account VARCHAR, Port BIGINT)`);
  await d.sql(`INSERT INTO UnSignIn VALUES ('ann', 22), ('bo', 443)`);
  await d.sql(`CREATE OR REPLACE TABLE UnSignOut (Account VARCHAR, Port VARCHAR, Ok BOOLEAN)`);
  await d.sql(`INSERT INTO UnSignOut VALUES ('cy', 'ssh', true)`);
  await d.sql(`CREATE OR REPLACE TABLE UnOther (Account VARCHAR)`);
  await d.sql(`INSERT INTO UnOther VALUES ('zed')`);
  d.invalidateSchema();
});

test('outer union (the default) keeps every column; a name with two types gets one column per type', async () => {
  assert.deepEqual(await schema('union UnSignIn, UnSignOut'), ['Account:string', 'Port_long:long', 'Port_string:string', 'Ok:bool']);
  assert.deepEqual(sortRows(await rows('union UnSignIn, UnSignOut')), [['ann', 22, '', null], ['bo', 443, '', null], ['cy', null, 'ssh', true]]);
  assert.deepEqual(await rows('union UnSignIn, UnSignOut | where Port_string == "" | summarize count()'), [[2]]);
});

test('piped union and withsource name each row\'s table', async () => {
  assert.deepEqual(await schema('UnSignIn | union withsource=Src UnOther'), ['Src:string', 'Account:string', 'Port:long']);
  assert.deepEqual(sortRows(await rows('UnSignIn | union withsource=Src UnOther')), [['UnOther', 'zed', null], ['UnSignIn', 'ann', 22], ['UnSignIn', 'bo', 443]]);
  // legs that are not tables or views are union_arg<position>
  assert.deepEqual(sortRows(await rows('union withsource=S UnOther, (print Account = "p"), (UnOther | where Account == "none")')), [['union_arg1', 'p'], ['UnOther', 'zed']]);
});

test('inner union keeps only the columns every leg has with the same type', async () => {
  assert.deepEqual(await schema('union kind=inner UnSignIn, UnSignOut'), ['Account:string']);
  assert.deepEqual(sortRows(await rows('union kind=inner UnSignIn, UnSignOut, UnOther')), [['ann'], ['bo'], ['cy'], ['zed']]);
  assert.deepEqual(await schema('union kind=inner withsource=T UnSignIn, (UnSignIn | extend X = 1)'), ['T:string', 'Account:string', 'Port:long']);
});

test('wildcards expand to the matching database tables', async () => {
  assert.deepEqual(sortRows(await rows('union withsource=T UnSign* | project T, Account')), [['UnSignIn', 'ann'], ['UnSignIn', 'bo'], ['UnSignOut', 'cy']]);
  assert.deepEqual(await rows('union UnS*, UnO* | count'), [[4]]);
});

test('wildcards over views, views by name, and isfuzzy skipping an unknown leg', async () => {
  const views = 'let Va_1 = view () { print x = 1 }; let Va_2 = view () { print x = int(2) }; let Wb = view () { print x = 3 };';
  assert.deepEqual(sortRows(await rows(`${views} union withsource=V Va_1, Va_2`)), [['Va_1', 1, null], ['Va_2', null, 2]]);
  assert.deepEqual(await schema(`${views} union withsource=V Va_1, Va_2`), ['V:string', 'x_long:long', 'x_int:int']);
  assert.deepEqual(await rows(`${views} union Va*, Wb* | count`), [[3]]);
  assert.deepEqual(await rows(`${views} union isfuzzy=true (Va_1 | where x > 0), (Nothing | where x > 0) | count`), [[1]]);
});

test('a typed clash with an existing column name is numbered, as documented', async () => {
  const q = 'let A = print x = 1; let B = print x = int(2); let C = print x_long = 3; union A, B, C';
  assert.deepEqual(await schema(q), ['x_long1:long', 'x_int:int', 'x_long:long']);
  assert.deepEqual(sortRows(await rows(q)), [[1, null, null], [null, 2, null], [null, null, 3]]);
});

test('union of expressions with the same columns stacks them', async () => {
  assert.deepEqual(sortRows(await rows('range i from 1 to 2 step 1 | union (range i from 5 to 6 step 1)')), [[1], [2], [5], [6]]);
  assert.deepEqual(await rows('let T = datatable(a:string)["x"]; T | union T, T | count'), [[3]]);
});
