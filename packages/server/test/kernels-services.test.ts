/**
 * Jupyter's own client, @jupyterlab/services 7, unchanged against the server: KernelManager
 * (start, execute, interrupt, restart, shut down) and SessionManager (a notebook's session,
 * found again by path), over its preferred WebSocket subprotocol.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { KernelManager, ServerConnection, SessionManager, type KernelMessage } from '@jupyterlab/services';
import { startTestServer, type TestServer } from './server-helpers.ts';
import { alive, kernelPids } from './kernels-helpers.ts';

let s: TestServer;
let settings: ServerConnection.ISettings;
const pids: number[] = [];
before(async () => {
  s = await startTestServer();
  settings = ServerConnection.makeSettings({
    baseUrl: `${s.url}/`, wsUrl: `${s.url.replace(/^http/, 'ws')}/`, token: s.token, appendToken: true,
    fetch: fetch as unknown as ServerConnection.ISettings['fetch'], WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
});
after(async () => {
  await s.close();
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

async function execute(kernel: { requestExecute(c: KernelMessage.IExecuteRequestMsg['content']): { onIOPub: (m: KernelMessage.IIOPubMessage) => void; done: Promise<KernelMessage.IExecuteReplyMsg> } }, code: string) {
  const iopub: KernelMessage.IIOPubMessage[] = [];
  const future = kernel.requestExecute({ code });
  future.onIOPub = (m) => { iopub.push(m); };
  const reply = await future.done;
  return { iopub, reply };
}

test('KernelManager: start, execute, interrupt, restart and shut down', async () => {
  const km = new KernelManager({ serverSettings: settings });
  await km.ready;
  const kernel = await km.startNew({ name: 'huntbook' });
  pids.push(...(await kernelPids(s, kernel.id)));
  try {
    const info = await kernel.info;
    assert.equal(info.implementation, 'huntbook');
    const { iopub, reply } = await execute(kernel, '1+1');
    assert.equal(reply.content.status, 'ok');
    const result = iopub.find((m) => m.header.msg_type === 'execute_result') as KernelMessage.IExecuteResultMsg;
    assert.equal(result.content.data['text/plain'], '2');

    await kernel.interrupt();
    await kernel.restart();
    pids.push(...(await kernelPids(s, kernel.id)));
    const after = await execute(kernel, 'typeof globalThis.x');
    assert.equal(after.reply.content.status, 'ok');

    await km.refreshRunning();
    assert.ok([...km.running()].some((m) => m.id === kernel.id));
  } finally {
    await kernel.shutdown();
    km.dispose();
  }
  const r = await fetch(`${s.url}/api/kernels/${kernel.id}`, { headers: { authorization: `token ${s.token}` } });
  assert.equal(r.status, 404);
});

test('SessionManager: a notebook session runs %%kql; asking again for the path finds the same session', async () => {
  const km = new KernelManager({ serverSettings: settings });
  const sm = new SessionManager({ kernelManager: km, serverSettings: settings });
  await sm.ready;
  const path = 'demo/Users/first/services.ipynb';
  const session = await sm.startNew({ path, name: 'services.ipynb', type: 'notebook', kernel: { name: 'huntbook' } });
  pids.push(...(await kernelPids(s, session.kernel!.id)));
  try {
    assert.equal(session.path, path);
    const { reply, iopub } = await execute(session.kernel!, '%%kql\nSecurityEvent\n| take 2\n| project EventID');
    assert.equal(reply.content.status, 'ok');
    assert.ok(iopub.some((m) => (m.header.msg_type === 'execute_result' || m.header.msg_type === 'display_data') && 'application/vnd.huntbook.kql-result+json' in (m.content as { data: object }).data));
    const found = await sm.findByPath(path);
    assert.equal(found?.id, session.id);
    const again = await fetch(`${s.url}/api/sessions`, { method: 'POST', headers: { authorization: `token ${s.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ path, name: 'x', type: 'notebook', kernel: { name: 'huntbook' } }) });
    assert.equal(again.status, 201);
    assert.equal(((await again.json()) as { id: string }).id, session.id);
  } finally {
    await session.shutdown();
    sm.dispose();
    km.dispose();
  }
  const list = await (await fetch(`${s.url}/api/sessions`, { headers: { authorization: `token ${s.token}` } })).json();
  assert.deepEqual(list, []);
});
