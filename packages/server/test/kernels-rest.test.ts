/** Kernelspecs and the kernel REST API against a real server and real kernel processes. */
import { after, before, describe, test } from 'node:test';
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

async function start(): Promise<string> {
  const r = await call(s, 'POST', '/api/kernels', { name: 'huntbook' });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  pids.push(...(await kernelPids(s, r.json.id)));
  return r.json.id as string;
}

describe('kernelspecs', () => {
  test('lists the Huntbook kernelspec as the default, shaped as Jupyter Server shapes it', async () => {
    const r = await call(s, 'GET', '/api/kernelspecs');
    assert.equal(r.status, 200);
    assert.equal(r.json.default, 'huntbook');
    const spec = r.json.kernelspecs.huntbook;
    assert.equal(spec.name, 'huntbook');
    assert.deepEqual(spec.resources, {});
    assert.equal(spec.spec.language, 'typescript');
    assert.equal(spec.spec.interrupt_mode, 'message');
    assert.ok(spec.spec.argv.includes('{connection_file}'));
    assert.equal(typeof spec.spec.display_name, 'string');
    assert.deepEqual((await call(s, 'GET', '/api/kernelspecs/huntbook')).json, spec);
    const missing = await call(s, 'GET', '/api/kernelspecs/python3');
    assert.equal(missing.status, 404);
    assert.match(missing.json.error.message, /python3/);
  });

  test('needs a token', async () => {
    assert.equal((await fetch(`${s.url}/api/kernelspecs`)).status, 401);
  });
});

describe('kernels', () => {
  test('start, list, get, interrupt, restart and delete; the kernel token is revoked when it ends', async () => {
    const tokensBefore = s.app.huntbook.tokens.count();
    const r = await call(s, 'POST', '/api/kernels', {});
    assert.equal(r.status, 201);
    const id = r.json.id as string;
    pids.push(...(await kernelPids(s, id)));
    assert.equal(r.headers.get('location'), `/api/kernels/${id}`);
    assert.equal(r.json.name, 'huntbook');
    assert.equal(r.json.execution_state, 'idle');
    assert.equal(r.json.connections, 0);
    assert.ok(!Number.isNaN(Date.parse(r.json.last_activity)));
    assert.equal(s.app.huntbook.tokens.count(), tokensBefore + 1, 'a token was made for the kernel');

    assert.ok((await call(s, 'GET', '/api/kernels')).json.some((k: { id: string }) => k.id === id));
    assert.equal((await call(s, 'GET', `/api/kernels/${id}`)).json.id, id);
    assert.equal((await call(s, 'POST', `/api/kernels/${id}/interrupt`)).status, 204);

    const [pid1] = await kernelPids(s, id);
    const restarted = await call(s, 'POST', `/api/kernels/${id}/restart`);
    assert.equal(restarted.status, 200, JSON.stringify(restarted.json));
    assert.equal(restarted.json.id, id);
    const pidsNow = await kernelPids(s, id);
    pids.push(...pidsNow);
    assert.equal(pidsNow.length, 2);
    assert.notEqual(pidsNow[1], pid1);
    await until(() => !alive(pid1!), 'the first process to end');
    assert.equal(s.app.huntbook.tokens.count(), tokensBefore + 1, 'the old token was revoked, a new one made');

    // the restarted kernel runs code
    const c = await KernelClient.connect(s, id);
    const { reply } = await c.run('40 + 2');
    assert.equal(reply.content.status, 'ok');
    assert.equal((await call(s, 'GET', `/api/kernels/${id}`)).json.connections, 1);
    c.close();

    assert.equal((await call(s, 'DELETE', `/api/kernels/${id}`)).status, 204);
    assert.equal((await call(s, 'GET', `/api/kernels/${id}`)).status, 404);
    await until(() => !alive(pidsNow[1]!), 'the process to end');
    assert.equal(s.app.huntbook.tokens.count(), tokensBefore);
  });

  test('an unknown kernelspec is a 404, an unknown kernel a 404', async () => {
    const r = await call(s, 'POST', '/api/kernels', { name: 'python3' });
    assert.equal(r.status, 404);
    assert.match(r.json.error.message, /no kernelspec named 'python3'/);
    assert.equal((await call(s, 'POST', '/api/kernels/nope/interrupt')).status, 404);
  });

  test('a kernel killed with SIGKILL is dead, clients hear so, and its log says why', async () => {
    const id = await start();
    const c = await KernelClient.connect(s, id);
    const [pid] = await kernelPids(s, id);
    process.kill(pid!, 'SIGKILL');
    const dead = await c.waitFor((m) => m.channel === 'iopub' && m.header.msg_type === 'status' && m.content.execution_state === 'dead', 'status dead');
    assert.ok(dead.header.msg_id);
    assert.equal((await call(s, 'GET', `/api/kernels/${id}`)).json.execution_state, 'dead');
    const log = await (await fetch(`${s.url}/api/kernels/${id}/logs`, { headers: { authorization: `token ${s.token}` } })).text();
    assert.match(log, /kernel died: the kernel process was killed by signal SIGKILL/);
    c.close();
    // a dead kernel can be restarted
    const r = await call(s, 'POST', `/api/kernels/${id}/restart`);
    assert.equal(r.status, 200);
    pids.push(...(await kernelPids(s, id)));
    assert.equal(r.json.execution_state, 'idle');
  });

  test('another principal cannot use the kernel (403), nor see it', async () => {
    const id = await start();
    const other = s.app.huntbook.tokens.create('mallory').token;
    const as = { authorization: `token ${other}` };
    for (const [method, path] of [['GET', `/api/kernels/${id}`], ['DELETE', `/api/kernels/${id}`], ['POST', `/api/kernels/${id}/interrupt`], ['POST', `/api/kernels/${id}/restart`], ['GET', `/api/kernels/${id}/logs`]] as const) {
      const r = await fetch(`${s.url}${path}`, { method, headers: as });
      assert.equal(r.status, 403, `${method} ${path}`);
      assert.match(((await r.json()) as { error: { message: string } }).error.message, /belongs to first/);
    }
    assert.deepEqual(await (await fetch(`${s.url}/api/kernels`, { headers: as })).json(), []);
    await assert.rejects(KernelClient.connect({ ...s, token: other }, id, other), /HTTP 403/);
    assert.equal((await call(s, 'GET', `/api/kernels/${id}`)).json.execution_state, 'idle');
  });
});
