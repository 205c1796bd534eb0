/** mv-expand: arrays, bags, parallel expansion, with_itemindex, to typeof(), limit, names. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, schema, error } from './helpers.ts';

test('an array column expands into one row per element, other columns repeated', async () => {
  assert.deepEqual(await rows(`datatable(k:string, v:dynamic)['a', dynamic([1, 'two', {"x": 3}]), 'b', dynamic([4])] | mv-expand v`), [
    ['a', 1], ['a', 'two'], ['a', { x: 3 }], ['b', 4],
  ]);
  assert.deepEqual(await schema(`datatable(k:string, v:dynamic)['a', dynamic([1])] | mv-expand v`), ['k:string', 'v:dynamic']);
});

test('null gives one row, an empty array or bag none, a scalar stays as it is', async () => {
  const T = `datatable(k:long, v:dynamic)[1, dynamic(null), 2, dynamic([]), 3, dynamic({}), 4, dynamic(7), 5, dynamic('txt')]`;
  assert.deepEqual(await rows(`${T} | mv-expand v`), [[1, null], [4, 7], [5, 'txt']]);
});

test('bags expand into one-key bags, or [key, value] arrays with kind=array / bagexpansion=array', async () => {
  const T = `print b = dynamic({"p": 1, "q": [2, 3]})`;
  assert.deepEqual(await rows(`${T} | mv-expand b`), [[{ p: 1 }], [{ q: [2, 3] }]]);
  assert.deepEqual(await rows(`${T} | mv-expand kind=array b | extend k = tostring(b[0])`), [[['p', 1], 'p'], [['q', [2, 3]], 'q']]);
  assert.deepEqual(await rows(`${T} | mv-expand bagexpansion=array b | project b[1]`), [[1], [[2, 3]]]);
});

test('several expressions expand in parallel; shorter ones are padded with null', async () => {
  const T = `print a = dynamic([1, 2, 3]), b = dynamic(['x']), c = dynamic([])`;
  assert.deepEqual(await rows(`${T} | mv-expand a, b, c`), [[1, 'x', null], [2, null, null], [3, null, null]]);
  // all empty: the row disappears
  assert.deepEqual(await rows(`print a = dynamic([]), b = dynamic({}) | mv-expand a, b | count`), [[0]]);
});

test('with_itemindex numbers the items from 0 and limit caps the rows per input row', async () => {
  const T = `datatable(k:long, v:dynamic)[1, dynamic([10, 20, 30]), 2, dynamic([40])]`;
  assert.deepEqual(await rows(`${T} | mv-expand with_itemindex=i v`), [[1, 10, 0], [1, 20, 1], [1, 30, 2], [2, 40, 0]]);
  assert.deepEqual(await schema(`${T} | mv-expand with_itemindex=i v`), ['k:long', 'v:dynamic', 'i:long']);
  assert.deepEqual(await rows(`${T} | mv-expand v limit 2`), [[1, 10], [1, 20], [2, 40]]);
  assert.deepEqual(await rows(`${T} | mv-expand with_itemindex=v v | project v1`), [[0], [1], [2], [0]]);
  assert.deepEqual(await rows(`print a = dynamic([5, 6]), b = dynamic([7, 8, 9]) | mv-expand with_itemindex=n a, b | project n`), [[0], [1], [2]]);
});

test('to typeof() casts the elements; elements of another kind become null', async () => {
  const T = `print d = dynamic([1, 2.7, 'x', true, null])`;
  assert.deepEqual(await schema(`${T} | mv-expand d to typeof(long)`), ['d:long']);
  assert.deepEqual((await rows(`${T} | mv-expand d to typeof(long)`)).flat(), [1, 2, null, null, null]);
  assert.deepEqual((await rows(`${T} | mv-expand d to typeof(real)`)).flat(), [1, 2.7, null, null, null]);
  assert.deepEqual((await rows(`${T} | mv-expand d to typeof(string)`)).flat(), ['', '', 'x', '', '']);
  assert.deepEqual((await rows(`${T} | mv-expand d to typeof(bool)`)).flat(), [null, null, null, true, null]);
  assert.deepEqual(await rows(`print d = dynamic(['2024-01-02T03:04:05Z']) | mv-expand d to typeof(datetime) | project d + 1h`), [['2024-01-02T04:04:05Z']]);
  // the typed column compares as its type downstream
  assert.deepEqual(await rows(`print d = dynamic(['a', 'bb']) | mv-expand d to typeof(string) | where strlen(d) > 1`), [['bb']]);
});

test('Name = expression, expressions like split(), and the names Kusto gives', async () => {
  assert.deepEqual(await rows(`print s = 'a,b' | mv-expand p = split(s, ',')`), [['a,b', 'a'], ['a,b', 'b']]);
  assert.deepEqual(await schema(`print s = 'a,b' | mv-expand split(s, ',')`), ['s:dynamic']);
  assert.deepEqual(await rows(`print s = 'a,b' | mv-expand split(s, ',') to typeof(string)`), [['a'], ['b']]);
  assert.deepEqual(await schema(`print d = dynamic({"a": [1, 2]}) | mv-expand d.a`), ['d:dynamic', 'd_a:dynamic']);
  assert.deepEqual((await rows(`print d = dynamic({"a": [1, 2]}) | mv-expand d.a | project d_a`)).flat(), [1, 2]);
  assert.deepEqual(await schema(`print x = 1 | mv-expand pack_array(1, 2), pack_array(3)`), ['x:long', 'Column1:dynamic', 'Column2:dynamic']);
  assert.deepEqual(await rows(`print x = 1 | mv-expand pack_array(1, 2), pack_array(3)`), [[1, 1, 3], [1, 2, null]]);
});

test('two expressions expanded into one column are refused', async () => {
  const e = await error(`print s = 'a,b' | mv-expand split(s, ','), split(s, ';')`);
  assert.match(e.message, /same column/);
});

test('mv-expand then summarize and join use the expanded values', async () => {
  const T = `datatable(user:string, roles:dynamic)['ann', dynamic(['admin', 'dev']), 'bo', dynamic(['dev'])]`;
  assert.deepEqual(await rows(`${T} | mv-expand role = roles to typeof(string) | summarize n = count() by role | order by role asc`), [['admin', 1], ['dev', 2]]);
  assert.deepEqual(await rows(`${T} | mv-expand role = roles to typeof(string) | join kind=inner (datatable(role:string, level:long)['admin', 9]) on role | project user, level`), [['ann', 9]]);
});
