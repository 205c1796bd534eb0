/** The huntbook command, run as a real process. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/huntbook.js', import.meta.url));

function huntbook(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('query prints a readable table, json and csv', () => {
  const t = huntbook(['query', "print x = 1, y = 'a,b'"]);
  assert.equal(t.code, 0, t.err);
  assert.match(t.out, /│ x │ y   │/);
  assert.match(t.out, /│ 1 │ a,b │/);
  const j = JSON.parse(huntbook(['query', '--format', 'json', 'range x from 1 to 2 step 1']).out);
  assert.deepEqual(j.columns, [{ name: 'x', type: 'long' }]);
  assert.deepEqual(j.rows, [[1], [2]]);
  assert.equal(huntbook(['query', '--format=csv', "print s = 'a,\"b'"]).out, 's\n"a,""b"\n');
});

test('query reads standard input when no query is given', () => {
  const r = huntbook(['query', '--format', 'csv'], 'print 40 + 2');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'print_0\n42\n');
});

test('batch answers each line in order and one bad query never stops it', () => {
  const input = ['{"id":"a","query":"print 1"}', '{"id":"b","query":"print nope"}', 'not json', '{"id":"c","query":"range x from 1 to 2 step 1"}'].join('\n');
  const r = huntbook(['query', '--batch'], input);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  assert.deepEqual(lines[0].rows, [[1]]);
  assert.equal(typeof lines[0].stats.parse_ms, 'number');
  assert.equal(lines[1].id, 'b');
  assert.deepEqual([lines[1].error.line, lines[1].error.column], [1, 7]);
  assert.match(lines[1].error.message, /nope/);
  assert.ok(lines[2].error);
  assert.deepEqual(lines[3].rows, [[1], [2]]);
});

test('explain prints SQL; bad queries exit 1 with the position; bad usage exits 2', () => {
  const e = huntbook(['explain', 'range x from 1 to 3 step 1 | where x > 1']);
  assert.equal(e.code, 0, e.err);
  assert.match(e.out, /^SELECT/);
  const bad = huntbook(['query', 'print 1 | bogus']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /line 1, column 11/);
  assert.equal(huntbook(['query', '--format', 'xml', 'print 1']).code, 2);
  assert.equal(huntbook(['frobnicate']).code, 2);
  assert.equal(huntbook(['query', '--db', '/nonexistent/x.duckdb', 'print 1']).code, 2);
});
