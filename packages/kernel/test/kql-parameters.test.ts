/**
 * Kernel values as query parameters: `let x = someVar;` takes the variable's value as a typed
 * KQL literal. Each type goes through a real server and comes back equal; hostile strings stay
 * strings; names inside literals and comments are left alone; what has no literal is an error
 * naming the variable.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runKqlMagic, KqlResult, KqlParameterError, kqlLiteral, kqlString } from '../src/kql/index.ts';
import { bindParameters, originalOffset } from '../src/kql/parameters.ts';
import { scan } from '../src/kql/scan.ts';
import { startKqlServer, testHost, type KqlServer } from './kql-harness.ts';

let server: KqlServer;
before(async () => { server = await startKqlServer(); });
after(async () => { await server?.close(); });

/** Run `%kql` with these kernel variables; the result. */
async function run(query: string, vars: Record<string, unknown>): Promise<KqlResult> {
  const r = await runKqlMagic(query, testHost(vars), 'line');
  assert.ok(r instanceof KqlResult);
  return r;
}

const HOSTILE = [
  `it's "quoted"`,
  'back\\slash\\ and \\" and \\\'',
  'line1\nline2\r\n\ttabbed',
  '"; drop table SecurityEvent; //',
  "'); print pwned='yes",
  '``` fence ``` and @"verbatim" and h\'hidden\'',
  'nul\u0000 bell\u0007 del\u007f ls\u2028 ps\u2029',
  'ünïcödé 😀 日本',
  '',
  '} ] ) ; let x = 1;',
];

test('hostile strings come back exactly as they were', async () => {
  for (const s of HOSTILE) {
    const r = await run('let v = s; print v = v, n = strlen(v)', { s });
    assert.deepEqual(r.columns, [{ name: 'v', type: 'string' }, { name: 'n', type: 'long' }], JSON.stringify(s));
    assert.equal(r.rows[0]![0], s, JSON.stringify(s));
    assert.equal(r.rows.length, 1);
  }
});

test('the string renderer escapes quotes, backslashes and controls, and nothing else', () => {
  assert.equal(kqlString('a"b\\c\nd\re\tf'), '"a\\"b\\\\c\\nd\\re\\tf"');
  assert.equal(kqlString('\u0000\u001f\u2028'), '"\\u0000\\u001f\\u2028"');
  assert.equal(kqlString("it's é"), '"it\'s é"');
});

