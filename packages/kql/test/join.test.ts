/** join (every kind, keys, output naming) and lookup. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, schema, error, db } from './helpers.ts';

const LR = `let L = datatable(K:string, A:long)['p',1, 'q',2, 'q',3, 'r',4, '',5];
let R = datatable(K:string, B:long)['q',10, 'r',20, 'r',30, 's',40, '',50];`;

/** rows sorted by their JSON text (join output order is not defined) */
async function sorted(q: string): Promise<unknown[][]> {
  return (await rows(q)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

test('the default kind is innerunique: one left row per key, then an inner join', async () => {
  const r = await sorted(`${LR} L | join R on K`);
  assert.equal(r.length, 4); // '' x1, q x1 (deduplicated left), r x2
  assert.deepEqual(r.map((x) => [x[0], x[2], x[3]]), [['', '', 50], ['q', 'q', 10], ['r', 'r', 20], ['r', 'r', 30]]);
  assert.ok([2, 3].includes(r[1]![1] as number));
  assert.deepEqual(await schema(`${LR} L | join R on K`), ['K:string', 'A:long', 'K1:string', 'B:long']);
});

test('inner keeps every matching pair', async () => {
  assert.deepEqual(await sorted(`${LR} L | join kind=inner R on K | where K != ''`), [
    ['q', 2, 'q', 10], ['q', 3, 'q', 10], ['r', 4, 'r', 20], ['r', 4, 'r', 30],
  ]);
});

test('outer joins fill the missing side with nulls and empty strings', async () => {
  assert.deepEqual(await sorted(`${LR} L | join kind=leftouter R on K | where K in ('p', 'q')`), [
    ['p', 1, '', null], ['q', 2, 'q', 10], ['q', 3, 'q', 10],
  ]);
  assert.deepEqual(await sorted(`${LR} L | join kind=rightouter R on K | where K1 == 's'`), [['', null, 's', 40]]);
  const full = await sorted(`${LR} L | join kind=fullouter R on K`);
  assert.equal(full.length, 7);
  assert.deepEqual(full.filter((x) => x[0] === 'p' || x[2] === 's'), [['', null, 's', 40], ['p', 1, '', null]]);
  // comparisons after the join already see '' rather than null
  assert.deepEqual(await rows(`${LR} L | join kind=leftouter R on K | where isempty(K1) and isnotempty(K) | project K, isnull(K1), strlen(K1)`), [['p', false, 0]]);
});

test('semi and anti joins return one side only', async () => {
  assert.deepEqual(await sorted(`${LR} L | join kind=leftsemi R on K`), [['', 5], ['q', 2], ['q', 3], ['r', 4]]);
  assert.deepEqual(await sorted(`${LR} L | join kind=rightsemi R on K`), [['', 50], ['q', 10], ['r', 20], ['r', 30]]);
  assert.deepEqual(await rows(`${LR} L | join kind=leftanti R on K`), [['p', 1]]);
  assert.deepEqual(await rows(`${LR} L | join kind=anti R on K`), [['p', 1]]);
  assert.deepEqual(await rows(`${LR} L | join kind=leftantisemi R on K`), [['p', 1]]);
  assert.deepEqual(await rows(`${LR} L | join kind=rightanti R on K`), [['s', 40]]);
  assert.deepEqual(await schema(`${LR} L | join kind=rightanti R on K`), ['K:string', 'B:long']);
});

test('null keys never match', async () => {
  const T = `let X = datatable(k:long, a:string)[1,'x', long(null),'nx'];
let Y = datatable(k:long, b:string)[1,'y', long(null),'ny'];`;
  assert.deepEqual(await rows(`${T} X | join kind=inner Y on k`), [[1, 'x', 1, 'y']]);
  assert.deepEqual(await rows(`${T} X | join kind=leftanti Y on k`), [[null, 'nx']]);
  assert.deepEqual(await sorted(`${T} X | join kind=fullouter Y on k`), [[1, 'x', 1, 'y'], [null, '', null, 'ny'], [null, 'nx', null, '']]);
});

test('$left / $right keys, several keys with commas and and', async () => {
  const T = `let X = datatable(a:long, b:string, v:long)[1,'u',100, 1,'w',200, 2,'u',300];
let Y = datatable(c:long, b:string, w:long)[1,'u',7, 2,'w',8, 2,'u',9];`;
  assert.deepEqual(await sorted(`${T} X | join kind=inner Y on $left.a == $right.c`), [
    [1, 'u', 100, 1, 'u', 7], [1, 'w', 200, 1, 'u', 7], [2, 'u', 300, 2, 'w', 8], [2, 'u', 300, 2, 'u', 9],
  ].sort((p, q) => JSON.stringify(p).localeCompare(JSON.stringify(q))));
  assert.deepEqual(await schema(`${T} X | join kind=inner Y on $left.a == $right.c`), ['a:long', 'b:string', 'v:long', 'c:long', 'b1:string', 'w:long']);
  assert.deepEqual(await sorted(`${T} X | join kind=inner Y on $left.a == $right.c, b | project v, w`), [[100, 7], [300, 9]]);
  assert.deepEqual(await sorted(`${T} X | join kind=inner Y on $left.a == $right.c and $left.b == $right.b | project v, w`), [[100, 7], [300, 9]]);
});

test('the right side can be a pipeline, a let-bound table or a stored table', async () => {
  const T = `let X = datatable(k:long, s:string)[1,'a', 2,'b', 3,'c'];`;
  assert.deepEqual(await sorted(`${T} X | join kind=inner (X | where k > 1 | project k, t = strcat(s, s)) on k | project k, t`), [[2, 'bb'], [3, 'cc']]);
  const d = await db();
  await d.sql(`CREATE OR REPLACE TABLE JoinUsers (UserId BIGINT, Name VARCHAR)`);
  // the storage contract: an absent string is stored as '' (never NULL)
  await d.sql(`INSERT INTO JoinUsers VALUES (1, 'ann'), (2, ''), (3, 'cy')`);
  d.invalidateSchema();
  assert.deepEqual(await sorted(`${T} X | join kind=inner JoinUsers on $left.k == $right.UserId | project s, Name`), [['a', 'ann'], ['b', ''], ['c', 'cy']]);
  // an empty string is a key like any other
  assert.deepEqual(await rows(`print n = '' | join kind=inner JoinUsers on $left.n == $right.Name | project UserId`), [[2]]);
});

test('hint parameters are ignored and self-joins name duplicates A1', async () => {
  const T = `let X = datatable(k:long, v:long)[1,10, 2,20];`;
  assert.deepEqual(await sorted(`${T} X | join hint.strategy=broadcast kind=inner X on k`), [[1, 10, 1, 10], [2, 20, 2, 20]]);
  assert.deepEqual(await schema(`${T} X | join kind=inner X on k`), ['k:long', 'v:long', 'k1:long', 'v1:long']);
  assert.deepEqual(await rows(`${T} X | join kind=inner (X | extend v = v + 1) on k | where v1 - v == 1 | count`), [[2]]);
});

test('lookup: leftouter by default, inner on request, right keys not repeated', async () => {
  const T = `let F = datatable(Row:long, First:string, Last:string)[1,'ann','lee', 2,'bo','kim', 3,'cy','lee'];
let D = datatable(First:string, Last:string, Alias:string, N:long)['ann','lee','al',1, 'cy','lee','cl',3];`;
  assert.deepEqual(await schema(`${T} F | lookup D on First, Last`), ['Row:long', 'First:string', 'Last:string', 'Alias:string', 'N:long']);
  assert.deepEqual(await sorted(`${T} F | lookup D on First, Last`), [[1, 'ann', 'lee', 'al', 1], [2, 'bo', 'kim', '', null], [3, 'cy', 'lee', 'cl', 3]]);
  assert.deepEqual(await sorted(`${T} F | lookup kind=inner D on First, Last`), [[1, 'ann', 'lee', 'al', 1], [3, 'cy', 'lee', 'cl', 3]]);
  assert.deepEqual(await sorted(`${T} F | lookup (D | project-rename Given = First) on $left.First == $right.Given, Last | project Row, Alias`), [[1, 'al'], [2, ''], [3, 'cl']]);
});

test('documented join kinds give the documented rows', async () => {
  const XY = `let X = datatable(Key:string, Value1:long)['a',1, 'b',2, 'b',3, 'c',4];
let Y = datatable(Key:string, Value2:long)['b',10, 'c',20, 'c',30, 'd',40];`;
  assert.deepEqual(await sorted(`${XY} X | join kind=rightouter Y on Key`), [['', null, 'd', 40], ['b', 2, 'b', 10], ['b', 3, 'b', 10], ['c', 4, 'c', 20], ['c', 4, 'c', 30]]);
  assert.deepEqual(await sorted(`${XY} X | join kind=leftsemi Y on Key`), [['b', 2], ['b', 3], ['c', 4]]);
});

test('a join with a where clause: equalities are keys, anything else is refused', async () => {
  const T = `let X = datatable(k:long, v:long)[1,10, 2,20];`;
  assert.deepEqual(await sorted(`${T} X | join kind=inner (X | project k2 = k) where $left.k == $right.k2`), [[1, 10, 1], [2, 20, 2]]);
  const e = await error(`${T} X | join kind=inner (X | project k2 = k) where $left.k < $right.k2`);
  assert.equal(e.diagnostics[0]!.code, 'HB001');
  assert.match(e.message, /join condition/);
  // Kusto.Language itself rejects non-equality `on` conditions
  assert.match((await error(`${T} X | join kind=inner X on $left.k < $right.k`)).message, /join condition/);
});

test('a where right after an inner join filters the joined pairs (folded into the join)', async () => {
  const E = `let A = datatable(Host:string, T:long, Name:string)['h1',100,'a1', 'h1',200,'a2', 'h2',150,'a3', '',100,'a4'];
let Ev = datatable(Host:string, T:long, Name:string)['h1',90,'e1', 'h1',95,'e2', 'h1',150,'e3', 'h1',199,'e4', 'h2',10,'e5', '',99,'e6', '',101,'e7'];`;
  // right columns renamed by the join (Host1, T1, Name1) mixed with left ones in one condition
  const q = `${E} A | join kind=inner Ev on Host | where T1 between ((T - 20) .. T) and Name1 != 'e2'`;
  assert.deepEqual(await schema(q), ['Host:string', 'T:long', 'Name:string', 'Host1:string', 'T1:long', 'Name1:string']);
  assert.deepEqual(await sorted(`${q} | project Name, Name1`), [['a1', 'e1'], ['a2', 'e4'], ['a4', 'e6']]);
  // two wheres in a row, and a condition on one side only
  assert.deepEqual(await sorted(`${E} A | join kind=inner Ev on Host | where T1 < T | where Host == 'h1' | project Name, Name1`),
    [['a1', 'e1'], ['a1', 'e2'], ['a2', 'e1'], ['a2', 'e2'], ['a2', 'e3'], ['a2', 'e4']]);
  // a null condition drops the pair, as in where
  assert.deepEqual(await rows(`${E} A | join kind=inner Ev on Host | where T1 > long(null) | count`), [[0]]);
  // conditions that cannot go into the join (a subquery) still filter, after it
  assert.deepEqual(await sorted(`${E} A | join kind=inner Ev on Host | where T1 < T and Name1 in ((Ev | where T > 94 | project Name)) | project Name, Name1`),
    [['a1', 'e2'], ['a2', 'e2'], ['a2', 'e3'], ['a2', 'e4'], ['a4', 'e6']]);
  // lookup kind=inner: the right key is not in the output but still joins
  assert.deepEqual(await sorted(`${E} A | lookup kind=inner (Ev | project Host, T2 = T) on Host | where T2 > T | project Name, T2`),
    [['a1', 150], ['a1', 199], ['a4', 101]]);
});

test('innerunique and a following where: left conditions filter before the one-row-per-key pick', async () => {
  const LR2 = `let L = datatable(K:string, A:long)['q',2, 'q',3, 'r',4];
let R = datatable(K:string, B:long)['q',10, 'r',20, 'r',30];`;
  // Kusto documents (join-innerunique, filter pushdown) that a where on the left side reaches the
  // left input before the pick: A == 3 finds its q row whichever row the pick would have kept
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(await sorted(`${LR2} L | join R on K | where A == 3`), [['q', 3, 'q', 10]]);
    assert.deepEqual(await sorted(`${LR2} L | join R on K | where A != 2 and B < 25`), [['q', 3, 'q', 10], ['r', 4, 'r', 20]]);
  }
  // a condition on the right side, or on both, filters pairs after the pick: one q row at most
  assert.equal((await rows(`${LR2} L | join R on K | where B >= 10 | count`))[0]![0], 3);
  const both = await sorted(`${LR2} L | join R on K | where B > A * 4`);
  assert.equal(both.filter((x) => x[0] === 'q').length, 1);
  assert.deepEqual(both.filter((x) => x[0] === 'r'), [['r', 4, 'r', 20], ['r', 4, 'r', 30]]);
  // a condition without columns, or with rand(), is evaluated per pair
  assert.equal((await rows(`${LR2} L | join kind=inner R on K | where 1 == 1 | count`))[0]![0], 4);
  assert.equal((await rows(`${LR2} L | join kind=inner R on K | where rand() < 2 | count`))[0]![0], 4);
});

test('a where after an outer, semi or anti join is not a join condition', async () => {
  // in ON, `B > 15` would keep the unmatched left rows (with an empty right side); after the join it drops them
  assert.deepEqual(await sorted(`${LR} L | join kind=leftouter R on K | where B > 15`), [['', 5, '', 50], ['r', 4, 'r', 20], ['r', 4, 'r', 30]]);
  assert.deepEqual(await sorted(`${LR} L | join kind=rightouter R on K | where A > 2`), [['q', 3, 'q', 10], ['r', 4, 'r', 20], ['r', 4, 'r', 30], ['', 5, '', 50]].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
  assert.deepEqual(await sorted(`${LR} L | join kind=fullouter R on K | where isnull(A) or isnull(B)`), [['', null, 's', 40], ['p', 1, '', null]]);
  assert.deepEqual(await sorted(`${LR} L | join kind=leftouter R on K | where isnull(B)`), [['p', 1, '', null]]);
  assert.deepEqual(await sorted(`${LR} L | join kind=leftanti R on K | where A > 0`), [['p', 1]]);
  assert.deepEqual(await sorted(`${LR} L | join kind=leftsemi R on K | where A > 2`), [['', 5], ['q', 3], ['r', 4]]);
  assert.deepEqual(await sorted(`${LR} L | lookup R on K | where isnull(B)`), [['p', 1, null]]);
});
