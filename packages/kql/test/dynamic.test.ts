/** Dynamic (JSON) values: property access, array, set and bag functions, `in` / has_any over arrays. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, schema, error } from './helpers.ts';

test('property access by name, bracket, index and negative index', async () => {
  assert.deepEqual(
    await rows(`print d = dynamic({'a': {'b': [10, 20, 30]}, 'x.y': 1}) | project d.a.b[0], d['a']['b'][-1], d['x.y'], d.nope, d.a.b[7]`),
    [[10, 30, 1, null, null]],
  );
  // a string column holding JSON needs parse_json first, as in Kusto
  assert.deepEqual(await rows(`datatable(s:string)['{"k":[1,2]}'] | project v = parse_json(s).k[1]`), [[2]]);
  assert.equal((await error(`datatable(s:string)['{"k":1}'] | project s.k`)).message.includes('k'), true);
});

test('tostring of dynamic is JSON text, strings unquoted; comparisons with scalars', async () => {
  assert.deepEqual(await rows(`print tostring(dynamic({'a':[1,'x']})), tostring(dynamic('txt')), tostring(dynamic(null))`), [['{"a":[1,"x"]}', 'txt', '']]);
  assert.deepEqual(await rows(`print dynamic({'n':5}).n > 4, dynamic({'s':'abc'}).s == 'abc', dynamic([1,2])[1] == 2`), [[true, true, true]]);
});

test('array_length, array_concat, array_slice, array_reverse, array_sum', async () => {
  // the binder rejects literals of the wrong shape; values of the wrong shape give null
  const D = `datatable(d:dynamic)[dynamic([1,2,3]), dynamic({'a':1}), dynamic('s')]`;
  assert.deepEqual((await rows(`${D} | project array_length(d)`)).flat(), [3, null, null]);
  assert.deepEqual(await value(`print array_concat(dynamic([1,'a']), dynamic([{'b':2}]), dynamic([]))`), [1, 'a', { b: 2 }]);
  assert.equal(await value(`datatable(d:dynamic)[dynamic({'a':1})] | project isnull(array_concat(dynamic([1]), d))`), true);
  assert.deepEqual(await rows(`print array_slice(dynamic([0,1,2,3,4]), 1, 3), array_slice(dynamic([0,1,2,3,4]), -2, -1), array_slice(dynamic([0,1,2]), 2, 9), array_slice(dynamic([0,1,2]), 2, 1)`), [[[1, 2, 3], [3, 4], [2], []]]);
  assert.deepEqual(await rows(`print array_reverse(dynamic(['a', 2, null])), array_sum(dynamic([1, 2.5, 3])), array_sum(dynamic([1, 'x']))`), [[[null, 2, 'a'], 6.5, null]]);
  assert.deepEqual(await schema(`print s = array_sum(dynamic([1]))`), ['s:real']);
});

test('array_index_of with start, length and occurrence', async () => {
  const a = `dynamic(['p', 'q', 'r', 'q', 'r', 'q'])`;
  assert.deepEqual(
    await rows(`print array_index_of(${a}, 'q'), array_index_of(${a}, 'q', 2), array_index_of(${a}, 'q', 2, 1), array_index_of(${a}, 'q', 0, -1, 3), array_index_of(${a}, 'q', -2), array_index_of(${a}, 'zz'), array_index_of(${a}, 'q', 0, -1, -1)`),
    [[1, 3, -1, 5, 5, -1, null]],
  );
  assert.equal(await value(`print array_index_of(dynamic([1, 2.0, 3]), 2)`), 1);
});

test('array_sort_asc / desc: values by type, nulls last by default, several arrays indexed', async () => {
  assert.deepEqual(await rows(`print array_sort_asc(dynamic([10, 9, 100, null, 1])), array_sort_desc(dynamic(['b', null, 'c', 'a'])), array_sort_asc(dynamic([3, null, 1]), false)`), [[[1, 9, 10, 100, null], ['c', 'b', 'a', null], [null, 1, 3]]]);
  assert.deepEqual(await value(`print array_sort_asc(dynamic([3, 1, 2]), dynamic(['c', 'a', 'b']))[1]`), ['a', 'b', 'c']);
  assert.deepEqual(await value(`print array_sort_desc(dynamic([3, 1, 2]), dynamic(['c', 'a', 'b']))[0]`), [3, 2, 1]);
  assert.match((await error(`print array_sort_asc(dynamic([3, 1]), dynamic(['c', 'a']))`)).message, /several arrays/);
});

test('array_iff, array_split, array_rotate and array_shift', async () => {
  assert.deepEqual(await rows(`print array_iff(dynamic([true, false, 1, 0, 'x']), dynamic([1, 2, 3, 4, 5]), 0), array_iff(dynamic([true, true, true]), dynamic(['a']), 'b')`), [[[1, 0, 3, 0, null], ['a', null, null]]]);
  assert.deepEqual(await rows(`print array_split(dynamic([1,2,3,4]), 1), array_split(dynamic([1,2,3,4,5]), dynamic([2, 4]))`), [[[[1], [2, 3, 4]], [[1, 2], [3, 4], [5]]]]);
  assert.deepEqual(await rows(`print array_rotate_left(dynamic([1,2,3,4]), 1), array_rotate_right(dynamic([1,2,3,4]), 1), array_shift_left(dynamic([1,2,3]), 1), array_shift_right(dynamic([1,2,3]), 1, 0)`), [[[2, 3, 4, 1], [4, 1, 2, 3], [2, 3, null], [0, 1, 2]]]);
});

test('set_union, set_intersect, set_difference keep first-occurrence order; set_has_element', async () => {
  assert.deepEqual(await rows(`print set_union(dynamic([3, 1, 3]), dynamic([2, 1])), set_intersect(dynamic([5, 4, 4, 3]), dynamic([3, 4])), set_difference(dynamic(['a', 'b', 'a', 'c']), dynamic(['b']))`), [[[3, 1, 2], [4, 3], ['a', 'c']]]);
  assert.deepEqual(await rows(`print set_has_element(dynamic(['x', 'y']), 'y'), set_has_element(dynamic([1, 2]), 3), set_difference(dynamic([1]), dynamic([1]))`), [[true, false, []]]);
});

test('pack_array, bag_pack / pack, zip', async () => {
  assert.deepEqual(await value(`print pack_array(1, 'two', 2.5, datetime(2024-01-01), 1h, long(null))`), [1, 'two', 2.5, '2024-01-01T00:00:00.0000000Z', '01:00:00', null]);
  assert.deepEqual(await rows(`datatable(k:string, v:long)['x', 1] | project bag_pack('key', k, 'val', v, 'inner', pack('z', true)), pack('n', long(null))`), [[{ key: 'x', val: 1, inner: { z: true } }, { n: null }]]);
  assert.deepEqual(await value(`print zip(dynamic([1, 2, 3]), dynamic(['a', 'b']))`), [[1, 'a'], [2, 'b'], [3, null]]);
  assert.deepEqual(await schema(`print p = pack_array(1, 2)`), ['p:dynamic']);
});

test('bag_keys, bag_merge, bag_has_key, bag_remove_keys, bag_set_key, bag_zip', async () => {
  assert.deepEqual((await rows(`datatable(d:dynamic)[dynamic({'b': 1, 'a': {'c': 2}}), dynamic([1]), dynamic({})] | project bag_keys(d)`)).flat(1), [['b', 'a'], null, []]);
  assert.deepEqual(await value(`print bag_merge(dynamic({'a': 1, 'b': {'x': 1}}), dynamic({'b': {'y': 2}, 'c': 3}), dynamic({'c': 4, 'd': 5}))`), { a: 1, b: { x: 1 }, c: 3, d: 5 });
  const bag = `dynamic({'k1': 1, 'k2': {'p': 'v', 'q': 'w'}, 'k3': [1]})`;
  assert.deepEqual(await rows(`print bag_has_key(${bag}, 'k3'), bag_has_key(${bag}, 'p'), bag_has_key(${bag}, '$.k2.p'), bag_has_key(${bag}, "$['k2']['zz']")`), [[true, false, true, false]]);
  assert.deepEqual(await value(`print bag_remove_keys(${bag}, dynamic(['k1', '$.k2.q', 'nope']))`), { k2: { p: 'v' }, k3: [1] });
  assert.deepEqual(await rows(`print bag_set_key(dynamic({'a': 1, 'b': 2}), 'a', 'x'), bag_set_key(dynamic({'a': 1}), '$.n.m', 5)`), [[{ a: 'x', b: 2 }, { a: 1, n: { m: 5 } }]]);
  assert.deepEqual(await rows(`print bag_zip(dynamic(['a', 5, 'b', 'c']), dynamic([1, 2, 3])), isnull(bag_zip(parse_json('"a"'), dynamic([1])))`), [[{ a: 1, b: 3, c: null }, true]]);
  assert.match((await error(`print bag_remove_keys(dynamic({'a': [1]}), dynamic(['$.a[0]']))`)).message, /key path/);
});

test('in / !in / in~ with a dynamic array on the right compare element values', async () => {
  assert.deepEqual(
    await rows(`datatable(s:string, n:long)['b', 2] | project s in (dynamic(['a', 'b'])), s in~ (dynamic(['B'])), s !in (dynamic(['b'])), n in (dynamic([1.0, 2.0])), n in (dynamic([1]), 2), s in ('x', dynamic(['b'])), n in (dynamic([]))`),
    [[true, true, false, true, true, true, false]],
  );
});

test('has_any / has_all with dynamic arrays match whole terms', async () => {
  assert.deepEqual(
    await rows(`datatable(x:string)['Failed logon from host-7'] | project x has_any (dynamic(['logon', 'zzz'])), x has_all (dynamic(['failed', 'HOST'])), x has_all (dynamic(['log'])), x has_any (dynamic([]))`),
    [[true, true, false, false]],
  );
});