test('numbers: safe integers are long, others real, non-finite ones too; bigint is long', async () => {
  assert.equal(kqlLiteral(42, 'n'), 'long(42)');
  assert.equal(kqlLiteral(-1.5, 'n'), 'real(-1.5)');
  assert.equal(kqlLiteral(Number.NaN, 'n'), 'real(nan)');
  assert.equal(kqlLiteral(2 ** 60, 'n'), 'real(1152921504606847000)');
  assert.equal(kqlLiteral(9007199254740993n, 'n'), 'long(9007199254740993)');
  assert.throws(() => kqlLiteral(2n ** 64n, 'big'), /kernel variable 'big' is 18446744073709551616, beyond KQL's 64-bit long/);
  const r = await run('let a = i; let b = f; let c = inf; let d = nan; let e = big; print a, b, c, d, e', { i: -7, f: 0.25, inf: -Infinity, nan: NaN, big: 123456789012345n });
  assert.deepEqual(r.columns.map((c) => c.type), ['long', 'real', 'real', 'real', 'long']);
  assert.deepEqual(r.rows[0], [-7, 0.25, '-Infinity', 'NaN', 123456789012345]);
});

test('booleans and Dates', async () => {
  const when = new Date('2024-03-01T12:34:56.789Z');
  const r = await run('let b = yes; let t = when; print b, t, later = t + 1d', { yes: true, when });
  assert.deepEqual(r.columns.map((c) => c.type), ['bool', 'datetime', 'datetime']);
  assert.deepEqual(r.rows[0], [true, '2024-03-01T12:34:56.789Z', '2024-03-02T12:34:56.789Z']);
  assert.throws(() => kqlLiteral(new Date('nope'), 'd'), /kernel variable 'd' is an invalid Date/);
  assert.throws(() => kqlLiteral(new Date(Date.UTC(10000, 0, 1)), 'far'), /'far' is a Date .* outside KQL's years 1 to 9999/);
});

test('arrays and objects are dynamic values with JSON\'s rules', async () => {
  const obj = { 'we"ird\\key': ['x\ny', 1, 2.5, true, null, { deep: [-1] }], when: new Date('2024-01-01T00:00:00Z'), skip: undefined };
  const r = await run('let o = obj; let a = arr; print o, a, n = array_length(a)', { obj, arr: [1, 'two', [3]], });
  assert.deepEqual(r.columns.map((c) => c.type), ['dynamic', 'dynamic', 'long']);
  assert.deepEqual(r.rows[0]![0], JSON.parse(JSON.stringify(obj)));
  assert.deepEqual(r.rows[0]![1], [1, 'two', [3]]);
  assert.equal(r.rows[0]![2], 3);
  // a dynamic array works with `in`
  const ids = await run('let wanted = ids; datatable(id:long)[1, 2, 3, 4] | where id in (wanted)', { ids: [2, 4] });
  assert.deepEqual(ids.rows, [[2], [4]]);
  assert.equal(kqlLiteral(new Set([1, 2]), 's'), 'dynamic([1, 2])');
  assert.equal(kqlLiteral(new Map([['k', 'v']]), 'm'), 'dynamic({"k": "v"})');
});

test('an array of plain objects is a datatable with types inferred from its values', async () => {
  const events = [
    { host: 'web-1', n: 1, score: 0.5, ok: true, at: new Date('2024-01-01T00:00:00Z'), tags: ['a'], mixed: 1 },
    { host: 'db "2"', n: 5, score: 2, ok: false, at: new Date('2024-01-02T00:00:00Z'), tags: [], mixed: 'x' },
    { host: 'web-3', n: 9, ok: null, extra: 'late column' },
  ];
  const literal = kqlLiteral(events, 'events');
  assert.match(literal, /^datatable\(host:string, n:long, score:real, ok:bool, at:datetime, tags:dynamic, mixed:dynamic, extra:string\)\[/);
  const r = await run('let t = events; t | where n > 1 | order by n asc', { events });
  assert.deepEqual(r.columns, [
    { name: 'host', type: 'string' }, { name: 'n', type: 'long' }, { name: 'score', type: 'real' }, { name: 'ok', type: 'bool' },
    { name: 'at', type: 'datetime' }, { name: 'tags', type: 'dynamic' }, { name: 'mixed', type: 'dynamic' }, { name: 'extra', type: 'string' },
  ]);
  assert.deepEqual(r.rows, [
    ['db "2"', 5, 2, false, '2024-01-02T00:00:00Z', [], 'x', ''],
    ['web-3', 9, null, null, null, null, null, 'late column'],
  ]);
  // column names that are not identifiers are quoted
  const odd = await run('let t = rows; t | project c = [\'a b\'], d = ["it\'s"]', { rows: [{ 'a b': 1, "it's": 'x' }] });
  assert.deepEqual(odd.rows, [[1, 'x']]);
});

test('a KqlResult is a table parameter with its own column types, and toArray() round-trips', async () => {
  const first = await run('datatable(id:long, at:datetime, span:timespan, g:guid, d:dynamic, s:string)[1, datetime(2024-05-01T10:00:00.1234567Z), time(1.02:03:04), guid(00000000-0000-0000-0000-00000000000a), dynamic({"k":1}), "x\\"y"]', {});
  const again = await run('let t = prev; t | extend span2 = span * 2', { prev: first });
  assert.deepEqual(again.rows[0], [...first.rows[0]!, '2.04:06:08']);
  assert.deepEqual(again.columns.slice(0, 6), first.columns);
  const viaArray = await run('let t = objs; t | project id, at', { objs: first.toArray() });
  assert.deepEqual(viaArray.columns, [{ name: 'id', type: 'long' }, { name: 'at', type: 'datetime' }]);
  assert.deepEqual(viaArray.rows, [[1, '2024-05-01T10:00:00.123Z']]); // a Date keeps milliseconds
});

test('null, undefined, functions-as-values and cycles are errors naming the variable', async () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  for (const [name, value, message] of [
    ['missing', null, /kernel variable 'missing' is null/],
    ['unset', undefined, /kernel variable 'unset' is undefined/],
    ['loop', cyclic, /kernel variable 'loop' refers to itself/],
    ['empty', [{}], /kernel variable 'empty' is an array of objects without properties/],
  ] as const) {
    await assert.rejects(runKqlMagic(`let x = ${name}; print x`, testHost({ [name]: value }), 'line'), (e: Error) => {
      assert.ok(e instanceof KqlParameterError, String(e));
      assert.equal(e.variable, name);
      assert.match(e.message, message);
      return true;
    });
  }
});

test('names the kernel does not know, and functions (classes such as Event), are left to KQL', async () => {
  const r = await run('let t = Event; let s = SecurityEvent; union (t | take 0 | project EventID), (s | take 2 | project EventID) | count', { Event: class Event {} });
  assert.deepEqual(r.rows, [[2]]);
});

test('only `let x = name;` outside literals and comments is bound, and earlier lets win', async () => {
  const q = 'let a = "let b = v;"; // let c = v;\nlet d = v; let v2 = 1; let w = v2; print a, d, w';
  const bound = bindParameters(q, (n) => (n === 'v' || n === 'v2' ? { found: true, value: n === 'v' ? 5 : 99 } : { found: false }));
  assert.deepEqual(bound.parameters, ['v']);
  assert.equal(bound.text, q.replace('let d = v;', 'let d = long(5);'));
  const r = await run(q, { v: 5, v2: 99 });
  assert.deepEqual(r.rows, [['let b = v;', 5, 1]]);
  // not a whole statement: left alone
  assert.equal(bindParameters('let x = v + 1; print x', () => ({ found: true, value: 1 })).text, 'let x = v + 1; print x');
  assert.equal(bindParameters('print v', () => ({ found: true, value: 1 })).text, 'print v');
  // a bracketed name binds too, and `let x = x;` takes the kernel's x
  assert.equal(bindParameters("let ['my x'] = x; print ['my x']", () => ({ found: true, value: 'q' })).text, 'let [\'my x\'] = "q"; print [\'my x\']');
});

test('offsets in the sent text map back to the text the user wrote', () => {
  const q = 'let a = v; print a, foo';
  const bound = bindParameters(q, () => ({ found: true, value: 'a long string value' }));
  const sentFoo = bound.text.indexOf('foo');
  assert.equal(originalOffset(sentFoo, bound.splices), q.indexOf('foo'));
  assert.equal(originalOffset(bound.text.indexOf('long'), bound.splices), q.indexOf('v;'));
  assert.equal(originalOffset(3, bound.splices), 3);
});

test('the lexer keeps verbatim, obfuscated and fenced literals and comments whole', () => {
  const kinds = (s: string) => scan(s).filter((t) => t.kind !== 'space').map((t) => `${t.kind}:${t.text}`);
  assert.deepEqual(kinds(`@'a''b' h"x\\"y" H@"q""" \`\`\`m\nl\`\`\` // c ; let\nx`), [
    "string:@'a''b'", 'string:h"x\\"y"', 'string:H@"q"""', 'string:```m\nl```', 'comment:// c ; let', 'ident:x',
  ]);
  assert.deepEqual(kinds('hello 10d 1.5e3 $left'), ['ident:hello', 'number:10d', 'number:1.5e3', 'ident:$left']);
});
