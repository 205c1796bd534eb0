/**
 * NotebookFiles, the kernel manager's access to notebooks (app.huntbook.notebooks, the same
 * instance as ServerContext.notebooks): read by contents path, change in place under the same
 * per-file lock as PUT, so recorded outputs and browser saves never lose each other's writes
 * half-way; Templates stay read-only; a change that breaks the notebook writes nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call } from './server-helpers.ts';
import { notebook, saveNotebook, startContentsServer, type ContentsServer } from './contents-helpers.ts';

let s: ContentsServer;
let path: string;
before(async () => {
  s = await startContentsServer();
  path = `demo/Users/${s.me}/rec.ipynb`;
  assert.equal((await saveNotebook(s, path, notebook('%%kql\nSecurityEvent | count'))).status, 201);
});
after(async () => { await s?.close(); });

test('workspaceOf and readNotebook', async () => {
  const files = s.app.huntbook.notebooks;
  assert.equal(files.workspaceOf(path), 'demo');
  assert.equal(files.workspaceOf(''), undefined);
  const nb = await files.readNotebook(path);
  assert.equal(nb?.cells[1].source, '%%kql\nSecurityEvent | count');
  assert.equal(await files.readNotebook(`demo/Users/${s.me}/none.ipynb`), undefined);
  assert.equal((await files.readNotebook('demo/Templates/getting-started.ipynb'))?.cells.length, 2);
  assert.throws(() => files.workspaceOf('demo/../x'), /'\.\.'/);
});

test('mutateNotebook writes outputs the contents API then shows', async () => {
  const files = s.app.huntbook.notebooks;
  const ok = await files.mutateNotebook(path, (nb) => {
    const cell = nb.cells.find((c) => c.id === 'run')!;
    cell.outputs = [{ output_type: 'execute_result', execution_count: 7, data: { 'text/plain': 'line 1\nline 2' }, metadata: {} }];
    cell.execution_count = 7;
  });
  assert.equal(ok, true);
  const got = await call(s, 'GET', `/api/contents/${path}`);
  assert.equal(got.json.content.cells[1].execution_count, 7);
  assert.equal(got.json.content.cells[1].outputs[0].data['text/plain'], 'line 1\nline 2');
  const disk = JSON.parse(readFileSync(join(s.home, 'rec.ipynb'), 'utf8'));
  assert.deepEqual(disk.cells[1].outputs[0].data['text/plain'], ['line 1\n', 'line 2']);
});

test('mutateNotebook is false for a missing notebook and for Templates (read-only)', async () => {
  const files = s.app.huntbook.notebooks;
  let called = false;
  assert.equal(await files.mutateNotebook(`demo/Users/${s.me}/none.ipynb`, () => { called = true; }), false);
  assert.equal(await files.mutateNotebook('demo/Templates/getting-started.ipynb', () => { called = true; }), false);
  assert.equal(called, false);
});

test('a change that breaks the notebook is refused and nothing is written', async () => {
  const files = s.app.huntbook.notebooks;
  const before = readFileSync(join(s.home, 'rec.ipynb'), 'utf8');
  await assert.rejects(files.mutateNotebook(path, (nb) => { (nb.cells[1] as any).outputs = [{ output_type: 'nope' }]; }), /cells\[1\]\.outputs\[0\]\.output_type/);
  assert.equal(readFileSync(join(s.home, 'rec.ipynb'), 'utf8'), before);
});

test('mutations never lose one another; with PUT saves in between the file on disk is always a whole notebook', async () => {
  const files = s.app.huntbook.notebooks;
  const file = join(s.home, 'rec.ipynb');
  await saveNotebook(s, path, notebook('y'));
  const n = 40;
  await Promise.all(Array.from({ length: n }, (_, i) => files.mutateNotebook(path, (doc) => {
    doc.cells[1].outputs!.push({ output_type: 'stream', name: 'stdout', text: `again ${i}\n` });
  })));
  const after = await files.readNotebook(path);
  const again = (after!.cells[1].outputs as { text: string }[]).filter((o) => o.text.startsWith('again')).map((o) => o.text).sort();
  assert.deepEqual(again, Array.from({ length: n }, (_, i) => `again ${i}\n`).sort());

  // a reader polling the file while mutations and saves run finds a whole notebook every time
  let done = false;
  let reads = 0;
  const reader = (async () => {
    while (!done) {
      JSON.parse(readFileSync(file, 'utf8'));
      reads++;
      await new Promise((r) => setImmediate(r));
    }
  })();
  const big = 'z'.repeat(200_000);
  await Promise.all([
    ...Array.from({ length: n }, (_, i) => files.mutateNotebook(path, (doc) => {
      doc.cells[1].outputs!.push({ output_type: 'stream', name: 'stdout', text: `${big}${i}\n` });
    })),
    ...Array.from({ length: 5 }, (_, i) => saveNotebook(s, path, { ...notebook(big), metadata: { saved: i } })),
  ]);
  done = true;
  await reader;
  assert.ok(reads > 0);
  assert.ok(await files.readNotebook(path));
});
