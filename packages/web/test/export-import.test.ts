/**
 * Importing .ipynb files: nbformat 4 notebooks become 4.5 Huntbook notebooks, and Kqlmagic
 * notebooks' cells are mapped (connection strings, setup lines and Kqlmagic-only options dropped,
 * with notes) so that their %%kql cells run as-is in Huntbook's kernel.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importNotebook, importedName, notebookFileText } from '../src/export/import.ts';
import { mapKqlmagicCell } from '../src/export/kqlmagic.ts';

const kqlmagicNotebook = {
  nbformat: 4,
  nbformat_minor: 2,
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  cells: [
    { cell_type: 'code', metadata: {}, execution_count: 1, outputs: [], source: ['!pip install Kqlmagic --no-cache-dir --upgrade\n', '%reload_ext Kqlmagic'] },
    { cell_type: 'code', metadata: {}, execution_count: 2, outputs: [], source: "%kql loganalytics://code().tenant('t').workspace('DEMO_WORKSPACE')" },
    { cell_type: 'markdown', metadata: {}, source: ['# Failed logons\n', 'per account'] },
    { cell_type: 'code', metadata: {}, execution_count: 3, outputs: [], source: '%%kql -pw -timeout 60 failed <<\nSecurityEvent\n| where EventID == 4625\n| summarize count() by Account' },
    { cell_type: 'code', metadata: {}, execution_count: 4, outputs: [], source: "%%kql\nloganalytics://code().tenant('t').workspace('w')\nSigninLogs | take 5" },
    { cell_type: 'code', metadata: {}, execution_count: 5, outputs: [], source: 'df = _kql_raw_result_.to_dataframe()\ndf.head()' },
    { cell_type: 'code', metadata: {}, execution_count: 6, outputs: [], source: 'rows = %kql -displaylimit 5 -query_properties {"a": 1} SecurityEvent | count' },
  ],
};

test('a Kqlmagic notebook becomes a Huntbook notebook whose %%kql cells run as-is', () => {
  const { notebook, notes } = importNotebook(JSON.stringify(kqlmagicNotebook), 'hunt.ipynb');
  assert.equal(notebook.nbformat, 4);
  assert.equal(notebook.nbformat_minor, 5);
  assert.deepEqual(notebook.metadata.kernelspec, { name: 'huntbook', display_name: 'Huntbook (TypeScript + KQL)', language: 'typescript' });
  assert.deepEqual((notebook.metadata.huntbook as { importedFrom: string }).importedFrom, 'kqlmagic');
  const src = notebook.cells.map((c) => c.source as string);
  // setup lines dropped entirely
  assert.equal(src[0], '');
  // a connection line becomes a comment saying why
  assert.match(src[1]!, /^\/\/ %kql connection removed on import/);
  assert.equal(src[2], '# Failed logons\nper account');
  // -pw dropped, -timeout kept, assignment kept, query untouched
  assert.equal(src[3], '%%kql -timeout 60 failed <<\nSecurityEvent\n| where EventID == 4625\n| summarize count() by Account');
  // a connection alone on the body's first line is dropped
  assert.equal(src[4], '%%kql\nSigninLogs | take 5');
  // Python stays as it is, with a note
  assert.equal(src[5], kqlmagicNotebook.cells[5]!.source);
  // python assignment of a line magic -> %kql name <<, -displaylimit renamed, -query_properties {...} dropped with its value
  assert.equal(src[6], '%kql -display_limit 5 rows << SecurityEvent | count');

  const joined = notes.join('\n');
  assert.match(joined, /kernel was 'python3'/);
  assert.match(joined, /cell 1 \(imported-1\): dropped '!pip install Kqlmagic/);
  assert.match(joined, /cell 2 \(imported-2\): dropped the Kqlmagic connection string/);
  assert.match(joined, /cell 4 \(imported-4\): dropped the Kqlmagic option -pw/);
  assert.match(joined, /cell 5 \(imported-5\): dropped the Kqlmagic connection string/);
  assert.match(joined, /cell 6 \(imported-6\): 2 line\(s\) look like Python/);
  assert.match(joined, /dropped the Kqlmagic option -query_properties \{"a": 1\}/);
  // every cell has a valid, unique nbformat 4.5 id
  const ids = notebook.cells.map((c) => c.id as string);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{1,64}$/);
});

test('a Huntbook notebook imports unchanged (ids, sources, outputs kept)', () => {
  const nb = {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: 'huntbook', display_name: 'Huntbook (TypeScript + KQL)', language: 'typescript' } },
    cells: [
      { id: 'q1', cell_type: 'code', metadata: { tags: ['x'] }, execution_count: 7, outputs: [{ output_type: 'stream', name: 'stdout', text: 'hi\n' }], source: '%%kql -quiet x <<\nSecurityEvent | take 1' },
      { id: 'q1', cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: 'x.rows.length' },
      { id: 'bad id!', cell_type: 'raw', metadata: {}, source: 'raw' },
    ],
  };
  const { notebook, notes } = importNotebook(JSON.stringify(nb));
  assert.deepEqual(notes, []);
  assert.equal(notebook.cells[0]!.source, '%%kql -quiet x <<\nSecurityEvent | take 1');
  assert.deepEqual(notebook.cells[0]!.outputs, nb.cells[0]!.outputs);
  assert.equal(notebook.cells[0]!.execution_count, 7);
  assert.equal(notebook.cells[0]!.id, 'q1');
  // a duplicate and an invalid id are replaced
  assert.notEqual(notebook.cells[1]!.id, 'q1');
  assert.notEqual(notebook.cells[2]!.id, 'bad id!');
  assert.equal(notebook.cells[2]!.outputs, undefined);
});

test('what is not a notebook is refused, saying what and where', () => {
  assert.throws(() => importNotebook('{nope', 'a.ipynb'), /a\.ipynb is not JSON/);
  assert.throws(() => importNotebook('[]', 'a.ipynb'), /a\.ipynb is not a notebook/);
  assert.throws(() => importNotebook(JSON.stringify({ nbformat: 3, worksheets: [] }), 'old.ipynb'), /old\.ipynb is nbformat 3/);
  assert.throws(() => importNotebook(JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'heading', source: 'x' }] }), 'b.ipynb'), /b\.ipynb: cell 1 has an unknown cell_type 'heading'/);
});

test('Kqlmagic cell mapping leaves Huntbook magics and queries alone', () => {
  const kept = ['%%kql\nSecurityEvent | take 5', '%%kql -timeout 10 -display_limit 3 r <<\nT | count', '%kql print 1', 'const x = 1;', "%%kql\nlet s = 'loganalytics://not a connection';\nprint s"];
  for (const s of kept) assert.deepEqual(mapKqlmagicCell(s), { source: s, changes: [] }, s);
  // a Database@Cluster shortcut is a connection too, and a negated flag is dropped
  assert.equal(mapKqlmagicCell('%%kql Samples@help -!feedback\nStormEvents | count').source, '%%kql\nStormEvents | count');
  assert.equal(mapKqlmagicCell('%kql -to=30 kusto://code().cluster(\'help\').database(\'Samples\') StormEvents | count').source, '%kql -timeout 30 StormEvents | count');
});

test('file names and file text for export', () => {
  assert.equal(importedName('C:\\Users\\me\\My hunt.ipynb'), 'My hunt.ipynb');
  assert.equal(importedName('a#b?.IPYNB'), 'a_b_.ipynb');
  assert.equal(importedName('..'), 'imported.ipynb');
  const text = notebookFileText({ nbformat: 4, cells: [] });
  assert.equal(text, '{\n "nbformat": 4,\n "cells": []\n}\n');
});
