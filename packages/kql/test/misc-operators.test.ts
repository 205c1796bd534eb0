/** sample, sample-distinct, invoke, materialize, toscalar, as, getschema, project-away/keep/reorder wildcards, range, print, datatable. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, schema, error, value } from './helpers.ts';

test('sample N returns N distinct input rows (all when N exceeds the input)', async () => {
  const r = (await rows('range x from 1 to 50 step 1 | sample 7')).flat() as number[];
  assert.equal(r.length, 7);
  assert.equal(new Set(r).size, 7);
  assert.ok(r.every((x) => x >= 1 && x <= 50));
  assert.equal((await rows('range x from 1 to 4 step 1 | sample 10')).length, 4);
  assert.deepEqual(await rows('range x from 1 to 4 step 1 | sample 0'), []);
});

test('sample-distinct N of Col gives up to N distinct values of the column', async () => {
  assert.deepEqual(await schema('range x from 1 to 20 step 1 | extend k = x % 4 | sample-distinct 2 of k'), ['k:long']);
  const r = (await rows('range x from 1 to 20 step 1 | extend k = x % 4 | sample-distinct 2 of k')).flat() as number[];
  assert.equal(r.length, 2);
  assert.equal(new Set(r).size, 2);
  assert.deepEqual((await rows('range x from 1 to 20 step 1 | extend k = x % 4 | sample-distinct 9 of k | order by k asc')).flat(), [0, 1, 2, 3]);
});

test('materialize computes once: both uses of a materialized sample see the same row', async () => {
  assert.deepEqual(await rows('let s = materialize(range x from 1 to 1000 step 1 | sample 1); union s, s | summarize dcount(x), count()'), [[1, 2]]);
  assert.deepEqual(await rows(`let m = materialize(range x from 1 to 100 step 1 | project r = rand());
    print d = toscalar(m | summarize sum(r)) - toscalar(m | summarize sum(r))`), [[0]]);
});

test('toscalar of a let-bound table and of an empty result', async () => {
  assert.deepEqual(await rows(`let t = range x from 1 to 5 step 1; print toscalar(t | summarize max(x)), toscalar(t | where x > 9 | count)`), [[5, 0]]);
  assert.deepEqual(await rows(`let t = datatable(k:string, v:long)['a', 1, 'b', 2]; let top1 = toscalar(t | top 1 by v | project k); t | where k == top1 | project v`), [[2]]);
});

test('invoke passes the piped table as the first parameter', async () => {
  const f = 'let above = (T:(x:long), k:long, extra:long = 0) { T | where x > k + extra | summarize n = count(), s = sum(x) };';
  assert.deepEqual(await rows(`${f} range x from 1 to 10 step 1 | invoke above(7)`), [[3, 27]]);
  assert.deepEqual(await rows(`${f} range x from 1 to 10 step 1 | invoke above(5, 3)`), [[2, 19]]);
});

test('as names a result that later parts of the query can use', async () => {
  assert.deepEqual((await rows('range x from 1 to 3 step 1 | as R | where x > 1 | union (R | where x == 1) | order by x asc')).flat(), [1, 2, 3]);
});

test('getschema uses Kusto type names', async () => {
  assert.deepEqual(await rows('datatable(a:bool, b:int, c:long, d:real, e:decimal, f:string, g:datetime, h:timespan, i:dynamic, j:guid)[] | getschema'), [
    ['a', 0, 'System.SByte', 'bool'], ['b', 1, 'System.Int32', 'int'], ['c', 2, 'System.Int64', 'long'], ['d', 3, 'System.Double', 'real'],
    ['e', 4, 'System.Data.SqlTypes.SqlDecimal', 'decimal'], ['f', 5, 'System.String', 'string'], ['g', 6, 'System.DateTime', 'datetime'],
    ['h', 7, 'System.TimeSpan', 'timespan'], ['i', 8, 'System.Object', 'dynamic'], ['j', 9, 'System.Guid', 'guid'],
  ]);
});

test('project-away, project-keep and project-reorder take wildcards; reorder sorts with asc/desc', async () => {
  const p = "print Name='n', Age=3, AgeDays=1000, City='c'";
  assert.deepEqual(await schema(`${p} | project-away Age*`), ['Name:string', 'City:string']);
  assert.deepEqual(await schema(`${p} | project-keep Age*, City`), ['Age:long', 'AgeDays:long', 'City:string']);
  assert.deepEqual(await schema(`${p} | project-reorder City, Age*`), ['City:string', 'Age:long', 'AgeDays:long', 'Name:string']);
  assert.deepEqual(await rows(`print b=1, a2=2, a3=3, a1=4 | project-reorder a* desc`), [[3, 2, 4, 1]]);
  assert.deepEqual(await rows(`print b=1, a2=2, a3=3, a1=4 | project-reorder a* asc`), [[4, 2, 3, 1]]);
});

test('range with real and timespan steps, print without names, datatable of mixed types', async () => {
  assert.deepEqual((await rows('range x from 0.5 to 1.5 step 0.25')).flat(), [0.5, 0.75, 1, 1.25, 1.5]);
  assert.deepEqual((await rows('range t from 1h to 3h step 30m')).flat(), ['01:00:00', '01:30:00', '02:00:00', '02:30:00', '03:00:00']);
  assert.deepEqual((await rows('range d from datetime(2024-01-01) to datetime(2024-01-01 02:00) step 1h')).flat(),
    ['2024-01-01T00:00:00Z', '2024-01-01T01:00:00Z', '2024-01-01T02:00:00Z']);
  assert.deepEqual(await schema('print 1, "x", 2.5'), ['print_0:long', 'print_1:string', 'print_2:real']);
  assert.deepEqual(await rows(`datatable(a:long, b:string, c:dynamic, d:datetime, e:bool)[1, "x", dynamic([1,2]), datetime(2024-01-01), true, 2, "y", dynamic({"k":"v"}), datetime(null), false]`), [
    [1, 'x', [1, 2], '2024-01-01T00:00:00Z', true], [2, 'y', { k: 'v' }, null, false],
  ]);
});

test('count as a column name, where on dynamic properties, take after sort', async () => {
  assert.equal(await value('print count = 5 | project count'), 5);
  assert.deepEqual(await rows(`print d = dynamic({"a": {"b": [1, 2, "x"]}, "s": "str"}) | where d.a.b[2] == "x" and d["s"] == "str" | project v = d.a.b[0]`), [[1]]);
  assert.deepEqual(await rows(`datatable(d:dynamic)[dynamic({"n": 5}), dynamic({"n": 50}), dynamic({"m": 1})] | where toint(d.n) > 10`), [[{ n: 50 }]]);
  assert.deepEqual((await rows('range x from 1 to 100000 step 1 | extend y = (x * 7919) % 1000 | sort by y desc, x asc | take 3 | project x')).flat(), [321, 1321, 2321]);
});

test('distinct on a dynamic column is Kusto\'s own error; (a, b) = ... needs a multi-value function', async () => {
  assert.match((await error('datatable(a:dynamic)[dynamic(1)] | distinct a')).code, /^KS/);
  assert.match((await error('print x = 1 | extend (a, b) = (1, 2)')).code, /^KS/);
});
