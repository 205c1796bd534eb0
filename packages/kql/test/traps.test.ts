/**
 * The traps of DESIGN.md "KQL semantics that SQL does not give for free", and interactions
 * between operators and internal SQL names that once gave wrong answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, schema, error } from './helpers.ts';

test('has matches whole terms (maximal alphanumeric runs), case-insensitively', async () => {
  assert.deepEqual(await rows(`print a = "hello-world" has "WORLD", b = "helloworld" has "world", c = "a1b" has "1", d = "x.Y.z" has "y", e = "lo wo" has "lo wo", f = "hello world" has "lo wo"`),
    [[true, false, false, true, true, false]]);
  assert.deepEqual(await rows(`print a = "Hello World" has_cs "world", b = "Hello World" has_cs "World", c = "Hello World" !has "hello"`), [[false, true, false]]);
});

test('contains, startswith, ==, =~, in~ and their case-sensitive forms', async () => {
  assert.deepEqual(await rows(`print "ABC" contains "b", "ABC" contains_cs "b", "ABC" startswith "a", "ABC" startswith_cs "a", "ABC" endswith "c", "ABC" endswith_cs "c"`),
    [[true, false, true, false, true, false]]);
  assert.deepEqual(await rows(`print "ABC" == "abc", "ABC" =~ "abc", "ABC" != "abc", "ABC" !~ "abc", "ABC" in ("abc"), "ABC" in~ ("abc"), "ABC" !in ("abc"), "ABC" !in~ ("abc")`),
    [[false, true, true, false, false, true, true, false]]);
});

test('strings are never null: outer joins, extract without a match, json access, iff branches', async () => {
  const j = `datatable(a:string, b:long)["x", 1] | join kind=leftouter (datatable(a:string, c:string)["y", "z"]) on a`;
  assert.deepEqual(await rows(`${j} | project c, e = isempty(c), n = isnull(c), l = strlen(c)`), [['', true, false, 0]]);
  assert.deepEqual(await rows(`print a = extract("x(\\\\d)", 1, "abc") | extend n = isnull(a), e = isempty(a)`), [['', false, true]]);
  assert.deepEqual(await rows(`print d = dynamic({"a":1}) | project s = tostring(d.b), x = d.b | extend n = isnull(s), xn = isnull(x)`), [['', null, false, true]]);
  assert.deepEqual(await rows(`print a = iff(false, "x", tostring(dynamic(null))), b = case(false, "a", tostring(int(null))) | extend an = isnull(a), bn = isnull(b)`), [['', '', false, false]]);
});

test('isempty and isnull differ', async () => {
  assert.deepEqual(await rows(`print isempty(""), isnull(""), isempty(int(null)), isnull(int(null)), isempty(dynamic(null)), isempty(dynamic([]))`),
    [[true, false, true, true, true, false]]);
});

test('integer division truncates and % is never negative', async () => {
  assert.deepEqual(await rows(`print 7 / 2, -7 / 2, 7.0 / 2, -14 % 12, 14 % -12, -14 % -12, 14 % 12`), [[3, -3, 3.5, 10, 2, 10, 2]]);
  assert.deepEqual(await schema(`print a = 7 / 2, b = int(7) / int(2), c = 7.0 / 2`), ['a:long', 'b:long', 'c:real']);
});

test('nulls sort first ascending and last descending (the default is descending)', async () => {
  const t = `datatable(x:long)[1, long(null), 3]`;
  assert.deepEqual(await rows(`${t} | sort by x asc`), [[null], [1], [3]]);
  assert.deepEqual(await rows(`${t} | sort by x`), [[3], [1], [null]]);
  assert.deepEqual(await rows(`${t} | top 2 by x asc`), [[null], [1]]);
  assert.deepEqual(await rows(`${t} | sort by x asc nulls last`), [[1], [3], [null]]);
});

test('join defaults to innerunique: one left row per key', async () => {
  const l = `datatable(k:long, a:string)[1, "x", 1, "y", 2, "z"]`;
  const r = `datatable(k:long, b:string)[1, "p", 1, "q"]`;
  assert.deepEqual((await rows(`${l} | join (${r}) on k | project b`)).sort(), [['p'], ['q']]);
  assert.equal((await rows(`${l} | join kind=inner (${r}) on k`)).length, 4);
});

test('aggregate types: count() long, avg() real, sum of int long', async () => {
  assert.deepEqual(await schema(`datatable(x:int)[1, 2] | summarize count(), avg(x), sum(x), max(x), dcount(x)`),
    ['count_:long', 'avg_x:real', 'sum_x:long', 'max_x:int', 'dcount_x:long']);
});

test('datetimes keep 100 ns ticks through where, summarize by, min/max, arg_max, join keys, make_list, tostring', async () => {
  const t = `datatable(t:datetime, k:string)[datetime(2024-01-01T00:00:00.1234567Z), "a", datetime(2024-01-01T00:00:00.1234568Z), "a"]`;
  assert.deepEqual(await rows(`${t} | where t > datetime(2024-01-01T00:00:00.1234567Z) | project t`), [['2024-01-01T00:00:00.1234568Z']]);
  assert.equal((await rows(`${t} | summarize count() by t`)).length, 2);
  assert.deepEqual(await rows(`${t} | summarize min(t), max(t), arg_max(t, k), make_list(t) by k | project min_t, max_t, t, list_t, s = tostring(max_t)`), [[
    '2024-01-01T00:00:00.1234567Z', '2024-01-01T00:00:00.1234568Z', '2024-01-01T00:00:00.1234568Z',
    ['2024-01-01T00:00:00.1234567Z', '2024-01-01T00:00:00.1234568Z'], '2024-01-01T00:00:00.1234568Z',
  ]]);
  assert.deepEqual(await rows(`${t} | join (datatable(t:datetime, v:long)[datetime(2024-01-01T00:00:00.1234567Z), 1]) on t | project v`), [[1]]);
  assert.deepEqual(await rows(`print bin(datetime(2024-01-01T00:00:00.1234567Z), 100tick), datetime(2024-01-01T00:00:00.1234567Z) - datetime(2024-01-01T00:00:00.1234566Z)`),
    [['2024-01-01T00:00:00.12345Z', '00:00:00.0000001']]);
});

test('weeks start on Sunday', async () => {
  assert.deepEqual(await rows(`print startofweek(datetime(2024-01-03T10:00:00Z)), dayofweek(datetime(2024-01-07)), bin(datetime(2024-01-03T10:00:00Z), 7d)`),
    [['2023-12-31T00:00:00Z', '00:00:00', '2023-12-28T00:00:00Z']]);
});

test('Kusto column names: Column1, count_, sum_x, count_1, bin keeps the column name', async () => {
  assert.deepEqual(await schema(`datatable(a:long, b:string)[1, "x"] | summarize count(), sum(a), count() by b, bin(a, 2)`),
    ['b:string', 'a:long', 'count_:long', 'sum_a:long', 'count_1:long']);
  assert.deepEqual(await schema(`datatable(a:long, b:string)[1, "x"] | project a * 2, strlen(b), tolower(b), b`),
    ['Column1:long', 'strlen_b:long', 'Column2:string', 'b:string']);
});

test('tostring of dynamic is its JSON text', async () => {
  assert.deepEqual(await rows(`print tostring(dynamic({"b":1,"a":[1,2.5,"x",null,true]})), tostring(dynamic("s")), tostring(dynamic(null))`),
    [['{"b":1,"a":[1,2.5,"x",null,true]}', 's', '']]);
});

test('an unnamed extend expression named like an input column replaces it (extend a, extend tostring(b))', async () => {
  assert.deepEqual(await rows(`datatable(a:long, b:long)[1, 2] | extend a`), [[1, 2]]);
  assert.deepEqual(await schema(`datatable(a:long, b:long)[1, 2] | extend tostring(b), c = 1`), ['a:long', 'b:string', 'c:long']);
  assert.deepEqual(await rows(`datatable(a:long, b:long)[1, 2] | extend tostring(b), c = 1`), [[1, '2', 1]]);
  assert.deepEqual(await schema(`datatable(a:long, b:long)[1, 2] | extend b + 0, b`), ['a:long', 'b:long', 'Column1:long']);
});

test('user columns named like internal SQL names do not change results', async () => {
  // lambda parameters of series_* once captured a user column of the same name
  assert.deepEqual(await rows(`print _x = 5, a = dynamic([1, 2]) | project r = series_add(a, _x)`), [[[6, 7]]]);
  assert.deepEqual(await rows(`print _v = 5, a = dynamic([1, 2]) | project r = series_multiply(a, _v)`), [[[5, 10]]]);
  // summarize's helper columns once collided with group keys
  assert.deepEqual(await rows(`datatable(_g1:long, y:long)[1, 2, 1, 3] | summarize arg_max(y, *) by _g1`), [[1, 3]]);
  assert.deepEqual(await rows(`datatable(_a0:long, y:long)[1, 2, 1, 3] | summarize count(), arg_max(y, *) by _a0`), [[1, 2, 3]]);
  assert.deepEqual(await rows(`datatable(_t1:long, _l2:long, r:long, range:long)[1, 2, 3, 4] | join (datatable(_t1:long, z:long)[1, 9]) on _t1 | project _l2, r, range, z`), [[2, 3, 4, 9]]);
  assert.deepEqual(await rows(`datatable(_bin:long, t:long)[1, 0, 1, 1] | make-series count() on t from 0 to 2 step 1 by _bin`), [[1, [1, 1], [0, 1]]]);
});

test('column names SQL cannot keep apart are refused, not confused', async () => {
  assert.match((await error(`datatable(a:long, A:long)[1, 2] | where A == 2`)).message, /differ only in case/);
  assert.match((await error(`print x = 1 | extend X = 2`)).message, /differ only in case/);
  assert.match((await error(`print __hb_rn = 1`)).message, /reserved/);
  assert.equal(await value(`print ['a b'] = 1 | project ['a b']`), 1);
});

test('union withsource= names a leg that ends with `as Name` by that name', async () => {
  assert.deepEqual(await rows(`union withsource=T (range x from 1 to 2 step 1 | as T1), (range x from 5 to 5 step 1 | as T2), (print x = long(9))`),
    [['T1', 1], ['T1', 2], ['T2', 5], ['union_arg2', 9]]);
  assert.deepEqual(await rows(`range x from 1 to 1 step 1 | as A | union withsource=S (print x = long(3))`), [['A', 1], ['union_arg1', 3]]);
});

test('extend expressions read the input row, as Kusto.Language binds them', async () => {
  // y = x is the input's x, not the x this extend makes
  assert.deepEqual(await rows(`print x = 1 | extend x = x + 1, y = x`), [[2, 1]]);
  // serialize appends one column per expression, renaming a clash
  assert.deepEqual(await rows(`range x from 1 to 3 step 1 | serialize x = x * 10, rn = row_number(), p = prev(x)`),
    [[1, 10, 1, null], [2, 20, 2, 1], [3, 30, 3, 2]]);
});

test('in / !in over a tabular set: nulls match nothing, as with a list', async () => {
  // SQL's NOT IN over a set holding a null is null for every row
  assert.deepEqual(await rows(`datatable(x:long)[1, 2] | where x !in ((datatable(y:long)[1, long(null)]))`), [[2]]);
  assert.deepEqual(await rows(`datatable(x:long)[1, 2, long(null)] | where x !in ((datatable(y:long)[1]))`), [[2], [null]]);
  assert.deepEqual(await rows(`datatable(x:long)[1, 2, long(null)] | where x !in (1)`), [[2], [null]]);
  assert.deepEqual(await rows(`datatable(x:long)[1, 2, long(null)] | where x in ((datatable(y:long)[1, long(null)]))`), [[1]]);
  assert.deepEqual(await rows(`datatable(x:string)["a", "b"] | where x in~ ((datatable(y:string)["A"]))`), [['a']]);
  assert.deepEqual(await rows(`datatable(x:long)[1, 2] | where x !in ((datatable(y:string)["1", ""]))`), [[2]]);
});
