/**
 * IPython's help syntax in a cell (`x?`, `?x`, `x??`): the cell is not run, its 'done' carries
 * a pager payload with the inspect text; code that only looks alike (`a ?? b`, `a?.b`) runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './exec-harness.ts';
import { pageRequest } from '../src/exec/pager.ts';

const h = startHarness();

type Page = { source: string; data: Record<string, string>; start: number };

test('x? and ?x page the inspect text of a variable; the cell is not run', async () => {
  await h.run('const suspects = ["web01", "db02"]');
  for (const code of ['suspects?', '?suspects', '  suspects ?\n']) {
    const r = await h.run(code);
    assert.equal(r.done.status, 'ok', code);
    assert.equal(r.result, undefined);
    const payload = r.done.payload as Page[];
    assert.equal(payload.length, 1, code);
    assert.equal(payload[0]!.source, 'page');
    assert.equal(payload[0]!.start, 0);
    assert.equal(payload[0]!.data['text/plain'], "suspects: Array\n[ 'web01', 'db02' ]");
  }
});

test('x?? adds a function\'s source; a dotted path works', async () => {
  await h.run('function score(hits: number) { return hits * 2 }');
  const short = (await h.run('score?')).done.payload as Page[];
  assert.doesNotMatch(short[0]!.data['text/plain']!, /return hits \* 2/);
  const long = (await h.run('score??')).done.payload as Page[];
  assert.match(long[0]!.data['text/plain']!, /^score: function\n[\s\S]*return hits \* 2/);
  const dotted = (await h.run('Math.max?')).done.payload as Page[];
  assert.match(dotted[0]!.data['text/plain']!, /^Math\.max: function/);
});

test('an unknown name says so on stdout, with no payload', async () => {
  const r = await h.run('noSuchThing?');
  assert.equal(r.done.status, 'ok');
  assert.equal(r.done.payload, undefined);
  assert.equal(r.stdout, 'Object `noSuchThing` not found.\n');
});

test('code with ?? ?. and ?: is run, not paged', async () => {
  assert.equal(pageRequest('a ?? b'), undefined);
  assert.equal(pageRequest('a?.b'), undefined);
  assert.equal(pageRequest('a ? b : c'), undefined);
  assert.equal((await h.run('const maybe: string | undefined = undefined\nmaybe ?? "fallback"')).result, "'fallback'");
  assert.equal((await h.run('suspects?.length')).result, '2');
});
