/**
 * TypeScript cells in the Executor: persistence across cells, imports, top-level await,
 * streamed console output, results as Node's REPL prints them, errors citing the cell's lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './exec-harness.ts';

const h = startHarness();

test('declarations persist across cells, with types stripped', async () => {
  const a = await h.run('const x: number = 40\nlet { a, b: [c] } = { a: 1, b: [1] } as const\nvar v\n');
  assert.equal(a.done.status, 'ok', JSON.stringify(a.done));
  assert.equal(a.result, undefined, 'a cell ending in a declaration has no result');
  const b = await h.run('x + a + c');
  assert.equal(b.result, '42');
  assert.equal((await h.run('typeof v')).result, "'undefined'");
});

test('re-running a cell that declares const works and rebinds the name', async () => {
  for (const n of [1, 2]) {
    const r = await h.run(`const again = ${n}\nagain`);
    assert.equal(r.done.status, 'ok', JSON.stringify(r.done));
    assert.equal(r.result, String(n));
  }
});

test('functions (hoisted within the cell) and classes are visible in later cells', async () => {
  const a = await h.run('const before = twice(2)\nfunction twice(n: number): number { return 2 * n }\nclass Point<T> { constructor(public x: T) {} }\n(before)');
  assert.equal(a.result, '4');
  const b = await h.run('new Point(twice(5)).x');
  assert.equal(b.result, '10');
  assert.equal((await h.run('new Point(1) instanceof Point')).result, 'true');
});

test('a class declaration followed by a parenthesized line is not called', async () => {
  const r = await h.run('class K {}\n(1 + 1)');
  assert.equal(r.done.status, 'ok', JSON.stringify(r.done));
  assert.equal(r.result, '2');
});

test('imports: node builtins, named with alias, namespace, a kernel dependency, side effects', async () => {
  const r = await h.run([
    "import { join as joinPath } from 'node:path'",
    "import * as aq from 'arquero'",
    "import os from 'node:os'",
    "import 'node:util'",
    'const t = aq.table({ n: [1, 2, 3] });',
    "[joinPath('a', 'b'), t.numRows(), typeof os.cpus]",
  ].join('\n'));
  assert.equal(r.done.status, 'ok', JSON.stringify(r.done));
  assert.equal(r.result, "[ 'a/b', 3, 'function' ]");
  assert.equal((await h.run('joinPath("x", "y")')).result, "'x/y'", 'imported names persist');
  assert.equal((await h.run("(await import('node:path')).sep")).result, "'/'", 'dynamic import works');
});

test('importing a missing package fails with the module error', async () => {
  const r = await h.run("import nothing from 'no-such-package-huntbook'");
  assert.equal(r.done.status, 'error');
  assert.match(r.done.error!.evalue, /no-such-package-huntbook/);
});

test('top-level await', async () => {
  const r = await h.run('const later = await new Promise<number>((resolve) => setTimeout(() => resolve(7), 5))\nlater * 6');
  assert.equal(r.result, '42');
});

test('console output streams while the cell runs, stdout and stderr apart, formatted as Node does', async () => {
  (globalThis as Record<string, unknown>).__events = h.events;
  const r = await h.run([
    "console.log('first %d', 1, { k: 'v' })",
    "const seenBeforeEnd = (globalThis as any).__events.some((e: any) => e.type === 'stream' && e.text === \"first 1 { k: 'v' }\\n\")",
    'await new Promise((r) => setTimeout(r, 5))',
    "console.error('oops')",
    "console.warn('careful')",
    "console.info('info')",
    'seenBeforeEnd',
  ].join('\n'));
  assert.equal(r.result, 'true', 'the first line was posted before the cell ended');
  assert.equal(r.stdout, "first 1 { k: 'v' }\ninfo\n");
  assert.equal(r.stderr, 'oops\ncareful\n');
  const kinds = r.events.map((e) => e.type);
  assert.deepEqual(kinds.slice(-2), ['result', 'done'], 'outputs come before the result and done');
});

test('results are printed as util.inspect does in the REPL; undefined gives no result', async () => {
  assert.equal((await h.run("'text'")).result, "'text'");
  assert.equal((await h.run('({ a: [1, 2], m: new Map([[1, 2]]) })')).result, '{ a: [ 1, 2 ], m: Map(1) { 1 => 2 } }');
  assert.equal((await h.run('undefined')).result, undefined);
  assert.equal((await h.run('null')).result, 'null');
  const silent = await h.run('123', { silent: true });
  assert.equal(silent.result, undefined, 'a silent execution has no result');
});

test('a runtime error names the cell and its lines, without the kernel frames', async () => {
  const r = await h.run('\n\nfunction fail(): never {\n  throw new TypeError("bad value")\n}\nfail()\n');
  assert.equal(r.done.status, 'error');
  const { ename, evalue, traceback } = r.done.error!;
  assert.equal(ename, 'TypeError');
  assert.equal(evalue, 'bad value');
  assert.equal(traceback[0], 'TypeError: bad value');
  const cellNo = r.id.replace('cell-', '');
  assert.match(traceback[1], new RegExp(`at fail \\(cell\\[${cellNo}\\]:4:`));
  assert.equal(traceback[2].trim(), 'throw new TypeError("bad value")');
  assert.match(traceback[3], new RegExp(`cell\\[${cellNo}\\]:6:`));
  assert.equal(traceback.length, 4, traceback.join('\n'));
});

test('an error on the first line has the column of the cell', async () => {
  const r = await h.run('undefinedName + 1');
  assert.match(r.done.error!.traceback[1], /cell\[\d+\]:1:1\b/);
});

test('an error after await and after a type annotation keeps its line', async () => {
  const r = await h.run('type T = { a: number }\ninterface I {\n  b: string\n}\nawait null\nconst o: T | null = null\n(o as any).a');
  assert.equal(r.done.status, 'error');
  assert.match(r.done.error!.traceback.join('\n'), /cell\[\d+\]:7:/);
});

test('a syntax error cites the line and column', async () => {
  const r = await h.run('const ok = 1\nconst broken = (1 +\n');
  assert.equal(r.done.status, 'error');
  assert.equal(r.done.error!.ename, 'SyntaxError');
  assert.match(r.done.error!.traceback[1], /cell\[\d+\]:3:/);
});

test('a thrown non-error value is reported', async () => {
  const r = await h.run("throw { code: 42 }");
  assert.equal(r.done.status, 'error');
  assert.match(r.done.error!.evalue, /code: 42/);
});

test('a failed cell leaves earlier variables alone; names declared before the failure exist', async () => {
  await h.run('const keep = "kept"');
  await h.run('const partial = 1\nthrow new Error("stop")\nconst never = 2');
  assert.equal((await h.run('[keep, partial]')).result, "[ 'kept', 1 ]");
});

test('user_expressions are evaluated after a successful cell', async () => {
  const r = await h.run('const ue = 5', { userExpressions: { a: 'ue * 2', b: 'missingName' } });
  const ues = r.done.userExpressions as Record<string, Record<string, unknown>>;
  assert.deepEqual(ues.a, { status: 'ok', data: { 'text/plain': '10' }, metadata: {} });
  assert.equal(ues.b.status, 'error');
  assert.equal(ues.b.ename, 'ReferenceError');
});

test('cells queued while one runs run in order', async () => {
  const runs = [h.run('await new Promise((r) => setTimeout(r, 20))\nconst order = ["a"]'), h.run('order.push("b")\norder')];
  const [, second] = await Promise.all(runs);
  assert.equal(second.result, "[ 'a', 'b' ]");
});
