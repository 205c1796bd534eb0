/** Core operators and Kusto semantics: where, project, extend, summarize, sort, take, top, let, print, range, datatable. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, schema, error, run } from './helpers.ts';

const T = `datatable(Name:string, N:long, R:real, T:datetime)[
  'a', 1, 1.5, datetime(2024-01-01),
  'b', 2, 2.5, datetime(2024-01-02),
  'a', 3, 3.5, datetime(2024-01-03),
  'c', long(null), real(null), datetime(null)]`;

test('where, project, extend keep Kusto column order and names', async () => {
  assert.deepEqual(await schema(`${T} | project Name, N * 2, strlen(Name)`), ['Name:string', 'Column1:long', 'strlen_Name:long']);
  assert.deepEqual(await rows(`${T} | where N > 1 | extend M = N + 1 | extend K = M * 10 | project Name, M, K`), [['b', 3, 30], ['a', 4, 40]]);
  assert.deepEqual(await schema(`${T} | extend N = tostring(N)`), ['Name:string', 'N:string', 'R:real', 'T:datetime']);
});

test('summarize names unnamed aggregates as Kusto does and types count as long, avg as real', async () => {
  assert.deepEqual(await schema(`${T} | summarize count(), sum(N), avg(N), max(T) by Name`), ['Name:string', 'count_:long', 'sum_N:long', 'avg_N:real', 'max_T:datetime']);
  assert.deepEqual(await rows(`${T} | summarize c = count(), s = sum(N) by Name | order by Name asc`), [['a', 2, 4], ['b', 1, 2], ['c', 1, null]]);
  assert.deepEqual(await rows(`${T} | summarize count()`), [[4]]);
  assert.deepEqual(await rows(`${T} | where N > 100 | summarize count()`), [[0]]);
});

test('summarize by bin of datetime and arg_max with *', async () => {
  assert.deepEqual(await rows(`${T} | where isnotnull(T) | summarize count() by bin(T, 2d) | order by T asc`), [['2023-12-31T00:00:00Z', 1], ['2024-01-02T00:00:00Z', 2]]);
  assert.deepEqual(await rows(`${T} | summarize arg_max(N, *) by Name | where Name == 'a'`), [['a', 3, 3.5, '2024-01-03T00:00:00Z']]);
  assert.deepEqual(await schema(`${T} | summarize arg_min(N, R) by Name`), ['Name:string', 'N:long', 'R:real']);
});

test('sort puts nulls first ascending and last descending', async () => {
  assert.deepEqual((await rows(`${T} | sort by N asc | project N`)).flat(), [null, 1, 2, 3]);
  assert.deepEqual((await rows(`${T} | sort by N desc | project N`)).flat(), [3, 2, 1, null]);
  assert.deepEqual((await rows(`${T} | order by N asc nulls last | project N`)).flat(), [1, 2, 3, null]);
  assert.deepEqual((await rows(`${T} | top 2 by N | project N`)).flat(), [3, 2]);
});

test('integer division truncates; modulo is never negative, as Kusto documents', async () => {
  assert.deepEqual(await rows('print 7 / 2, -7 / 2, 7.0 / 2'), [[3, -3, 3.5]]);
  assert.deepEqual(await rows('print 14 % 12, -14 % 12, 14 % -12, -14 % -12'), [[2, 10, 2, 10]]);
});

test('== and != with one null side are false and true; two nulls give null', async () => {
  const q = `datatable(v:int)[5, int(null)] | extend eq = v == int(null), ne = v != int(null), eq5 = v == 5, ne5 = v != 5, gt = v > 3`;
  assert.deepEqual(await rows(q), [[5, false, true, true, false, true], [null, null, null, false, true, null]]);
  assert.deepEqual(await rows(`datatable(v:int, s:string)[5, 'a', int(null), 'b'] | where v != 5 | project s`), [['b']]);
});

test('a string compared with a datetime is read as a datetime', async () => {
  assert.deepEqual(await rows(`print datetime(2024-01-01) == '2024-01-01', datetime(2024-01-01 10:00) == '2024-01-01T10:00:00Z'`), [[true, true]]);
});

test('strings are never null and has matches whole terms', async () => {
  assert.equal(await value(`print x = tostring(dynamic(null))`), '');
  assert.deepEqual(await rows(`print 'Hello World' has 'world', 'HelloWorld' has 'world', 'a-b.c' has 'b', 'ab' contains 'B', 'ab' contains_cs 'B'`), [[true, false, true, true, false]]);
  assert.deepEqual(await rows(`print isempty(''), isnull(''), isempty(long(null)), isnull(long(null))`), [[true, false, true, true]]);
});

test('datetime literals keep 100 ns ticks and timespans print in Kusto form', async () => {
  assert.deepEqual(await rows('print datetime(2024-01-01 10:00:00.1234567), 1.5d, -90m, 100tick'), [['2024-01-01T10:00:00.1234567Z', '1.12:00:00', '-01:30:00', '00:00:00.0000100']]);
  assert.deepEqual(await rows('print datetime(2024-01-02) - datetime(2024-01-01), datetime(2024-01-01) + 1h'), [['1.00:00:00', '2024-01-01T01:00:00Z']]);
});

test('let binds scalars, tables and functions with parameters', async () => {
  assert.deepEqual(await rows(`let x = 2; let t = ${T}; t | where N >= x | count`), [[2]]);
  assert.deepEqual(await rows(`let f = (n:long, s:string = 'z') { ${T} | where N > n | extend S = s | project Name, S }; f(2)`), [['a', 'z']]);
  assert.deepEqual(await rows(`let add = (a:long, b:long) { a + b }; print add(1, 2)`), [[3]]);
});

test('range is inclusive and serialize gives row_number/prev/next', async () => {
  assert.deepEqual((await rows('range x from 1 to 10 step 3')).flat(), [1, 4, 7, 10]);
  assert.deepEqual(await rows('range x from 1 to 3 step 1 | serialize r = row_number() | extend p = prev(x), n = next(x)'), [[1, 1, null, 2], [2, 2, 1, 3], [3, 3, 2, null]]);
});

test('render is kept as the visualization hint', async () => {
  const r = await run(`range x from 1 to 3 step 1 | extend y = x * 2 | render columnchart with (title='Counts', xcolumn=x)`);
  assert.equal(r.render?.kind, 'columnchart');
  assert.equal(r.render?.properties.title, 'Counts');
  assert.equal(r.rows.length, 3);
});

test('errors name what and where', async () => {
  const e = await error(`${T}\n| where Nope > 1`);
  assert.equal(e.line, 6);
  assert.match(e.message, /Nope/);
  const u = await error(`print x = 1 | evaluate python(typeof(*), 'x')`);
  assert.match(u.message, /not supported|python/i);
});

test('user functions take arguments by name and fill defaults', async () => {
  const f = `let f = (a:long, b:string = 'dflt', c:long = 0) { strcat(a, '-', b, '-', c) };`;
  assert.deepEqual(await rows(`${f} print f(c=7, a=12), f(12, c=7), f(1)`), [['12-dflt-7', '12-dflt-7', '1-dflt-0']]);
});

test('dynamic literals: nested dynamic(), single quotes, datetimes, nulls', async () => {
  assert.deepEqual(await value(`print dynamic({'a': dynamic({'b': -1}), "s": 'it\\'s', 't': datetime(2024-01-01), 'n': null, 'l': [1, 2.5, true]})`),
    { a: { b: -1 }, s: "it's", t: '2024-01-01T00:00:00Z', n: null, l: [1, 2.5, true] });
  assert.equal(await value('print isnull(dynamic(null))'), true);
});

test('pack_all makes a bag of the row', async () => {
  assert.deepEqual(await rows(`datatable(a:long, s:string)[1, 'x'] | project b = pack_all()`), [[{ a: 1, s: 'x' }]]);
});

test('extend and project-away on wide inputs keep every other column unchanged', async () => {
  const wide = `datatable(a:long, b:string, c:real, d:bool, e:long)[1, 'x', 1.5, true, 7]`;
  assert.deepEqual(await rows(`${wide} | extend b = strcat(b, '!'), f = a + e`), [[1, 'x!', 1.5, true, 7, 8]]);
  assert.deepEqual(await schema(`${wide} | project-away b, d`), ['a:long', 'c:real', 'e:long']);
  assert.deepEqual(await rows(`${wide} | project-away b, d`), [[1, 1.5, 7]]);
});

test('has with literal terms: whole terms, any case; has_any as one test', async () => {
  assert.deepEqual(await rows(`print 'a mimikatz b' has 'MIMIKATZ', 'amimikatz' has 'mimikatz', 'x.y z' has 'x.y', 'a b c' has_any ('q', 'C'), 'ab' has_any ('a'), 'AB' has_cs 'ab'`),
    [[true, false, true, true, false, false]]);
});
