/** The notebook editor's pure parts: the model's edits, output merging, messages, shortcuts, the route. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromNbformat, toNbformat, newCell, insertCell, moveCell, deleteCell, undoDelete, changeKind, kindOf, splitKql, mergeOutputs, type NotebookDoc } from '../src/notebook/model.ts';
import { applyIopub, type OutputState } from '../src/notebook/outputs.ts';
import { executeRequest, parseMessage } from '../src/notebook/messages.ts';
import { handleKey, INITIAL, type KeyState, type Key } from '../src/notebook/shortcuts.ts';
import { parseHash, notebookHash } from '../src/app/route.ts';

const nb = (cells: unknown[]) => ({ nbformat: 4, nbformat_minor: 4, metadata: { kernelspec: { name: 'huntbook' } }, cells });

test('fromNbformat joins sources, gives missing or duplicate ids, and toNbformat writes 4.5', () => {
  const doc = fromNbformat(nb([
    { cell_type: 'markdown', source: ['# Hi\n', 'there'], metadata: {} },
    { id: 'x', cell_type: 'code', source: '%%kql\nT | take 1', metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: 'a' }], execution_count: 3 },
    { id: 'x', cell_type: 'code', source: 'let a = 1', metadata: {}, outputs: [], execution_count: null },
  ]));
  assert.equal(doc.cells[0]!.source, '# Hi\nthere');
  assert.equal(doc.cells[1]!.id, 'x');
  assert.notEqual(doc.cells[2]!.id, 'x');
  assert.ok(doc.cells[0]!.id.length >= 8);
  assert.deepEqual(doc.cells.map(kindOf), ['markdown', 'kql', 'typescript']);
  const out = toNbformat(doc) as { nbformat_minor: number; cells: Record<string, unknown>[] };
  assert.equal(out.nbformat_minor, 5);
  assert.equal(out.cells[1]!.execution_count, 3);
  assert.equal('outputs' in out.cells[0]!, false, 'markdown cells carry no outputs');
  assert.throws(() => fromNbformat({ nbformat: 3, cells: [] }, 'demo/a.ipynb'), /demo\/a\.ipynb is not an nbformat 4 notebook/);
});

test('insert, move, delete and undo delete keep order and ids', () => {
  let doc: NotebookDoc = fromNbformat(nb([]));
  const a = newCell('markdown', 'a'), b = newCell('kql', 'T'), c = newCell('typescript', 'c');
  doc = insertCell(insertCell(insertCell(doc, 0, a), 1, b), 2, c);
  assert.equal(b.source, '%%kql\nT');
  doc = moveCell(doc, c.id, -1);
  assert.deepEqual(doc.cells.map((x) => x.source), ['a', 'c', '%%kql\nT']);
  assert.equal(moveCell(doc, a.id, -1), doc, 'the first cell does not move up');
  const { doc: less, deleted } = deleteCell(doc, c.id);
  assert.equal(less.cells.length, 2);
  const back = undoDelete(less, deleted!);
  assert.deepEqual(back.cells.map((x) => x.id), doc.cells.map((x) => x.id));
});

test('changing kind adds or removes the %%kql line and drops outputs of markdown', () => {
  const code = { ...newCell('typescript', 'x'), outputs: [{ output_type: 'stream', name: 'stdout', text: 'o' }], execution_count: 1 };
  const kql = changeKind(code, 'kql');
  assert.equal(kql.source, '%%kql\nx');
  assert.equal(kql.outputs.length, 1);
  assert.equal(changeKind(kql, 'typescript').source, 'x');
  const md = changeKind(kql, 'markdown');
  assert.deepEqual([md.cell_type, md.source, md.outputs.length, md.execution_count], ['markdown', 'x', 0, null]);
  assert.deepEqual(splitKql('%%kql -quiet\nT\n| take 1'), { magic: '%%kql -quiet', body: 'T\n| take 1' });
});

test('mergeOutputs takes the server outputs of the named cells only', () => {
  const local = fromNbformat(nb([{ id: 'a', cell_type: 'code', source: '1', metadata: {}, outputs: [], execution_count: null }, { id: 'b', cell_type: 'code', source: 'edited', metadata: {}, outputs: [], execution_count: null }]));
  const server = fromNbformat(nb([{ id: 'a', cell_type: 'code', source: '1', metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: 'late' }], execution_count: 7 }, { id: 'b', cell_type: 'code', source: 'old', metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: 'x' }], execution_count: 2 }]));
  const merged = mergeOutputs(local, server, new Set(['a']));
  assert.equal(merged.cells[0]!.execution_count, 7);
  assert.equal(merged.cells[1]!.outputs.length, 0);
  assert.equal(merged.cells[1]!.source, 'edited', 'sources are never taken from the server');
  assert.equal(mergeOutputs(merged, server, new Set(['a'])), merged, 'unchanged when equal');
});

test('iopub: streams join, clear_output(wait) clears at the next output, display updates by id, errors', () => {
  const m = (msg_type: string, content: Record<string, unknown>) => ({ header: { msg_type }, content });
  let s: OutputState = { outputs: [], clearPending: false };
  s = applyIopub(s, m('stream', { name: 'stdout', text: 'a' }));
  s = applyIopub(s, m('stream', { name: 'stdout', text: 'b' }));
  s = applyIopub(s, m('stream', { name: 'stderr', text: 'e' }));
  assert.deepEqual(s.outputs.map((o) => o.text), ['ab', 'e']);
  s = applyIopub(s, m('clear_output', { wait: true }));
  assert.equal(s.outputs.length, 2);
  s = applyIopub(s, m('display_data', { data: { 'text/plain': '1' }, metadata: {}, transient: { display_id: 'd1' } }));
  assert.equal(s.outputs.length, 1);
  s = applyIopub(s, m('update_display_data', { data: { 'text/plain': '2' }, metadata: {}, transient: { display_id: 'd1' } }));
  assert.deepEqual((s.outputs[0]!.data as Record<string, unknown>)['text/plain'], '2');
  s = applyIopub(s, m('status', { execution_state: 'idle' }));
  assert.equal(s.outputs.length, 1);
  s = applyIopub(s, m('error', { ename: 'KqlError', evalue: 'bad', traceback: ['line 1'] }));
  assert.deepEqual(s.outputs[1], { output_type: 'error', ename: 'KqlError', evalue: 'bad', traceback: ['line 1'] });
  s = applyIopub(s, m('clear_output', { wait: false }));
  assert.equal(s.outputs.length, 0);
});

test('execute_request carries the cell id in metadata.cellId; frames parse back', () => {
  const msg = executeRequest('%%kql\nT', 'cell-1', 'sess');
  assert.equal(msg.channel, 'shell');
  assert.equal(msg.header.msg_type, 'execute_request');
  assert.equal(msg.header.session, 'sess');
  assert.deepEqual(msg.metadata, { cellId: 'cell-1' });
  assert.equal(msg.content.code, '%%kql\nT');
  assert.deepEqual(parseMessage(JSON.stringify(msg))?.header.msg_id, msg.header.msg_id);
  assert.equal(parseMessage('not json'), undefined);
  assert.equal(parseMessage(JSON.stringify({ content: {} })), undefined);
});

test('shortcuts: modes, D D, run keys, and keys left to the editor', () => {
  const run = (keys: Key[], from: KeyState = INITIAL) => {
    let st = from; const actions: (string | undefined)[] = [];
    for (const k of keys) { const r = handleKey(st, k); st = r.state; actions.push(r.action); }
    return { st, actions };
  };
  assert.deepEqual(run([{ key: 'd' }, { key: 'd' }]).actions, [undefined, 'delete']);
  assert.deepEqual(run([{ key: 'd' }, { key: 'x' }, { key: 'd' }]).actions, [undefined, undefined, undefined], 'D then another key starts over');
  const e = run([{ key: 'Enter' }]);
  assert.equal(e.st.mode, 'edit');
  assert.equal(handleKey(e.st, { key: 'a' }).handled, false, 'typing in edit mode is the editor\'s');
  assert.equal(handleKey(e.st, { key: 'Escape' }).state.mode, 'command');
  assert.deepEqual(handleKey(e.st, { key: 'Enter', shift: true }), { state: { mode: 'command', pendingD: false }, action: 'run-next', handled: true });
  assert.equal(handleKey(e.st, { key: 'Enter', ctrl: true }).action, 'run');
  assert.deepEqual(run([{ key: 'a' }, { key: 'b' }, { key: 'm' }, { key: 'y' }, { key: 'z' }, { key: 'j' }, { key: 'k' }]).actions,
    ['insert-above', 'insert-below', 'to-markdown', 'to-code', 'undo-delete', 'select-next', 'select-prev']);
  assert.equal(handleKey(INITIAL, { key: 'c', ctrl: true }).handled, false, 'copy stays the browser\'s');
});

test('the address: #/nb/<path> opens a notebook, other hashes pick tabs', () => {
  assert.deepEqual(parseHash('#/nb/demo/Users/me/a%20b.ipynb'), { tab: 'notebooks', notebook: 'demo/Users/me/a b.ipynb' });
  assert.equal(notebookHash('demo/Users/me/a b#.ipynb'), '#/nb/demo/Users/me/a%20b%23.ipynb');
  assert.deepEqual(parseHash(notebookHash('x/y z.ipynb')), { tab: 'notebooks', notebook: 'x/y z.ipynb' });
  assert.deepEqual(parseHash('#/logs'), { tab: 'logs' });
  assert.deepEqual(parseHash(''), { tab: 'notebooks' });
});
