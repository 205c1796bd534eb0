/**
 * The display API of cells (display, display.html/markdown/vegalite/json/clear/progress) and
 * results of Displayable values, as the events the protocol worker turns into iopub messages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExecEvent } from '../src/types.ts';
import { startHarness } from './exec-harness.ts';

const h = startHarness();

type DisplayEvent = Extract<ExecEvent, { type: 'display' }>;
const displays = (events: ExecEvent[]) => events.filter((e): e is DisplayEvent => e.type === 'display');

test('display(value) shows text/plain as inspect; display(Displayable) shows its own bundle', async () => {
  const r = await h.run([
    "display({ a: 1 })",
    "const rich = { [Symbol.for('huntbook.display')]() { return { data: { 'text/html': '<i>rich</i>', 'text/plain': 'rich' } } } }",
    'display(rich)',
  ].join('\n'));
  const d = displays(r.events);
  assert.equal(d.length, 2);
  assert.deepEqual(d[0].bundle.data, { 'text/plain': '{ a: 1 }' });
  assert.deepEqual(d[1].bundle.data, { 'text/html': '<i>rich</i>', 'text/plain': 'rich' });
  assert.equal(d[0].update, false);
});

test('a Displayable last value is the result with its own bundle', async () => {
  const r = await h.run('rich');
  const result = r.events.find((e) => e.type === 'result');
  assert.ok(result && result.type === 'result');
  assert.deepEqual(result.bundle.data, { 'text/html': '<i>rich</i>', 'text/plain': 'rich' });
});

test('typed displays: html, markdown, vegalite, json', async () => {
  const r = await h.run([
    "display.html('<b>bold</b>')",
    "display.markdown('# Title')",
    "display.vegalite({ $schema: 'https://vega.github.io/schema/vega-lite/v5.json', title: 'T', mark: 'bar', data: { values: [] } })",
    'display.json({ k: [1, 2] })',
  ].join('\n'));
  const d = displays(r.events).map((e) => e.bundle.data);
  assert.deepEqual(d[0], { 'text/html': '<b>bold</b>', 'text/plain': '<HTML>' });
  assert.deepEqual(d[1], { 'text/markdown': '# Title', 'text/plain': '# Title' });
  assert.equal((d[2]['application/vnd.vegalite.v5+json'] as { mark: string }).mark, 'bar');
  assert.equal(d[2]['text/plain'], '<Vega-Lite chart: T>');
  assert.deepEqual(d[3], { 'application/json': { k: [1, 2] }, 'text/plain': '{ k: [ 1, 2 ] }' });
});

test('display returns a handle whose update sends update_display_data with the same display_id', async () => {
  const r = await h.run("const handle = display('first', { id: 'mine' })\nhandle.update('second')\nhandle.id");
  const d = displays(r.events);
  assert.equal(r.result, "'mine'");
  assert.deepEqual(d.map((e) => [e.update, e.bundle.transient?.display_id, e.bundle.data['text/plain']]), [
    [false, 'mine', "'first'"],
    [true, 'mine', "'second'"],
  ]);
});

test('a cell ending in display(x) or display.progress shows no result (the handle is not output)', async () => {
  const r = await h.run("display('once')");
  assert.equal(displays(r.events).length, 1);
  assert.equal(r.events.some((e) => e.type === 'result'), false);
  const p = await h.run("display.progress('x')");
  assert.equal(p.events.some((e) => e.type === 'result'), false);
});

test('display.clear(wait) posts clear_output', async () => {
  const r = await h.run("display.clear(true)\ndisplay.clear()");
  const clears = r.events.filter((e) => e.type === 'clear');
  assert.deepEqual(clears.map((e) => e.type === 'clear' && e.wait), [true, false]);
});

test('display.progress sends one display, then updates of it', async () => {
  const r = await h.run([
    "const p = display.progress('Loading', 4)",
    'for (let i = 1; i <= 4; i++) p.update(i)',
    "p.done('all rows')",
  ].join('\n'));
  const d = displays(r.events);
  assert.equal(d.length, 6);
  assert.equal(d[0].update, false);
  assert.ok(d.slice(1).every((e) => e.update), 'everything after the first display is an update');
  const ids = new Set(d.map((e) => e.bundle.transient?.display_id));
  assert.equal(ids.size, 1, 'one display_id');
  assert.equal(d[0].bundle.data['text/plain'], 'Loading: 0/4 (0%)');
  assert.equal(d[2].bundle.data['text/plain'], 'Loading: 2/4 (50%)');
  assert.equal(d[5].bundle.data['text/plain'], 'Loading: 4/4 (100%) done all rows');
  assert.match(d[2].bundle.data['text/html'] as string, /<progress value="2" max="4"><\/progress>/);
});

test('display.json of a value without JSON form is an error that names it', async () => {
  const r = await h.run('display.json(undefined)');
  assert.equal(r.done.status, 'error');
  assert.match(r.done.error!.evalue, /display\.json: undefined has no JSON form/);
});
