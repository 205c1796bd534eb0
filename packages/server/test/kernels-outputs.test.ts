/**
 * Outputs live on the server: an execute_request with metadata.cellId, sent through a
 * notebook's session, has every output written into that cell, even when the socket closes
 * at once; reading the notebook through /api/contents afterwards shows all of it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, startTestServer, type TestServer } from './server-helpers.ts';
import { alive, KernelClient, kernelPids, until } from './kernels-helpers.ts';

let s: TestServer;
const pids: number[] = [];
before(async () => { s = await startTestServer(); });
after(async () => {
  await s.close();
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

const code = (id: string, source: string) => ({ id, cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null });

async function notebookWithSession(path: string, cells: unknown[]): Promise<string> {
  const put = await call(s, 'PUT', `/api/contents/${path}`, { type: 'notebook', format: 'json', content: { nbformat: 4, nbformat_minor: 5, metadata: {}, cells } });
  assert.ok(put.status === 200 || put.status === 201, JSON.stringify(put.json));
  const session = await call(s, 'POST', '/api/sessions', { path, name: path.split('/').pop(), type: 'notebook', kernel: { name: 'huntbook' } });
  assert.equal(session.status, 201, JSON.stringify(session.json));
  pids.push(...(await kernelPids(s, session.json.kernel.id)));
  return session.json.kernel.id as string;
}

async function cellOf(path: string, id: string): Promise<{ outputs: any[]; execution_count: number | null }> {
  const r = await call(s, 'GET', `/api/contents/${path}?content=1`);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json.content.cells.find((c: { id: string }) => c.id === id);
}

test('a cell printing for 2 s records all its output though the socket closed at once', async () => {
  const path = 'demo/Users/first/recorded.ipynb';
  const kernelId = await notebookWithSession(path, [
    code('slow', 'for (let i = 0; i < 20; i++) { console.log(`line ${i}`); await new Promise((r) => setTimeout(r, 100)); }\n"done"'),
    code('other', '1'),
  ]);
  const c = await KernelClient.connect(s, kernelId);
  c.execute('for (let i = 0; i < 20; i++) { console.log(`line ${i}`); await new Promise((r) => setTimeout(r, 100)); }\n"done"', { cellId: 'slow' });
  await c.waitFor((m) => m.header.msg_type === 'status' && m.content.execution_state === 'busy', 'busy');
  c.ws.terminate();
  // the kernel runs on; when it is idle and the recording written, the cell holds everything
  const cell = await until(async () => {
    const k = await call(s, 'GET', `/api/kernels/${kernelId}`);
    if (k.json.execution_state !== 'idle') return undefined;
    const found = await cellOf(path, 'slow');
    return found.outputs.some((o) => o.output_type === 'execute_result') ? found : undefined;
  }, 'the recorded outputs');
  assert.equal(typeof cell.execution_count, 'number');
  const streams = cell.outputs.filter((o) => o.output_type === 'stream');
  assert.equal(streams.length, 1, 'stream chunks merge into one output');
  assert.equal(streams[0].name, 'stdout');
  assert.equal(streams[0].text, Array.from({ length: 20 }, (_, i) => `line ${i}\n`).join(''));
  const result = cell.outputs.find((o) => o.output_type === 'execute_result');
  assert.equal(result.data['text/plain'], "'done'");
  assert.equal(result.execution_count, cell.execution_count);
  assert.deepEqual((await cellOf(path, 'other')).outputs, [], 'other cells are left alone');
});

test('errors are recorded; running again replaces the outputs, with clear_output(wait) and update_display_data applied', async () => {
  const path = 'demo/Users/first/errors.ipynb';
  const kernelId = await notebookWithSession(path, [code('e', 'throw new Error("boom")')]);
  const c = await KernelClient.connect(s, kernelId);
  await c.run('console.log("first run")');
  c.execute('throw new Error("boom")', { cellId: 'e' });
  await c.waitFor((m) => m.header.msg_type === 'execute_reply' && m.content.status === 'error', 'the error reply');
  const cell = await until(async () => {
    const found = await cellOf(path, 'e');
    return found.outputs.some((o) => o.output_type === 'error') ? found : undefined;
  }, 'the recorded error');
  const err = cell.outputs.find((o) => o.output_type === 'error');
  assert.match(err.evalue, /boom/);
  assert.ok(Array.isArray(err.traceback));
  assert.ok(!cell.outputs.some((o) => o.output_type === 'stream'), 'output of a request without the cell id is not recorded');

  // a second run replaces what the first wrote; clear_output(wait) and update_display_data apply
  const id = c.execute('console.log("before"); display.clear(true); const h = display.markdown("v1"); h.update("v2"); "second"', { cellId: 'e' });
  await c.waitFor((m) => m.header.msg_type === 'status' && m.parent_header.msg_id === id && m.content.execution_state === 'idle', 'idle');
  const second = await until(async () => {
    const found = await cellOf(path, 'e');
    return found.outputs.some((o) => o.output_type === 'execute_result') ? found : undefined;
  }, 'the second run recorded');
  assert.deepEqual(second.outputs.map((o) => o.output_type), ['display_data', 'execute_result'], JSON.stringify(second.outputs));
  assert.ok(!JSON.stringify(second.outputs[0].data).includes('v1'), 'the display was updated');
  assert.ok(JSON.stringify(second.outputs[0].data).includes('v2'));
  assert.equal(second.outputs[1].data['text/plain'], "'second'");
  c.close();
});
