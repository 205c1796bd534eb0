/** parse and parse-where: simple, relaxed and regex kinds, typed captures, wildcards. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, schema, error } from './helpers.ts';

const Logs = `datatable(Line:string)[
  'user=alice id=12 at=2024-03-01T10:00:00Z msg=login ok',
  'user=bob id=x7 at=2024-03-02T11:30:00Z msg=denied',
  'garbage line',
  'user=carol id=-3 at=not-a-date msg=slow, very slow']`;

test('simple parse: literal delimiters, first occurrence wins, typed captures, * skips', async () => {
  assert.deepEqual(await schema(`${Logs} | parse Line with "user=" User " id=" Id:long " at=" At:datetime " msg=" Msg`),
    ['Line:string', 'User:string', 'Id:long', 'At:datetime', 'Msg:string']);
  assert.deepEqual(await rows(`${Logs} | parse Line with "user=" User " id=" Id:long " at=" At:datetime " msg=" Msg | project User, Id, At, Msg`), [
    ['alice', 12, '2024-03-01T10:00:00Z', 'login ok'],
    // strict: one capture that does not convert fails the whole row
    ['', null, null, ''],
    ['', null, null, ''],
    ['', null, null, ''],
  ]);
  assert.deepEqual(await rows(`print s = 'a,b,c' | parse s with x "," y | project x, y`), [['a', 'b,c']]);
  assert.deepEqual(await rows(`print s = 'k1=v1; k2=42; k3=v3' | parse s with * "k2=" v:int ";" * | project v`), [[42]]);
  // the pattern is anchored at the start: no leading * means the text must start with the literal
  assert.deepEqual(await rows(`print s = 'xx id=5' | parse s with "id=" v:long | project v`), [[null]]);
});

test('relaxed parse keeps the columns that convert', async () => {
  assert.deepEqual(await rows(`${Logs} | parse kind=relaxed Line with "user=" User " id=" Id:long " at=" At:datetime " msg=" Msg | project User, Id, At, Msg`), [
    ['alice', 12, '2024-03-01T10:00:00Z', 'login ok'],
    ['bob', null, '2024-03-02T11:30:00Z', 'denied'],
    ['', null, null, ''],
    ['carol', -3, null, 'slow, very slow'],
  ]);
});

test('parse-where drops rows that do not match', async () => {
  assert.deepEqual(await rows(`${Logs} | parse-where Line with "user=" User " id=" Id:long * | project User, Id`), [['alice', 12], ['carol', -3]]);
  assert.deepEqual(await rows(`${Logs} | parse-where kind=relaxed Line with "user=" User " id=" Id:long * | project User, Id`), [['alice', 12], ['bob', null], ['carol', -3]]);
});

test('regex parse: literals are regexes, string captures greedy, flags i and U', async () => {
  const q = `print s = 'Key=AB, Other=CD, end'`;
  assert.deepEqual(await rows(`${q} | parse kind=regex s with * "Key=" v "," * | project v`), [['AB, Other=CD']]);
  assert.deepEqual(await rows(`${q} | parse kind=regex flags=U s with * "Key=" v "," * | project v`), [['AB']]);
  assert.deepEqual(await rows(`${q} | parse kind=regex s with * "KEY=" v "," * | project v`), [['']]);
  assert.deepEqual(await rows(`${q} | parse kind=regex flags=Ui s with * "KEY=" v "," * | project v`), [['AB']]);
  // the user's own groups do not shift the captures
  assert.deepEqual(await rows(`print s = 'a1b22c' | parse kind=regex s with "(a)" x:long "(b|z)" y:long "[c]" | project x, y`), [[1, 22]]);
  assert.deepEqual(await rows(`print s = 'n=5' | parse-where kind=regex s with @"\\w=" v:long | project v`), [[5]]);
});

test('regex parse with flags=s crosses lines; without it . stops at a new line', async () => {
  const q = `print s = 'name=x\\ncount=3'`;
  assert.deepEqual(await rows(`${q} | parse kind=regex flags=s s with "name=" n "(.*?)count=" c:long | project n, c`), [['x\n', 3]]);
  assert.deepEqual(await rows(`${q} | parse kind=regex s with "name=" n "(.*?)count=" c:long | project n, c`), [['', null]]);
});

test('parse converts a non-string source to text and reads US dates', async () => {
  assert.deepEqual(await rows(`print n = 12345 | parse n with a:long "3" b:long | project a, b`), [[12, 45]]);
  assert.deepEqual(await rows(`print s = 'at 02/17/2016 08:40:01 end' | parse s with "at " t:datetime " end" | project t`), [['2016-02-17T08:40:01Z']]);
});

test('parse refuses what it cannot do exactly', async () => {
  const e = await error(`print s = 'a' | parse s with s2 "x" s`);
  assert.equal(e.code, 'HB001');
  assert.match((await error(`print s = 'a' | parse kind=regex flags=x s with x2 "a"`)).message, /flag 'x'/);
});
