/**
 * The %kql / %%kql hook of the Executor against a real Huntbook server: the cell's result is the
 * KqlResult's own display, `name <<` assigns a kernel variable, a %kql line's value is an
 * expression's value, kernel variables are query parameters, KQL errors cite the query's line,
 * and completions in KQL come from the KQL part.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './exec-harness.ts';
import { startKqlServer, type KqlServer } from './kql-harness.ts';

const h = startHarness();
let server: KqlServer;
before(async () => { server = await startKqlServer(); });
after(async () => { await server?.close(); });

test('a %%kql cell: its result is the KqlResult displayed with its own bundle; `name <<` assigns', async () => {
  const r = await h.run('%%kql events <<\nSecurityEvent\n| take 3\n| project EventID');
  assert.equal(r.done.status, 'ok', JSON.stringify(r.done));
  const result = r.events.find((e) => e.type === 'result');
  assert.ok(result && result.type === 'result');
  assert.ok('application/vnd.dataresource+json' in result.bundle.data, Object.keys(result.bundle.data).join());
  const n = await h.run('[events.length, events.columns.map((c) => c.name), _kql_raw_result_ === events]');
  assert.equal(n.result, "[ 3, [ 'EventID' ], true ]");
});

test('a %kql line inside a TypeScript cell is an awaited expression using kernel variables as parameters', async () => {
  const r = await h.run([
    'const wanted = 7',
    'const res =',
    '%kql let w = wanted; print n = w * 6',
    'res.toArray()[0].n',
  ].join('\n'));
  assert.equal(r.done.status, 'ok', r.done.error?.traceback.join('\n'));
  assert.equal(r.result, '42');
});

test('a %kql line as the last line is the result', async () => {
  const r = await h.run('%kql print s = "hi"');
  const result = r.events.find((e) => e.type === 'result');
  assert.ok(result && result.type === 'result');
  assert.match(result.bundle.data['text/plain'] as string, /hi/);
});

test('a bad query fails the cell with the KQL error and no kernel frames', async () => {
  const r = await h.run('%%kql\nSecurityEvent\n| where NoSuchColumn == 1');
  assert.equal(r.done.status, 'error');
  assert.equal(r.done.error!.ename, 'KqlQueryError');
  assert.match(r.done.error!.evalue, /^line 3, column 9: /, "the line of the cell");
  assert.ok(r.done.error!.traceback.every((l) => !/packages\/kernel\/src/.test(l)), r.done.error!.traceback.join('\n'));
});

test('a failing %kql line cites its line in the TypeScript cell', async () => {
  const r = await h.run('const a = 1\n\n%kql print n = notAVariable');
  assert.equal(r.done.error?.ename, 'KqlQueryError');
  const tb = r.done.error!.traceback;
  const at = tb.findIndex((l) => /cell\[\d+\]:3:/.test(l));
  assert.ok(at > 0, tb.join('\n'));
  assert.equal(tb[at + 1].trim(), '%kql print n = notAVariable', 'the cell line, as written, is quoted');
});

test('completions in a %%kql cell and a %kql line come from the KQL part (tables of the workspace)', async () => {
  const cell = '%%kql\nSecurityEv';
  const r = await h.ask({ type: 'complete', code: cell, cursorPos: cell.length });
  assert.equal(r.status, 'ok', JSON.stringify(r));
  assert.ok((r.matches as string[]).includes('SecurityEvent'), JSON.stringify(r.matches));
  assert.equal(r.cursor_start, cell.length - 'SecurityEv'.length);
  assert.equal(r.cursor_end, cell.length);
  const line = 'const x = 1\n%kql SecurityEv';
  const l = await h.ask({ type: 'complete', code: line, cursorPos: line.length });
  assert.ok((l.matches as string[]).includes('SecurityEvent'), JSON.stringify(l.matches));
  assert.equal(l.cursor_start, line.length - 'SecurityEv'.length);
});
