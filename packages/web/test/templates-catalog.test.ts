/**
 * The shipped templates (templates/*.ipynb: nbformat 4.5 with ids, the Huntbook kernelspec,
 * metadata.huntbook.template) and the gallery's pure parts: template info, the data check
 * against a workspace's tables, the copy's name and content.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availability, copyName, notebookFromTemplate, templateInfo } from '../src/templates/catalog.ts';

const DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.ipynb'));

test('the two templates ship', () => {
  assert.ok(files.includes('Getting Started with Huntbook.ipynb'));
  assert.ok(files.includes('Credential Scan.ipynb'));
});

for (const f of files) {
  test(`${f} is an nbformat 4.5 Huntbook notebook that describes itself`, () => {
    const nb = JSON.parse(readFileSync(DIR + f, 'utf8'));
    assert.equal(nb.nbformat, 4);
    assert.equal(nb.nbformat_minor, 5);
    assert.equal(nb.metadata.kernelspec.name, 'huntbook');
    const ids = nb.cells.map((c: { id: string }) => c.id);
    assert.equal(new Set(ids).size, ids.length, 'cell ids are unique');
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{1,64}$/);
    for (const c of nb.cells) {
      if (c.cell_type === 'code') {
        assert.deepEqual(c.outputs, [], `${f}: cell ${c.id} ships without outputs`);
        assert.equal(c.execution_count, null);
      }
    }
    const info = templateInfo(`demo/Templates/${f}`, nb);
    assert.ok(info.title.length > 0 && info.description.length > 40, 'a title and a real description');
    assert.ok(info.dataTypes.length > 0, 'the tables it needs');
    assert.ok(info.tags.length > 0);
    // every table it needs is one its KQL names
    const code = nb.cells.map((c: { source: string }) => c.source).join('\n');
    for (const t of info.dataTypes) assert.match(code, new RegExp(`\\b${t}\\b`), `${f} uses ${t}`);
  });
}

test('template info falls back on the file name', () => {
  assert.deepEqual(templateInfo('demo/Templates/My hunt.ipynb', { metadata: {} }), {
    path: 'demo/Templates/My hunt.ipynb', name: 'My hunt.ipynb', title: 'My hunt', description: '', dataTypes: [], tags: [],
  });
});

test('availability counts only tables with rows', () => {
  const tables = [{ name: 'SecurityEvent', rows: 10 }, { name: 'SigninLogs', rows: 0 }, { name: 'securityevent2', rows: 3 }];
  assert.deepEqual(availability(['SecurityEvent', 'SigninLogs', 'Syslog'], tables), { ready: false, present: ['SecurityEvent'], missing: ['SigninLogs', 'Syslog'] });
  assert.deepEqual(availability(['SecurityEvent'], tables), { ready: true, present: ['SecurityEvent'], missing: [] });
  assert.deepEqual(availability([], []), { ready: true, present: [], missing: [] });
});

test('the copy name is the typed name with .ipynb, or says what is wrong', () => {
  assert.deepEqual(copyName('  My scan '), { name: 'My scan.ipynb' });
  assert.deepEqual(copyName('x.IPYNB'), { name: 'x.ipynb' });
  assert.match((copyName('') as { error: string }).error, /give the notebook a name/);
  assert.match((copyName('a/b') as { error: string }).error, /cannot contain \//);
  assert.match((copyName('..') as { error: string }).error, /dot/);
});

test('a copy keeps the cells, clears outputs and says where it came from', () => {
  const nb = JSON.parse(readFileSync(DIR + 'Getting Started with Huntbook.ipynb', 'utf8'));
  nb.cells[2].outputs = [{ output_type: 'stream', name: 'stdout', text: 'x' }];
  const copy = notebookFromTemplate(nb, 'demo/Templates/Getting Started with Huntbook.ipynb') as typeof nb;
  assert.equal(copy.cells.length, nb.cells.length);
  assert.deepEqual(copy.cells.map((c: { id: string }) => c.id), nb.cells.map((c: { id: string }) => c.id));
  assert.ok(copy.cells.every((c: { outputs?: unknown[] }) => c.outputs === undefined || c.outputs.length === 0));
  assert.equal(copy.metadata.huntbook.template, undefined, 'a copy is not a template');
  assert.deepEqual(copy.metadata.huntbook.fromTemplate, { path: 'demo/Templates/Getting Started with Huntbook.ipynb', title: 'Getting Started with Huntbook' });
  assert.equal(nb.cells[2].outputs.length, 1, 'the template itself is untouched');
});
