/**
 * complete_request and inspect_request against the live kernel: variable and global names,
 * members after a dotted path (without calling anything), the value at the cursor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './exec-harness.ts';

const h = startHarness();

test('names: kernel variables first, then JS globals, with the replaced range', async () => {
  await h.run('const myValue = 1\nfunction myFunction() {}\nclass MyClass {}');
  const r = await h.ask({ type: 'complete', code: 'x = myV', cursorPos: 7 });
  assert.deepEqual(r, { matches: ['myValue'], cursor_start: 4, cursor_end: 7, metadata: {}, status: 'ok' });
  const g = await h.ask({ type: 'complete', code: 'JSO', cursorPos: 3 });
  assert.deepEqual(g.matches, ['JSON']);
  const m = await h.ask({ type: 'complete', code: 'my', cursorPos: 2 });
  assert.deepEqual((m.matches as string[]).slice(0, 2), ['myFunction', 'myValue']);
});

test('the cursor inside a word replaces the whole word', async () => {
  const r = await h.ask({ type: 'complete', code: 'myVa + 1', cursorPos: 2 });
  assert.equal(r.cursor_start, 0);
  assert.equal(r.cursor_end, 4);
  assert.ok((r.matches as string[]).includes('myValue'));
});

test('members after a dotted path, own and inherited', async () => {
  await h.run('const deep = { inner: { alpha: 1, beta: [1, 2] } }');
  const r = await h.ask({ type: 'complete', code: 'deep.inner.', cursorPos: 11 });
  assert.deepEqual(r.matches, ['alpha', 'beta']);
  assert.equal(r.cursor_start, 11);
  const arr = await h.ask({ type: 'complete', code: 'deep.inner.beta.fil', cursorPos: 19 });
  assert.deepEqual(arr.matches, ['fill', 'filter']);
  assert.equal(arr.cursor_start, 16);
  const str = await h.ask({ type: 'complete', code: '"x"; Math.ma', cursorPos: 12 });
  assert.deepEqual(str.matches, ['max']);
});

test('resolving a path only reads properties: a function on the path is not called', async () => {
  await h.run('let calls = 0\nconst lazy = { get value() { calls++; return { z: 1 } }, fn() { calls += 100; return { w: 1 } } }');
  const viaCall = await h.ask({ type: 'complete', code: 'lazy.fn().', cursorPos: 10 });
  assert.deepEqual(viaCall.matches, [], 'a call is not a path');
  assert.equal((await h.run('calls')).result, '0');
});

test('an unknown path has no members', async () => {
  const r = await h.ask({ type: 'complete', code: 'nothingHere.x', cursorPos: 13 });
  assert.deepEqual(r.matches, []);
});

test('inspect: the type and inspect of the identifier at the cursor', async () => {
  const r = await h.ask({ type: 'inspect', code: 'deep.inner.alpha + 1', cursorPos: 12, detailLevel: 0 });
  assert.deepEqual(r, { status: 'ok', found: true, data: { 'text/plain': 'deep.inner.alpha: number\n1' }, metadata: {} });
  const f = await h.ask({ type: 'inspect', code: 'myFunction', cursorPos: 3, detailLevel: 1 });
  assert.equal(f.found, true);
  assert.match((f.data as Record<string, string>)['text/plain'], /^myFunction: function\n\[Function: myFunction\]\n\nfunction myFunction\(\) \{\}/);
  const c = await h.ask({ type: 'inspect', code: 'new MyClass()', cursorPos: 6, detailLevel: 0 });
  assert.match((c.data as Record<string, string>)['text/plain'], /^MyClass: class/);
  const none = await h.ask({ type: 'inspect', code: 'notDefinedAnywhere', cursorPos: 3, detailLevel: 0 });
  assert.deepEqual(none, { status: 'ok', found: false, data: {}, metadata: {} });
});
