/**
 * Checkpoints (create, list, restore, delete; they follow renames and go with deletes, and
 * never show in listings) and uploads: a whole file as base64, and Jupyter's chunked uploads
 * (chunk 1, 2, ..., -1) where the file appears whole only with the last chunk.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { call } from './server-helpers.ts';
import { notebook, saveNotebook, startContentsServer, type ContentsServer } from './contents-helpers.ts';

let s: ContentsServer;
let dir: string;
before(async () => {
  s = await startContentsServer();
  dir = `demo/Users/${s.me}`;
});
after(async () => { await s?.close(); });

test('checkpoints: none, create (201 with Location), list, restore the saved state, delete', async () => {
  const path = `${dir}/cp.ipynb`;
  await saveNotebook(s, path, notebook('version 1'));
  assert.deepEqual((await call(s, 'GET', `/api/contents/${path}/checkpoints`)).json, []);

  const cp = await call(s, 'POST', `/api/contents/${path}/checkpoints`);
  assert.equal(cp.status, 201);
  assert.equal(cp.json.id, 'checkpoint');
  assert.ok(!Number.isNaN(Date.parse(cp.json.last_modified)));
  assert.equal(cp.headers.get('location'), `/api/contents/demo/Users/${encodeURIComponent(s.me)}/cp.ipynb/checkpoints/checkpoint`);
  const list = await call(s, 'GET', `/api/contents/${path}/checkpoints`);
  assert.deepEqual(list.json, [cp.json]);

  await saveNotebook(s, path, notebook('version 2'));
  assert.equal((await call(s, 'GET', `/api/contents/${path}`)).json.content.cells[1].source, 'version 2');
  const restore = await call(s, 'POST', `/api/contents/${path}/checkpoints/checkpoint`);
  assert.equal(restore.status, 204);
  assert.equal((await call(s, 'GET', `/api/contents/${path}`)).json.content.cells[1].source, 'version 1');

  assert.equal((await call(s, 'POST', `/api/contents/${path}/checkpoints/other`)).status, 404);
  assert.equal((await call(s, 'DELETE', `/api/contents/${path}/checkpoints/checkpoint`)).status, 204);
  assert.deepEqual((await call(s, 'GET', `/api/contents/${path}/checkpoints`)).json, []);
  const gone = await call(s, 'POST', `/api/contents/${path}/checkpoints/checkpoint`);
  assert.equal(gone.status, 404);
  assert.match(gone.json.message, /no checkpoint/);
});

test('checkpoints are hidden, move with a rename and go with a delete', async () => {
  await call(s, 'PUT', `/api/contents/${dir}/case`, { type: 'directory' });
  await saveNotebook(s, `${dir}/case/a.ipynb`, notebook('a'));
  assert.equal((await call(s, 'POST', `/api/contents/${dir}/case/a.ipynb/checkpoints`)).status, 201);
  const ws = await call(s, 'GET', '/api/contents/demo');
  assert.ok(!ws.json.content.some((m: any) => m.name.includes('checkpoint')));

  assert.equal((await call(s, 'PATCH', `/api/contents/${dir}/case/a.ipynb`, { path: `${dir}/case/b.ipynb` })).status, 200);
  assert.equal((await call(s, 'GET', `/api/contents/${dir}/case/b.ipynb/checkpoints`)).json.length, 1);
  assert.equal((await call(s, 'GET', `/api/contents/${dir}/case/a.ipynb/checkpoints`)).json.length, 0);

  assert.equal((await call(s, 'PATCH', `/api/contents/${dir}/case`, { path: `${dir}/case2` })).status, 200);
  assert.equal((await call(s, 'GET', `/api/contents/${dir}/case2/b.ipynb/checkpoints`)).json.length, 1);

  assert.equal((await call(s, 'DELETE', `/api/contents/${dir}/case2`)).status, 204);
  await call(s, 'PUT', `/api/contents/${dir}/case2`, { type: 'directory' });
  await saveNotebook(s, `${dir}/case2/b.ipynb`, notebook('new'));
  assert.deepEqual((await call(s, 'GET', `/api/contents/${dir}/case2/b.ipynb/checkpoints`)).json, []);
  const ckRoot = join(s.dataDir, 'workspaces', 'demo', 'notebooks', '.checkpoints');
  assert.ok(existsSync(ckRoot));
});

test('a folder has no checkpoint; a missing file cannot get one', async () => {
  assert.equal((await call(s, 'POST', `/api/contents/${dir}/case2/checkpoints`)).status, 400);
  assert.equal((await call(s, 'POST', `/api/contents/${dir}/nothing.ipynb/checkpoints`)).status, 404);
});

test('upload of a whole file as base64', async () => {
  const bytes = randomBytes(5000);
  const r = await call(s, 'PUT', `/api/contents/${dir}/evidence.bin`, { type: 'file', format: 'base64', content: bytes.toString('base64'), name: 'evidence.bin', path: `${dir}/evidence.bin` });
  assert.equal(r.status, 201);
  assert.equal(r.json.size, 5000);
  assert.deepEqual(readFileSync(join(s.home, 'evidence.bin')), bytes);
  const bad = await call(s, 'PUT', `/api/contents/${dir}/bad.bin`, { type: 'file', format: 'base64', content: 'not base64 !!!' });
  assert.equal(bad.status, 400);
  assert.equal(existsSync(join(s.home, 'bad.bin')), false);
});

test('chunked upload: 1, 2, -1; the file appears whole with the last chunk', async () => {
  const bytes = randomBytes(3 * 1024 + 17);
  const parts = [bytes.subarray(0, 1024), bytes.subarray(1024, 2048), bytes.subarray(2048)];
  const chunks = [1, 2, -1];
  const path = `${dir}/big.evtx`;
  for (let i = 0; i < parts.length; i++) {
    const r = await call(s, 'PUT', `/api/contents/${path}`, { type: 'file', format: 'base64', chunk: chunks[i], content: parts[i].toString('base64') });
    assert.ok(r.status === 200 || r.status === 201, `chunk ${chunks[i]}: ${r.status} ${JSON.stringify(r.json)}`);
    assert.equal(r.json.path, path);
    if (chunks[i] !== -1) assert.equal(existsSync(join(s.home, 'big.evtx')), false, `visible after chunk ${chunks[i]}`);
  }
  assert.deepEqual(readFileSync(join(s.home, 'big.evtx')), bytes);
  const model = await call(s, 'GET', `/api/contents/${path}?content=0`);
  assert.equal(model.json.size, bytes.length);

  // again over the same path: chunk 1 starts afresh
  const small = Buffer.from('replaced');
  await call(s, 'PUT', `/api/contents/${path}`, { type: 'file', format: 'base64', chunk: 1, content: small.subarray(0, 4).toString('base64') });
  const last = await call(s, 'PUT', `/api/contents/${path}`, { type: 'file', format: 'base64', chunk: -1, content: small.subarray(4).toString('base64') });
  assert.equal(last.status, 200);
  assert.equal(readFileSync(join(s.home, 'big.evtx'), 'utf8'), 'replaced');
  assert.deepEqual(readdirSync(s.home).filter((n) => n.startsWith('.')), []);
});

test('a chunk out of order or of the wrong kind is refused', async () => {
  const orphan = await call(s, 'PUT', `/api/contents/${dir}/orphan.bin`, { type: 'file', format: 'base64', chunk: 3, content: 'AAAA' });
  assert.equal(orphan.status, 400);
  assert.match(orphan.json.message, /chunk 3 .* without chunk 1/);
  assert.equal((await call(s, 'PUT', `/api/contents/${dir}/t.txt`, { type: 'file', format: 'text', chunk: 1, content: 'x' })).status, 400);
  assert.equal((await call(s, 'PUT', `/api/contents/${dir}/t.txt`, { type: 'file', format: 'base64', chunk: 0, content: 'AAAA' })).status, 400);
  assert.equal(existsSync(join(s.home, 'orphan.bin')), false);
});

test('a chunked notebook upload is checked like a save', async () => {
  const text = Buffer.from(JSON.stringify(notebook('uploaded')));
  const path = `${dir}/up.ipynb`;
  await call(s, 'PUT', `/api/contents/${path}`, { type: 'file', format: 'base64', chunk: 1, content: text.subarray(0, 50).toString('base64') });
  const r = await call(s, 'PUT', `/api/contents/${path}`, { type: 'file', format: 'base64', chunk: -1, content: text.subarray(50).toString('base64') });
  assert.equal(r.status, 201);
  assert.equal(r.json.type, 'notebook');
  assert.equal((await call(s, 'GET', `/api/contents/${path}`)).json.content.cells[1].source, 'uploaded');
});
