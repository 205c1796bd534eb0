/**
 * The contents API over real HTTP: the root and a workspace listed as Jupyter Server lists
 * folders, untitled notebooks, files and folders, save and load round trips (notebook JSON
 * with joined sources, files as text or base64, hashes), rename and delete.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { call } from './server-helpers.ts';
import { notebook, saveNotebook, startContentsServer, type ContentsServer } from './contents-helpers.ts';

let s: ContentsServer;
before(async () => { s = await startContentsServer(); });
after(async () => { await s?.close(); });

const MODEL_KEYS = ['content', 'created', 'format', 'last_modified', 'mimetype', 'name', 'path', 'size', 'type', 'writable'];

test('the root lists one folder per workspace; a workspace lists Users, Shared and Templates; Users/<me> is made on first use', async () => {
  const root = await call(s, 'GET', '/api/contents');
  assert.equal(root.status, 200);
  assert.deepEqual(Object.keys(root.json).sort(), MODEL_KEYS);
  assert.equal(root.json.type, 'directory');
  assert.equal(root.json.format, 'json');
  assert.deepEqual(root.json.content.map((m: any) => [m.name, m.path, m.type, m.content, m.format]), [['demo', 'demo', 'directory', null, null]]);

  const ws = await call(s, 'GET', '/api/contents/demo');
  assert.equal(ws.status, 200);
  assert.deepEqual(ws.json.content.map((m: any) => [m.path, m.writable]), [['demo/Users', false], ['demo/Shared', true], ['demo/Templates', false]]);

  const users = await call(s, 'GET', '/api/contents/demo/Users');
  assert.ok(users.json.content.some((m: any) => m.path === `demo/Users/${s.me}` && m.writable === true && m.type === 'directory'));
  assert.ok(existsSync(s.home));

  const nocontent = await call(s, 'GET', '/api/contents/demo/Users?content=0');
  assert.equal(nocontent.json.content, null);
  assert.equal(nocontent.json.format, null);
});

test('an unknown workspace or place is 404; a wrong type or bad query option is 400', async () => {
  assert.equal((await call(s, 'GET', '/api/contents/nope/Users')).status, 404);
  const r = await call(s, 'GET', '/api/contents/demo/Other');
  assert.equal(r.status, 404);
  assert.match(r.json.message, /demo\/Other/);
  assert.equal((await call(s, 'GET', `/api/contents/demo/Users/${s.me}/missing.ipynb`)).status, 404);
  assert.equal((await call(s, 'GET', `/api/contents/demo/Users/${s.me}?type=notebook`)).status, 400);
  const q = await call(s, 'GET', '/api/contents/demo?content=2');
  assert.equal(q.status, 400);
  assert.match(q.json.message, /content=2/);
});

test('POST makes Untitled.ipynb, Untitled1.ipynb, untitled.txt and Untitled Folder with a Location', async () => {
  const dir = `demo/Users/${s.me}`;
  const a = await call(s, 'POST', `/api/contents/${dir}`, { type: 'notebook' });
  assert.equal(a.status, 201);
  assert.equal(a.json.path, `${dir}/Untitled.ipynb`);
  assert.equal(a.json.type, 'notebook');
  assert.equal(a.headers.get('location'), `/api/contents/demo/Users/${encodeURIComponent(s.me)}/Untitled.ipynb`);
  const b = await call(s, 'POST', `/api/contents/${dir}`, { type: 'notebook' });
  assert.equal(b.json.name, 'Untitled1.ipynb');
  const f = await call(s, 'POST', `/api/contents/${dir}`, { type: 'file', ext: '.txt' });
  assert.equal(f.json.name, 'untitled.txt');
  assert.equal(f.json.mimetype, 'text/plain');
  const d1 = await call(s, 'POST', `/api/contents/${dir}`, { type: 'directory' });
  const d2 = await call(s, 'POST', `/api/contents/${dir}`, { type: 'directory' });
  assert.deepEqual([d1.json.name, d2.json.name], ['Untitled Folder', 'Untitled Folder 1']);

  const nb = await call(s, 'GET', `/api/contents/${dir}/Untitled.ipynb`);
  assert.deepEqual(nb.json.content, { cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 });
  const listing = await call(s, 'GET', `/api/contents/${dir}`);
  const names = listing.json.content.map((m: any) => m.name);
  for (const n of ['Untitled.ipynb', 'Untitled1.ipynb', 'untitled.txt', 'Untitled Folder', 'Untitled Folder 1']) assert.ok(names.includes(n), n);

  const onFile = await call(s, 'POST', `/api/contents/${dir}/untitled.txt`, { type: 'file' });
  assert.equal(onFile.status, 400);
});

test('a notebook saved and loaded: sources joined, ids kept, on disk as lines with sorted keys; saving again is 200', async () => {
  const path = `demo/Users/${s.me}/hunt.ipynb`;
  const put = await saveNotebook(s, path, notebook('%%kql\nSecurityEvent\n| take 3'));
  assert.equal(put.status, 201);
  assert.equal(put.json.content, null);
  assert.equal(put.json.type, 'notebook');
  const got = await call(s, 'GET', `/api/contents/${path}`);
  assert.equal(got.status, 200);
  assert.equal(got.json.format, 'json');
  assert.equal(got.json.mimetype, null);
  const cells = got.json.content.cells;
  assert.deepEqual(cells.map((c: any) => c.id), ['intro', 'run']);
  assert.equal(cells[1].source, '%%kql\nSecurityEvent\n| take 3');
  assert.equal(cells[1].outputs[0].text, 'one\ntwo\n');
  assert.equal(got.json.size, readFileSync(join(s.home, 'hunt.ipynb')).length);

  const disk = JSON.parse(readFileSync(join(s.home, 'hunt.ipynb'), 'utf8'));
  assert.deepEqual(disk.cells[1].source, ['%%kql\n', 'SecurityEvent\n', '| take 3']);
  assert.deepEqual(Object.keys(disk), ['cells', 'metadata', 'nbformat', 'nbformat_minor']);

  const again = await saveNotebook(s, path, got.json.content);
  assert.equal(again.status, 200);
  assert.equal(again.headers.get('location'), null);
});

test('a 4.4 notebook saved becomes 4.5 with an id on every cell', async () => {
  const path = `demo/Shared/old.ipynb`;
  const old = { nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [{ cell_type: 'markdown', metadata: {}, source: 'a' }, { cell_type: 'code', metadata: {}, source: 'b', outputs: [], execution_count: null }] };
  assert.equal((await saveNotebook(s, path, old)).status, 201);
  const got = await call(s, 'GET', `/api/contents/${path}`);
  assert.equal(got.json.content.nbformat_minor, 5);
  const ids = got.json.content.cells.map((c: any) => c.id);
  assert.equal(ids.length, 2);
  for (const id of ids) assert.match(id, /^[a-zA-Z0-9_-]{1,64}$/);
  assert.notEqual(ids[0], ids[1]);
});

test('files: text and base64 round trips, format chosen by content, hash on request', async () => {
  const dir = `demo/Users/${s.me}`;
  assert.equal((await call(s, 'PUT', `/api/contents/${dir}/notes.md`, { type: 'file', format: 'text', content: '# notes\n' })).status, 201);
  const text = await call(s, 'GET', `/api/contents/${dir}/notes.md`);
  assert.deepEqual([text.json.type, text.json.format, text.json.mimetype, text.json.content, text.json.size], ['file', 'text', 'text/markdown', '# notes\n', 8]);

  const bytes = Buffer.from([0xff, 0x00, 0x10, 0x80]);
  assert.equal((await call(s, 'PUT', `/api/contents/${dir}/blob.bin`, { type: 'file', format: 'base64', content: bytes.toString('base64') })).status, 201);
  const bin = await call(s, 'GET', `/api/contents/${dir}/blob.bin`);
  assert.deepEqual([bin.json.format, bin.json.mimetype, bin.json.content], ['base64', 'application/octet-stream', bytes.toString('base64')]);
  assert.equal((await call(s, 'GET', `/api/contents/${dir}/blob.bin?format=text`)).status, 400);
  const asB64 = await call(s, 'GET', `/api/contents/${dir}/notes.md?format=base64`);
  assert.equal(Buffer.from(asB64.json.content, 'base64').toString(), '# notes\n');

  const hashed = await call(s, 'GET', `/api/contents/${dir}/blob.bin?content=0&hash=1`);
  assert.equal(hashed.json.content, null);
  assert.equal(hashed.json.hash, createHash('sha256').update(bytes).digest('hex'));
  assert.equal(hashed.json.hash_algorithm, 'sha256');
  const unhashed = await call(s, 'GET', `/api/contents/${dir}/blob.bin`);
  assert.equal(unhashed.json.hash, undefined);

  const asFile = await call(s, 'GET', `/api/contents/${dir}/hunt.ipynb?type=file&format=text`);
  assert.equal(asFile.json.type, 'file');
  assert.equal(typeof asFile.json.content, 'string');

  const badFormat = await call(s, 'PUT', `/api/contents/${dir}/x.txt`, { type: 'file', content: 'x' });
  assert.equal(badFormat.status, 400);
  assert.match(badFormat.json.message, /format/);
});

test('PUT a directory makes it; a file cannot replace a folder', async () => {
  const dir = `demo/Shared/cases`;
  assert.equal((await call(s, 'PUT', `/api/contents/${dir}`, { type: 'directory' })).status, 201);
  assert.equal((await call(s, 'PUT', `/api/contents/${dir}`, { type: 'directory' })).status, 200);
  assert.equal((await call(s, 'PUT', `/api/contents/${dir}`, { type: 'file', format: 'text', content: '' })).status, 400);
  const deep = await call(s, 'PUT', `/api/contents/${dir}/no/such/x.txt`, { type: 'file', format: 'text', content: '' });
  assert.equal(deep.status, 404);
  assert.match(deep.json.message, /cases\/no\/such/);
});

test('copy: name-Copy1, notebooks come out 4.5; a template copied into my folder', async () => {
  const dir = `demo/Users/${s.me}`;
  const c1 = await call(s, 'POST', `/api/contents/${dir}`, { copy_from: `${dir}/hunt.ipynb` });
  assert.equal(c1.status, 201);
  assert.equal(c1.json.name, 'hunt-Copy1.ipynb');
  const c2 = await call(s, 'POST', `/api/contents/${dir}`, { copy_from: `${dir}/hunt-Copy1.ipynb` });
  assert.equal(c2.json.name, 'hunt-Copy2.ipynb');
  const t = await call(s, 'POST', `/api/contents/${dir}`, { copy_from: 'demo/Templates/getting-started.ipynb' });
  assert.equal(t.json.name, 'getting-started.ipynb');
  const nb = await call(s, 'GET', `/api/contents/${dir}/getting-started.ipynb`);
  assert.equal(nb.json.writable, true);
  assert.equal(nb.json.content.nbformat_minor, 5);
  assert.equal(nb.json.content.cells[1].source, '%%kql\nSecurityEvent | take 5');
  assert.ok(nb.json.content.cells.every((c: any) => typeof c.id === 'string'));
});

test('rename within the workspace moves the file; onto an existing name is 409; across workspaces is 400', async () => {
  const dir = `demo/Users/${s.me}`;
  await call(s, 'PUT', `/api/contents/${dir}/a.txt`, { type: 'file', format: 'text', content: 'A' });
  await call(s, 'PUT', `/api/contents/${dir}/b.txt`, { type: 'file', format: 'text', content: 'B' });
  const r = await call(s, 'PATCH', `/api/contents/${dir}/a.txt`, { path: `demo/Shared/moved.txt` });
  assert.equal(r.status, 200);
  assert.equal(r.json.path, 'demo/Shared/moved.txt');
  assert.equal(r.json.content, null);
  assert.equal((await call(s, 'GET', `/api/contents/${dir}/a.txt`)).status, 404);
  assert.equal((await call(s, 'GET', '/api/contents/demo/Shared/moved.txt')).json.content, 'A');

  const clash = await call(s, 'PATCH', `/api/contents/${dir}/b.txt`, { path: `demo/Shared/moved.txt` });
  assert.equal(clash.status, 409);
  assert.equal((await call(s, 'GET', '/api/contents/demo/Shared/moved.txt')).json.content, 'A');
  const other = await call(s, 'PATCH', `/api/contents/${dir}/b.txt`, { path: `elsewhere/Shared/b.txt` });
  assert.ok(other.status === 400 || other.status === 404, `status ${other.status}`);
  const missing = await call(s, 'PATCH', `/api/contents/${dir}/nope.txt`, { path: `${dir}/nope2.txt` });
  assert.equal(missing.status, 404);
  const dirMove = await call(s, 'PATCH', `/api/contents/${dir}/Untitled Folder`, { path: `${dir}/Renamed Folder` });
  assert.equal(dirMove.status, 200);
  assert.equal(dirMove.json.type, 'directory');
});

test('delete: files and folders with what is in them; then 404; the layout folders stay', async () => {
  const dir = `demo/Users/${s.me}`;
  await call(s, 'PUT', `/api/contents/${dir}/gone`, { type: 'directory' });
  await call(s, 'PUT', `/api/contents/${dir}/gone/inner.txt`, { type: 'file', format: 'text', content: 'x' });
  assert.equal((await call(s, 'DELETE', `/api/contents/${dir}/gone`)).status, 204);
  assert.equal(existsSync(join(s.home, 'gone')), false);
  assert.equal((await call(s, 'DELETE', `/api/contents/${dir}/b.txt`)).status, 204);
  assert.equal((await call(s, 'DELETE', `/api/contents/${dir}/b.txt`)).status, 404);
  for (const p of [dir, 'demo/Shared', 'demo/Users', 'demo']) {
    const r = await call(s, 'DELETE', `/api/contents/${p}`);
    assert.equal(r.status, 403, p);
    assert.ok(existsSync(join(s.dataDir, 'workspaces', 'demo', 'notebooks', 'Shared')));
  }
  assert.ok(existsSync(s.home));
});

test('hidden files in a folder are not listed; writes after an outside change show the file system times', async () => {
  writeFileSync(join(s.home, '.secret'), 'x');
  const listing = await call(s, 'GET', `/api/contents/demo/Users/${s.me}`);
  assert.ok(!listing.json.content.some((m: any) => m.name.startsWith('.')));
  assert.equal((await call(s, 'GET', `/api/contents/demo/Users/${s.me}/.secret`)).status, 400);
  const m = await call(s, 'GET', `/api/contents/demo/Users/${s.me}/notes.md?content=0`);
  assert.ok(!Number.isNaN(Date.parse(m.json.created)) && !Number.isNaN(Date.parse(m.json.last_modified)));
});
