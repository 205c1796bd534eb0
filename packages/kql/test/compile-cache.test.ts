/**
 * The compile cache: a repeated query skips parse, bind and plan, and now()/ago() stay bound to
 * each call's own instant. The cached SQL must be exactly what a fresh compile would give.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, clearCompileCache, type DatabaseSchema } from '@huntbook/kql';
import { db } from './helpers.ts';
import { BuildContext } from '../src/plan/context.ts';
import { nowLit } from '../src/plan/expr.ts';

const schema: DatabaseSchema = { name: 'db', tables: [{ name: 'Events', columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Account', type: 'string' }] }] };
const T1 = new Date('2026-01-01T00:00:00Z');
const T2 = new Date('2026-02-03T04:05:06.789Z');

test('a repeated query comes from the cache, with now() and ago() at the new instant', () => {
  clearCompileCache(schema);
  for (const q of [
    'Events | where TimeGenerated > ago(1d) | summarize count() by bin(TimeGenerated, 1h)',
    'Events | where TimeGenerated between (ago(2h) .. now()) | extend age = now() - TimeGenerated',
    'print a = now(-2h), b = startofday(now()), c = ago(totimespan("1d"))',
    'range t from ago(1h) to now() step 10m',
  ]) {
    const first = compile(q, { schema, now: T1 });
    assert.equal(first.cached, undefined, q);
    const again = compile(q, { schema, now: T2 });
    assert.equal(again.cached, true, q);
    assert.equal(again.timings.parse_ms, 0);
    assert.equal(again.sql, compile(q, { schema, now: T2, cache: false }).sql, q);
    assert.notEqual(again.sql, first.sql, `${q}: the instant must change`);
    assert.match(again.sql, /2026-02-0[23] \d\d:05:06\.789/);
  }
});

test('a now() literal records when a step reads its instant, which keeps the compile out of the cache', () => {
  const clock = { used: false, baked: false };
  const ctx = new BuildContext('print now()', 1000n, clock);
  const e = nowLit(ctx, -5n);
  assert.deepEqual(clock, { used: true, baked: false });
  assert.equal(e.k === 'lit' && e.now, -5n); // what dialects emit: the offset, not the instant
  assert.equal(clock.baked, false);
  assert.equal(e.k === 'lit' && e.value, 995n); // folding it into a constant pins the plan to this instant
  assert.equal(clock.baked, true);
});

test('queries with data-dependent steps are compiled afresh', () => {
  const q = "datatable(d:dynamic)[dynamic({'a':1})] | evaluate bag_unpack(d)";
  compile(q, { schema });
  const again = compile(q, { schema });
  assert.ok(again.discovery);
  assert.equal(again.cached, undefined);
});

test('cache entries are per schema, parameters and text', () => {
  clearCompileCache(schema);
  const q = 'declare query_parameters(user:string); Events | where Account == user';
  const a = compile(q, { schema, parameters: { user: 'alice' } });
  const b = compile(q, { schema, parameters: { user: 'bob' } });
  assert.equal(b.cached, undefined);
  assert.match(a.sql, /'alice'/);
  assert.match(b.sql, /'bob'/);
  assert.equal(compile(q, { schema, parameters: { user: 'alice' } }).cached, true);
  // another schema object (a changed database) does not see the first one's entries
  const other: DatabaseSchema = { name: 'db', tables: [{ name: 'Events', columns: [...schema.tables[0]!.columns, { name: 'Extra', type: 'long' }] }] };
  assert.equal(compile(q, { schema: other, parameters: { user: 'alice' } }).cached, undefined);
  assert.equal(compile('Events | take 1', { schema, cache: false }).cached, undefined);
});

test('errors are not cached: the same bad query fails the same way every time', () => {
  for (let i = 0; i < 2; i++) {
    assert.throws(() => compile('Events | where NoSuchColumn > 1', { schema }), /NoSuchColumn/);
  }
});

test('a string that looks like the now() placeholder stays text', async () => {
  const d = await db();
  const q = "print s = strcat('\\u0000NOW5\\u0000', 'x'), t = now()";
  await d.query(q, { now: T1 });
  const r = await d.query(q, { now: T2 });
  assert.equal(r.stats.cached, true);
  assert.equal(r.rows[0]![0], '\u0000NOW5\u0000x');
  assert.equal(r.rows[0]![1], '2026-02-03T04:05:06.789Z');
});

test('results through the store are the same cached or not', async () => {
  const d = await db();
  const q = 'range i from 1 to 5 step 1 | extend t = ago(1h * i) | where t > ago(3h) | project i, t';
  const cold = await d.query(q, { now: T2 });
  const warm = await d.query(q, { now: T2 });
  assert.equal(warm.stats.cached, true);
  assert.deepEqual(warm.rows, cold.rows);
  assert.deepEqual(warm.rows.map((r) => r[0]), [1, 2]);
});
