/**
 * @jupyterlab/services' ContentsManager, unchanged, against the server (token in the
 * Authorization header as JupyterLab sends it): list, new untitled, save, get, rename, copy,
 * checkpoints, delete, and its error messages from ours.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { ContentsManager, ServerConnection } from '@jupyterlab/services';
import { notebook, startContentsServer, type ContentsServer } from './contents-helpers.ts';

let s: ContentsServer;
let contents: ContentsManager;
before(async () => {
  s = await startContentsServer();
  const serverSettings = ServerConnection.makeSettings({ baseUrl: `${s.url}/`, token: s.token, appendToken: true, fetch, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
  contents = new ContentsManager({ serverSettings });
});
after(async () => {
  contents?.dispose();
  await s?.close();
});

test('ContentsManager lists the root and a workspace', async () => {
  const root = await contents.get('', { content: true });
  assert.equal(root.type, 'directory');
  assert.ok((root.content as any[]).some((m) => m.path === 'demo'));
  const ws = await contents.get('demo');
  assert.deepEqual((ws.content as any[]).map((m) => m.name), ['Users', 'Shared', 'Templates']);
});

test('ContentsManager: newUntitled, save, get, rename, copy, checkpoints, delete', async () => {
  const dir = `demo/Users/${s.me}`;
  const made = await contents.newUntitled({ path: dir, type: 'notebook' });
  assert.equal(made.path, `${dir}/Untitled.ipynb`);

  const saved = await contents.save(made.path, { type: 'notebook', format: 'json', content: notebook('%%kql\nSigninLogs | take 1') });
  assert.equal(saved.type, 'notebook');
  const got = await contents.get(made.path, { type: 'notebook', content: true });
  assert.equal((got.content as any).cells[1].source, '%%kql\nSigninLogs | take 1');

  const cp = await contents.createCheckpoint(made.path);
  assert.equal(cp.id, 'checkpoint');
  assert.deepEqual((await contents.listCheckpoints(made.path)).map((c) => c.id), ['checkpoint']);

  const renamed = await contents.rename(made.path, `${dir}/signins.ipynb`);
  assert.equal(renamed.path, `${dir}/signins.ipynb`);
  assert.equal(renamed.name, 'signins.ipynb');
  assert.deepEqual((await contents.listCheckpoints(renamed.path)).map((c) => c.id), ['checkpoint']);

  await contents.save(renamed.path, { type: 'notebook', format: 'json', content: notebook('changed') });
  await contents.restoreCheckpoint(renamed.path, 'checkpoint');
  assert.equal(((await contents.get(renamed.path)).content as any).cells[1].source, '%%kql\nSigninLogs | take 1');
  await contents.deleteCheckpoint(renamed.path, 'checkpoint');
  assert.deepEqual(await contents.listCheckpoints(renamed.path), []);

  const copy = await contents.copy('demo/Templates/getting-started.ipynb', dir);
  assert.equal(copy.path, `${dir}/getting-started.ipynb`);

  const text = await contents.save(`${dir}/notes.txt`, { type: 'file', format: 'text', content: 'hello' });
  assert.equal(text.mimetype, 'text/plain');
  assert.equal((await contents.get(`${dir}/notes.txt`)).content, 'hello');

  await contents.delete(`${dir}/notes.txt`);
  await assert.rejects(contents.get(`${dir}/notes.txt`), (e: any) => e.response?.status === 404 && /notes\.txt/.test(e.message));
});

test("ContentsManager shows our refusals' messages", async () => {
  await assert.rejects(
    contents.save('demo/Templates/x.ipynb', { type: 'notebook', format: 'json', content: notebook() }),
    (e: any) => e.response?.status === 403 && /Templates is read-only/.test(e.message),
  );
  await assert.rejects(
    contents.save(`demo/Users/${s.me}/bad.ipynb`, { type: 'notebook', format: 'json', content: { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code' }] } }),
    (e: any) => e.response?.status === 400 && /cells\[0\]/.test(e.message),
  );
});
