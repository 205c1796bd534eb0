/** declare query_parameters: values supplied by the caller as typed literals, defaults, and clear errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { db, NOW } from './helpers.ts';
import { KqlError } from '@huntbook/kql';

async function run(q: string, parameters: Record<string, string | number | boolean | null>) {
  return (await db()).query(q, { now: NOW, parameters });
}

test('supplied values are typed by the declaration; defaults fill the rest', async () => {
  const q = `declare query_parameters(n:long, who:string, since:datetime = datetime(2024-01-01), d:dynamic = dynamic([1]));
print n + 1, who, since, d`;
  const r = await run(q, { n: '41', who: "o'brien; drop table x" });
  assert.deepEqual(r.rows, [[42, "o'brien; drop table x", '2024-01-01T00:00:00Z', [1]]]);
  const r2 = await run(q, { n: 1, who: 'a', since: 'datetime(2024-05-01 10:00)', d: '{"a": 1}' });
  assert.deepEqual(r2.rows, [[2, 'a', '2024-05-01T10:00:00Z', { a: 1 }]]);
});

test('a missing or badly typed value is an error that names the parameter', async () => {
  const q = 'declare query_parameters(n:long); print n';
  await assert.rejects(run(q, {}), (e: unknown) => e instanceof KqlError && /'n' has no value/.test(e.message));
  await assert.rejects(run(q, { n: '1; drop' }), (e: unknown) => e instanceof KqlError && /'n' needs a long/.test(e.message));
});
