/**
 * Hostile input: string literals, column names and table names that look like SQL must come
 * back exactly as they went in, and nothing else may run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, schema, db } from './helpers.ts';

const HOSTILE = [
  "it's",
  'say "hi"',
  "'; DROP TABLE victim; --",
  '"; DROP TABLE victim; --',
  '$$ $tag$ body $tag$ $$',
  'back\\slash \\\' \\" end\\',
  "E'\\x41' U&'\\0041'",
  '😀 ñ 中文 \u200b zero-width',
  '/* comment */ -- line',
  "'' ''' ''''",
];

/** A KQL string literal for any text: double-quoted, with Kusto's escapes. */
function kqlString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

async function victimExists(): Promise<boolean> {
  const r = await (await db()).sql(`SELECT count(*) FROM information_schema.tables WHERE table_name = 'victim'`);
  return Number(r[0]![0]) === 1;
}

test('set-up: a victim table that hostile text must not drop', async () => {
  await (await db()).sql('CREATE OR REPLACE TABLE victim AS SELECT 42 AS answer');
  assert.equal(await victimExists(), true);
});

test('hostile string literals round-trip exactly', async () => {
  for (const s of HOSTILE) {
    assert.equal(await value(`print x = ${kqlString(s)}`), s, s);
    // verbatim and single-quoted forms too, where they can hold the text
    if (!s.includes('"')) assert.equal(await value(`print x = @"${s}"`), s, s);
    if (!s.includes("'") && !s.includes('\\')) assert.equal(await value(`print x = '${s}'`), s, s);
  }
  assert.equal(await victimExists(), true);
});

test('hostile strings pass through the string functions unchanged', async () => {
  for (const s of HOSTILE) {
    const k = kqlString(s);
    assert.deepEqual(await rows(`print strcat(${k}, ""), replace_string(${k}, "zzz", "y"), strlen(${k}), tostring(split(${k}, "\\u0001")[0]), trim(@"\\A\\z", ${k})`), [[s, s, [...s].length, s, s]], s);
    assert.equal(await value(`print base64_decode_tostring(base64_encode_tostring(${k}))`), s, s);
    assert.equal(await value(`print url_decode(url_encode_component(${k}))`), s, s);
    assert.equal(await value(`print tostring(parse_csv(strcat('"', replace_string(${k}, '"', '""'), '"'))[0])`), s, s);
    assert.equal(await value(`print extract("^(.*)$", 1, ${k})`), s, s);
  }
  // hostile text as the pattern and the replacement
  assert.equal(await value(`print replace_string("a'b", "'", "'; DROP TABLE victim; --")`), "a'; DROP TABLE victim; --b");
  assert.equal(await value(`print replace_regex("a'b", "'", @"\\0\\0")`), "a''b");
  assert.equal(await value(`print countof("x'; DROP TABLE victim; --'y", "'")`), 2);
  assert.equal(await victimExists(), true);
});

test('NUL characters round-trip, in stored data and in literals', async () => {
  const d = await db();
  await d.sql(`CREATE OR REPLACE TABLE nul_text AS SELECT 'a' || chr(0) || 'b' AS s`);
  d.invalidateSchema();
  assert.deepEqual(await rows('nul_text | project s, strlen(s), toupper(s), reverse(s)'), [['a\u0000b', 3, 'A\u0000B', 'b\u0000a']]);
  // the literal quoting (quote.ts str()) writes NUL as chr(0)
  assert.equal(await value('print x = "a\\u0000b"'), 'a\u0000b');
  assert.equal(await value('print x = strlen("\\u0000\\u0000")'), 2);
  assert.equal(await victimExists(), true);
});

test('hostile column names are quoted everywhere', async () => {
  const T = `datatable(['a"b']:string, ['x; drop']:long, ['it\\'s']:string)["v1", 1, "w1", "v2", 2, "w2"]`;
  assert.deepEqual(await schema(T), ['a"b:string', 'x; drop:long', "it's:string"]);
  assert.deepEqual(await rows(`${T} | where ['x; drop'] > 1 | project ['a"b'], ['it\\'s']`), [['v2', 'w2']]);
  assert.deepEqual(await rows(`${T} | extend ['"); DROP TABLE victim; --'] = strcat(['a"b'], ['it\\'s']) | summarize n = count() by ['"); DROP TABLE victim; --'] | order by n desc, ['"); DROP TABLE victim; --'] asc`), [['v1w1', 1], ['v2w2', 1]]);
  assert.deepEqual(await schema(`${T} | project ['$$'] = ['x; drop'] * 2`), ['$$:long']);
  assert.equal(await victimExists(), true);
});

test('a table whose name and columns are hostile SQL is queried as data', async () => {
  const d = await db();
  const table = `we'ird "tbl"; DROP TABLE victim; --`;
  const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
  await d.sql(`CREATE OR REPLACE TABLE ${q(table)} (id INTEGER, ${q('col"q')} VARCHAR, ${q("x'; drop")} BIGINT)`);
  await d.sql(`INSERT INTO ${q(table)} VALUES (1, 'one', 10), (2, '''; DELETE FROM victim; --', 20)`);
  d.invalidateSchema();
  const name = `[${kqlString(table)}]`;
  assert.deepEqual(await schema(name), ['id:int', 'col"q:string', "x'; drop:long"]);
  assert.deepEqual(await rows(`${name} | order by id asc | project ['col"q'], ['x\\'; drop']`), [['one', 10], ["'; DELETE FROM victim; --", 20]]);
  assert.deepEqual(await rows(`${name} | where ['col"q'] has "DELETE" | project id`), [[2]]);
  assert.deepEqual(await rows(`${name} | join kind=inner (${name} | project id, other = ['x\\'; drop']) on id | project id, other | order by id asc`), [[1, 10], [2, 20]]);
  assert.equal(await victimExists(), true);
  assert.deepEqual(await d.sql('SELECT answer FROM victim'), [[42]]);
});
