/**
 * The kernel WebSocket /api/kernels/{id}/channels with a real `ws` client in Jupyter's JSON
 * framing: code and %%kql run against the demo workspace through the kernel's own token,
 * several clients share a kernel, a dropped socket does not stop it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { call, startTestServer, type TestServer } from './server-helpers.ts';
import { alive, KernelClient, kernelPids } from './kernels-helpers.ts';

let s: TestServer;
let id: string;
const pids: number[] = [];
before(async () => {
  s = await startTestServer();
  const r = await call(s, 'POST', '/api/kernels', { name: 'huntbook' });
  assert.equal(r.status, 201);
  id = r.json.id;
  pids.push(...(await kernelPids(s, id)));
});
after(async () => {
  await s.close();
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

test('1+1: status busy, execute_input, execute_result 2, status idle, execute_reply ok', async () => {
  const c = await KernelClient.connect(s, id);
  const { iopub, reply } = await c.run('1+1');
  const types = iopub.map((m) => m.header.msg_type);
  assert.deepEqual(types.filter((t) => t === 'status'), ['status', 'status']);
  assert.equal(iopub[0]!.content.execution_state, 'busy');
  assert.ok(types.includes('execute_input'));
  const result = iopub.find((m) => m.header.msg_type === 'execute_result')!;
  assert.equal(result.content.data['text/plain'], '2');
  assert.equal(reply.content.status, 'ok');
  assert.equal(reply.parent_header.session, c.session);
  c.close();
});

test('%%kql runs on the demo workspace with the kernel environment the server gave it', async () => {
  const c = await KernelClient.connect(s, id);
  const env = await c.run('[process.env.HUNTBOOK_WORKSPACE, process.env.HUNTBOOK_URL, process.env.HUNTBOOK_TOKEN?.startsWith("hb_")].join(" ")');
  assert.equal(env.iopub.find((m) => m.header.msg_type === 'execute_result')!.content.data['text/plain'], `'demo ${s.url} true'`);
  const { iopub, reply } = await c.run('%%kql\nSecurityEvent\n| summarize n = count()');
  assert.equal(reply.content.status, 'ok', JSON.stringify(iopub.map((m) => m.content)));
  const shown = iopub.find((m) => m.header.msg_type === 'execute_result' || m.header.msg_type === 'display_data')!;
  const result = shown.content.data['application/vnd.huntbook.kql-result+json'];
  assert.ok(result, `a KQL result bundle, got ${Object.keys(shown.content.data)}`);
  const n = (await call(s, 'POST', '/v1/workspaces/demo/query', { query: 'SecurityEvent | count' })).json.tables[0].rows[0][0];
  assert.ok(JSON.stringify(result).includes(String(n)), `the count ${n} is in the result`);
  c.close();
});

test('iopub goes to every client, a reply only to the client that asked; a dropped socket does not stop the kernel', async () => {
  const a = await KernelClient.connect(s, id);
  const b = await KernelClient.connect(s, id);
  const msgId = a.execute('"from a"');
  await a.waitFor((m) => m.header.msg_type === 'execute_reply' && m.parent_header.msg_id === msgId, 'reply to a');
  await b.waitFor((m) => m.header.msg_type === 'execute_result' && m.parent_header.msg_id === msgId, 'b sees the result');
  await b.waitFor((m) => m.header.msg_type === 'status' && m.parent_header.msg_id === msgId && m.content.execution_state === 'idle', 'b sees idle');
  assert.ok(!b.messages.some((m) => m.header.msg_type === 'execute_reply' && m.parent_header.msg_id === msgId), 'b does not get a\'s reply');
  a.ws.terminate();
  const { reply } = await b.run('3 * 3');
  assert.equal(reply.content.status, 'ok');
  assert.equal((await call(s, 'GET', `/api/kernels/${id}`)).json.execution_state, 'idle');
  b.close();
});

test('a bad message is refused without harm; a WebSocket without a token is refused (401)', async () => {
  const c = await KernelClient.connect(s, id);
  c.ws.send('{not json');
  c.ws.send(JSON.stringify({ channel: 'iopub', header: { msg_id: 'x', msg_type: 'status' }, content: {} }));
  const { reply } = await c.run('"still fine"');
  assert.equal(reply.content.status, 'ok');
  const log = await (await fetch(`${s.url}/api/kernels/${id}/logs`, { headers: { authorization: `token ${s.token}` } })).text();
  assert.match(log, /a message from a client was refused/);
  c.close();
  const status = await new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(`${s.url.replace(/^http/, 'ws')}/api/kernels/${id}/channels`);
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => reject(new Error('opened without a token')));
  });
  assert.equal(status, 401);
});
