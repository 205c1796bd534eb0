/** top-nested: nested top-N groups, Kusto's column names, with others buckets, asc/desc. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, schema, error } from './helpers.ts';

// logons: three hosts, users per host, processes
const Ev = `datatable(Host:string, User:string, Proc:string, Bytes:long)[
  'dc1', 'alice', 'cmd',   10,
  'dc1', 'alice', 'ps',     3,
  'dc1', 'bob',   'cmd',    4,
  'ws7', 'carol', 'ps',     5,
  'ws9', 'dave',  'ps',     1,
  'dc1', 'alice', 'cmd',    2]`;

test('top-nested names the columns like Kusto and keeps the top groups of each level', async () => {
  const q = `${Ev} | top-nested 2 of Host by count(), top-nested 1 of User by sum(Bytes)`;
  assert.deepEqual(await schema(q), ['Host:string', 'aggregated_Host:long', 'User:string', 'aggregated_User:long']);
  // ranked level by level (dc1 has 4 rows; ws7 and ws9 tie at 1, the tie goes to the smaller value)
  assert.deepEqual(await rows(q), [['dc1', 4, 'alice', 15], ['ws7', 1, 'carol', 5]]);
});

test('named values and aggregates, asc, expressions and algebraic aggregations', async () => {
  assert.deepEqual(await schema(`${Ev} | top-nested 1 of h = toupper(Host) by n = count() asc`), ['h:string', 'n:long']);
  assert.deepEqual(await rows(`${Ev} | top-nested 2 of Host by n = count() asc`), [['ws7', 1], ['ws9', 1]]);
  assert.deepEqual(await rows(`${Ev} | top-nested 2 of bin(Bytes, 4) by avg_b = sum(Bytes) / count()`), [[8, 10], [4, 4]]);
  assert.deepEqual(await schema(`${Ev} | top-nested 1 of strlen(User) by avg(Bytes)`), ['strlen_User:long', 'aggregated_strlen_User:real']);
  assert.deepEqual(await rows(`${Ev} | top-nested of Host by dcount(User) | order by Host asc`), [['dc1', 2], ['ws7', 1], ['ws9', 1]]);
});

test('without N every value is kept: extra columns as in the documented Ignore=max(1) pattern', async () => {
  const q = `${Ev} | top-nested of Host by Ignore0 = max(1), top-nested 1 of Bytes by Ignore1 = max(Bytes), top-nested of Proc by Ignore2 = max(1) | project-away Ignore*`;
  assert.deepEqual(await schema(q), ['Host:string', 'Bytes:long', 'Proc:string']);
  assert.deepEqual(await rows(`${q} | order by Host asc`), [['dc1', 10, 'cmd'], ['ws7', 5, 'ps'], ['ws9', 1, 'ps']]);
});

test('with others: a bucket of the rest at its level, aggregated over its rows', async () => {
  assert.deepEqual(await rows(`${Ev} | top-nested 1 of Host with others = 'other hosts' by sum(Bytes)`), [['dc1', 19], ['other hosts', 6]]);
  // every level of the bucket below it shows the others value (or nulls when that level has none)
  const q = `${Ev} | top-nested 1 of Host with others = 'H*' by sum(Bytes), top-nested 1 of User by sum(Bytes), top-nested 1 of Proc with others = 'P*' by sum(Bytes)`;
  assert.deepEqual(await rows(q), [
    ['dc1', 19, 'alice', 15, 'cmd', 12],
    ['dc1', 19, 'alice', 15, 'P*', 3],
    ['dc1', 19, '', null, 'P*', 4],
    ['H*', 6, '', null, 'P*', 6],
  ]);
  // a non-string others value, and nothing left over: no bucket
  assert.deepEqual(await rows(`${Ev} | top-nested 2 of Bytes with others = -1 by count()`), [[1, 1], [2, 1], [-1, 4]]);
  assert.deepEqual(await rows(`${Ev} | top-nested 5 of Host with others = 'x' by count()`), [['dc1', 4], ['ws7', 1], ['ws9', 1]]);
});

test('null values are a group; an empty input gives no rows; later operators work on the result', async () => {
  const T = `datatable(k:long, v:long)[1, 5, long(null), 7, long(null), 1, 2, 1]`;
  assert.deepEqual(await rows(`${T} | top-nested 2 of k by sum(v)`), [[null, 8], [1, 5]]);
  assert.deepEqual(await rows(`${Ev} | where Bytes > 100 | top-nested 2 of Host with others = 'x' by count()`), []);
  assert.deepEqual(await rows(`${Ev} | top-nested 3 of Host by s = sum(Bytes) | where s > 2 | summarize total = sum(s)`), [[24]]);
  assert.deepEqual(await rows(`${Ev} | top-nested 2 of User by count() | extend u = toupper(User) | project u`), [['ALICE'], ['BOB']]);
});

test('top-nested refusals', async () => {
  assert.match((await error(`${Ev} | top-nested 2 of Host by Bytes`)).code, /^KS/); // Kusto.Language: not an aggregate
  assert.match((await error(`${Ev} | top-nested 2 of Host with others = Host by count()`)).message, /others value must be a constant/);
  const nulls = await error(`${Ev} | top-nested 2 of Host by count() desc nulls first`);
  assert.equal(nulls.code, 'HB001');
  assert.match(nulls.message, /nulls first\/last in top-nested/);
});
