/**
 * What the contents API refuses: traversal and odd paths (400), writes into Templates/ and
 * into another user's folder (403 with the reason from the one authorize()), workspaces the
 * caller may not read (left out of the root, 403 inside), moves between workspaces, and bad
 * notebooks (400 saying what and where, nothing written, the previous file intact).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authorize } from '../src/index.ts';
import { call } from './server-helpers.ts';
import { notebook, saveNotebook, startContentsServer, TEMPLATE, type ContentsServer } from './contents-helpers.ts';

let s: ContentsServer;
before(async () => {
  s = await startContentsServer({
    // the default policy, and no one but 'first' reads the workspace 'secret'
    authorize: (p, action, r) => (action === 'notebook.read' && r.kind === 'workspace' && r.name === 'secret' && p.name !== 'first' ? { allowed: false, reason: 'secret is for first only' } : authorize(p, action, r)),
  });
  await s.app.huntbook.workspaces.create({ name: 'second' });
  await s.app.huntbook.workspaces.create({ name: 'secret' });
});
after(async () => { await s?.close(); });

test('traversal and odd paths are refused with 400 naming the path', async () => {
  const home = `demo/Users/${s.me}`;
  const urls = [
    `/api/contents/${home}/..%2F..%2F..%2Fhuntbook.sqlite`,
    `/api/contents/demo/Templates/..%2F..%2Fpackage.json`,
    `/api/contents/${home}/a%5Cb.txt`,
    `/api/contents/${home}/a%00b`,
    `/api/contents/%2Fetc%2Fpasswd`,
    `/api/contents/${home}//x`,
    `/api/contents/demo/Templates/.gitkeep`,
  ];
  for (const u of urls) {
    const r = await call(s, 'GET', u);
    assert.equal(r.status, 400, u);
    assert.match(r.json.message, /the URL path '.*'/, u);
  }
  const put = await call(s, 'PUT', `/api/contents/${home}/..%2Fescape.txt`, { type: 'file', format: 'text', content: 'x' });
  assert.equal(put.status, 400);
  const move = await call(s, 'PATCH', `/api/contents/${home}/hunt.ipynb`, { path: `${home}/../../../../../tmp/x` });
  assert.equal(move.status, 400);
  assert.match(move.json.message, /body's 'path'/);
  const copy = await call(s, 'POST', `/api/contents/${home}`, { copy_from: '/etc/passwd' });
  assert.equal(copy.status, 400);
  assert.match(copy.json.message, /absolute/);
  assert.equal(existsSync(join(s.dataDir, 'workspaces', 'escape.txt')), false);
});

test('Templates is listed and readable but read-only: save, new, rename, delete and checkpoints get 403 with the reason', async () => {
  const list = await call(s, 'GET', '/api/contents/demo/Templates');
  assert.deepEqual(list.json.content.map((m: any) => [m.name, m.writable]), [['getting-started.ipynb', false], ['more', false]]);
  const nb = await call(s, 'GET', '/api/contents/demo/Templates/getting-started.ipynb');
  assert.equal(nb.status, 200);
  assert.equal(nb.json.writable, false);
  assert.equal(nb.json.content.cells[0].source, '# Getting started\nRun the cell below.');

  const attempts = [
    await saveNotebook(s, 'demo/Templates/getting-started.ipynb', notebook()),
    await saveNotebook(s, 'demo/Templates/new.ipynb', notebook()),
    await call(s, 'POST', '/api/contents/demo/Templates', { type: 'notebook' }),
    await call(s, 'POST', '/api/contents/demo/Templates/more', { copy_from: 'demo/Templates/getting-started.ipynb' }),
    await call(s, 'PATCH', '/api/contents/demo/Templates/getting-started.ipynb', { path: 'demo/Templates/x.ipynb' }),
    await call(s, 'DELETE', '/api/contents/demo/Templates/getting-started.ipynb'),
    await call(s, 'POST', '/api/contents/demo/Templates/getting-started.ipynb/checkpoints'),
  ];
  for (const r of attempts) {
    assert.equal(r.status, 403);
    assert.match(r.json.message, /Templates is read-only/);
  }
  assert.deepEqual(JSON.parse(readFileSync(join(s.templatesDir, 'getting-started.ipynb'), 'utf8')), TEMPLATE);
  assert.deepEqual(readdirSync(s.templatesDir).sort(), ['.gitkeep', 'getting-started.ipynb', 'more']);
});

test("another user's folder can be read but not written; bob gets his own folder", async () => {
  const mine = `demo/Users/${s.me}/hunt.ipynb`;
  assert.equal((await saveNotebook(s, mine, notebook('mine'))).status, 201);
  const bobRead = await call(s.bob, 'GET', `/api/contents/${mine}`);
  assert.equal(bobRead.status, 200);
  assert.equal(bobRead.json.writable, false);
  const bobWrite = await saveNotebook(s.bob, mine, notebook('bob was here'));
  assert.equal(bobWrite.status, 403);
  assert.match(bobWrite.json.message, new RegExp(`Users/${s.me}/ belongs to ${s.me}`));
  const bobDelete = await call(s.bob, 'DELETE', `/api/contents/${mine}`);
  assert.equal(bobDelete.status, 403);
  const bobTake = await call(s.bob, 'PATCH', `/api/contents/${mine}`, { path: 'demo/Users/bob/stolen.ipynb' });
  assert.equal(bobTake.status, 403);
  const bobNew = await call(s.bob, 'POST', `/api/contents/demo/Users/${s.me}`, { type: 'notebook' });
  assert.equal(bobNew.status, 403);
  assert.equal((await call(s, 'GET', `/api/contents/${mine}`)).json.content.cells[1].source, 'mine');

  const users = await call(s.bob, 'GET', '/api/contents/demo/Users');
  assert.deepEqual(users.json.content.map((m: any) => [m.name, m.writable]).sort(), [['bob', true], [s.me, false]].sort());
  const bobOwn = await call(s.bob, 'POST', '/api/contents/demo/Users/bob', { type: 'notebook' });
  assert.equal(bobOwn.status, 201);
  const bobCopy = await call(s.bob, 'POST', '/api/contents/demo/Users/bob', { copy_from: mine });
  assert.equal(bobCopy.status, 201);
  assert.equal(bobCopy.json.path, 'demo/Users/bob/hunt.ipynb');
  // nor can anyone make a folder for a user directly under Users/
  const squat = await call(s.bob, 'PUT', '/api/contents/demo/Users/carol', { type: 'directory' });
  assert.equal(squat.status, 403);
});

test("a user whose name cannot be a folder gets no home, and nothing is made outside Users/", async () => {
  const odd = { ...s, token: s.app.huntbook.tokens.create('../escape').token };
  const r = await call(odd, 'GET', '/api/contents/demo/Users');
  assert.equal(r.status, 200);
  assert.ok(!r.json.content.some((m: any) => m.name.includes('escape')));
  assert.equal(existsSync(join(s.dataDir, 'workspaces', 'demo', 'escape')), false);
  assert.equal(existsSync(join(s.dataDir, 'workspaces', 'demo', 'notebooks', 'escape')), false);
});

test('a workspace the caller may not read is left out of the root and refused inside', async () => {
  const mine = (await call(s, 'GET', '/api/contents')).json.content.map((m: any) => m.name).sort();
  assert.deepEqual(mine, ['demo', 'second', 'secret']);
  const bobs = (await call(s.bob, 'GET', '/api/contents')).json.content.map((m: any) => m.name).sort();
  assert.deepEqual(bobs, ['demo', 'second']);
  const inside = await call(s.bob, 'GET', '/api/contents/secret/Shared');
  assert.equal(inside.status, 403);
  assert.match(inside.json.message, /secret is for first only/);
  const write = await call(s.bob, 'PUT', '/api/contents/secret/Shared/x.txt', { type: 'file', format: 'text', content: 'x' });
  assert.equal(write.status, 403);
});

test('a move between workspaces is refused; a copy is allowed', async () => {
  const src = `demo/Users/${s.me}/hunt.ipynb`;
  const move = await call(s, 'PATCH', `/api/contents/${src}`, { path: `second/Users/${s.me}/hunt.ipynb` });
  assert.equal(move.status, 400);
  assert.match(move.json.message, /stays in workspace 'demo'/);
  const copy = await call(s, 'POST', `/api/contents/second/Users/${s.me}`, { copy_from: src });
  assert.equal(copy.status, 201);
  assert.equal(copy.json.path, `second/Users/${s.me}/hunt.ipynb`);
});

test('a bad notebook is refused with what and where; nothing is written and the saved one is intact', async () => {
  const path = `demo/Users/${s.me}/hunt.ipynb`;
  const file = join(s.home, 'hunt.ipynb');
  const before = readFileSync(file, 'utf8');
  const bad = notebook('changed');
  (bad.cells as any[])[1].outputs = [{ output_type: 'stream', name: 'stdout', text: 'ok' }, { output_type: 'bogus' }];
  const r = await saveNotebook(s, path, bad);
  assert.equal(r.status, 400);
  assert.match(r.json.message, /cells\[1\]\.outputs\[1\]\.output_type/);
  assert.match(r.json.message, /hunt\.ipynb/);
  assert.equal(readFileSync(file, 'utf8'), before);

  const cases: [unknown, RegExp][] = [
    [{ ...notebook(), nbformat: 3 }, /nbformat/],
    [{ ...notebook(), cells: 'no' }, /cells/],
    [{ nbformat: 4, nbformat_minor: 5, cells: [] }, /'metadata' is missing/],
    [{ ...notebook(), cells: [{ cell_type: 'code', id: 'a b', source: '', metadata: {}, outputs: [] }] }, /cells\[0\]\.id/],
    [{ ...notebook(), cells: [{ cell_type: 'markdown', id: 'x', source: '' }, { cell_type: 'raw', id: 'x', source: '' }] }, /cells\[1\]\.id: the id 'x' is used/],
    [{ ...notebook(), cells: [{ cell_type: 'python', source: '' }] }, /cells\[0\]\.cell_type/],
    [{ ...notebook(), cells: [{ cell_type: 'markdown', source: '', outputs: [] }] }, /cells\[0\]\.outputs/],
    [{ ...notebook(), cells: [{ cell_type: 'code', source: '', outputs: [{ output_type: 'display_data', data: { 'text/plain': 5 } }] }] }, /cells\[0\]\.outputs\[0\]\.data\["text\/plain"\]/],
  ];
  for (const [content, message] of cases) {
    const res = await saveNotebook(s, `demo/Users/${s.me}/new-bad.ipynb`, content);
    assert.equal(res.status, 400, String(message));
    assert.match(res.json.message, message);
  }
  assert.equal(existsSync(join(s.home, 'new-bad.ipynb')), false);
  assert.deepEqual(readdirSync(s.home).filter((n) => n.endsWith('.tmp')), []);
  const notJson = await fetch(`${s.url}/api/contents/${path}`, { method: 'PUT', headers: { authorization: `token ${s.token}`, 'content-type': 'application/json' }, body: '{"type": "notebook", "content": {' });
  assert.equal(notJson.status, 400);
  assert.match(((await notJson.json()) as any).message, /not JSON/);
  assert.equal(readFileSync(file, 'utf8'), before);
});
