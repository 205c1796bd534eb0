/**
 * KQL completions in magics: table and column names from the workspace schema (fetched from a
 * real server), positions mapped around the options and `name <<`, option names, and completion
 * without a schema when the server is not known.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { completeKql, clearSchemaCache } from '../src/kql/index.ts';
import { startKqlServer, withEnv, type KqlServer } from './kql-harness.ts';

let server: KqlServer;
before(async () => { server = await startKqlServer(); clearSchemaCache(); });
after(async () => { await server?.close(); });

/** complete at the end of the text */
const at = (code: string) => completeKql(code, code.length);

test('a table name completes from the workspace schema', async () => {
  const r = await at('Securi');
  assert.ok(r.matches.includes('SecurityEvent'), r.matches.join(','));
  assert.ok(r.matches.includes('SecurityAlert'));
  assert.ok(r.matches.every((m) => m.toLowerCase().startsWith('securi')));
  assert.deepEqual([r.cursorStart, r.cursorEnd], [0, 6]);
});

test('a column name completes after the options and `name <<` of a cell', async () => {
  const code = ' -timeout 5 events <<\nSecurityEvent\n| where Even';
  const r = await at(code);
  assert.ok(r.matches.includes('EventID'), r.matches.join(','));
  assert.ok(!r.matches.includes('SecurityEvent'));
  assert.deepEqual([r.cursorStart, r.cursorEnd], [code.length - 4, code.length]);
  // in the middle of the text: only what is before the cursor counts
  const mid = 'SigninLogs | project UserP | take 1';
  const m = await completeKql(mid, mid.indexOf(' | take'));
  assert.ok(m.matches.includes('UserPrincipalName'), m.matches.join(','));
  assert.equal(m.cursorStart, mid.indexOf('UserP'));
});

test('functions complete by name, without their signature', async () => {
  const r = await at('SecurityEvent | extend x = strl');
  assert.ok(r.matches.includes('strlen'), r.matches.join(','));
});

test('option names complete before the query', async () => {
  assert.deepEqual((await at('-disp')).matches, ['-display_limit']);
  assert.deepEqual(await at('-timeout 5 -'), { matches: ['-timeout', '-display_limit', '-workspace', '-quiet'], cursorStart: 11, cursorEnd: 12 });
  // in the query, a minus is KQL
  assert.ok(!(await at('print x = 1 -')).matches.includes('-quiet'));
});

test('-workspace picks the schema; without a server, keywords and functions still complete', async () => {
  const other = await at('-workspace nosuchws Securi');
  assert.ok(!other.matches.includes('SecurityEvent'));
  await withEnv({ HUNTBOOK_URL: undefined }, async () => {
    const r = await at('SecurityEvent | summ');
    assert.ok(r.matches.includes('summarize'), r.matches.join(','));
    assert.ok(!(await at('Securi')).matches.includes('SecurityEvent'));
  });
});
