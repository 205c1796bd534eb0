/** search: term semantics (has / prefix / suffix / contains / regex), column terms, several tables with $table. */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { db, rows, schema, error } from './helpers.ts';

before(async () => {
  const d = await db();
  await d.sql(`CREATE TABLE SrchProc (Host VARCHAR, Cmd VARCHAR, Pid BIGINT)`);
  await d.sql(`INSERT INTO SrchProc VALUES ('ws1', 'powershell.exe -enc AAA', 10), ('ws2', 'cmd.exe /c whoami', 20), ('srv1', 'Notepad.exe report.txt', 30)`);
  await d.sql(`CREATE TABLE SrchNet (Host VARCHAR, RemoteIp VARCHAR, Port BIGINT)`);
  await d.sql(`INSERT INTO SrchNet VALUES ('ws1', '10.0.0.5', 443), ('srv9', '8.8.8.8', 53)`);
  d.invalidateSchema();
});

test('a piped search matches whole terms in any column, case-insensitively, and adds $table', async () => {
  assert.deepEqual(await schema(`SrchProc | search "whoami"`), ['$table:string', 'Host:string', 'Cmd:string', 'Pid:long']);
  assert.deepEqual(await rows(`SrchProc | search "WHOAMI"`), [['SrchProc', 'ws2', 'cmd.exe /c whoami', 20]]);
  // "power" is not a whole term of "powershell.exe"
  assert.deepEqual(await rows(`SrchProc | search "power" | project Host`), []);
  // numbers are searched as text too
  assert.deepEqual(await rows(`SrchProc | search "30" | project Host`), [['srv1']]);
});

test('wildcards: x* is hasprefix, *x hassuffix, *x* contains, a*b a regex between term boundaries', async () => {
  assert.deepEqual(await rows(`SrchProc | search "power*" | project Host`), [['ws1']]);
  assert.deepEqual(await rows(`SrchProc | search "*pad" | project Host`), [['srv1']]);
  assert.deepEqual(await rows(`SrchProc | search "*note" | project Host`), []);
  assert.deepEqual(await rows(`SrchProc | search "*ersh*" | project Host`), [['ws1']]);
  assert.deepEqual(await rows(`SrchProc | search "note*txt" | project Host`), [['srv1']]);
  assert.deepEqual(await rows(`SrchProc | search "ote*txt" | project Host`), []);
  assert.deepEqual(await rows(`SrchProc | search * | count`), [[3]]);
});

test('column terms, boolean combinations, ordinary predicates and case_sensitive', async () => {
  assert.deepEqual(await rows(`SrchProc | search Cmd: "ws1" | project Host`), []);
  assert.deepEqual(await rows(`SrchProc | search Host: "ws1" | project Host`), [['ws1']]);
  assert.deepEqual(await rows(`SrchProc | search ("exe" and ("txt" or "enc")) and Pid > 10 | project Host`), [['srv1']]);
  assert.deepEqual(await rows(`SrchProc | search "whoami" or Pid == 10 | order by Pid asc | project Host`), [['ws1'], ['ws2']]);
  assert.deepEqual(await rows(`SrchProc | search kind=case_sensitive "notepad" | project Host`), []);
  assert.deepEqual(await rows(`SrchProc | search kind=case_sensitive "Notepad" | project Host`), [['srv1']]);
});

test('search in (T1, T2) stacks the tables with $table and fills missing columns', async () => {
  assert.deepEqual(await schema(`search in (SrchProc, SrchNet) "ws1"`), ['$table:string', 'Host:string', 'Cmd:string', 'Pid:long', 'RemoteIp:string', 'Port:long']);
  assert.deepEqual(await rows(`search in (SrchProc, SrchNet) "ws1" | order by $table asc | project $table, Host, Cmd, Port`), [
    ['SrchNet', 'ws1', '', 443],
    ['SrchProc', 'ws1', 'powershell.exe -enc AAA', null],
  ]);
  assert.deepEqual(await rows(`search in (Srch*) "8.8.8.8" | project $table, Host`), [['SrchNet', 'srv9']]);
  // a predicate on a column one table lacks is false there
  assert.deepEqual(await rows(`search in (SrchProc, SrchNet) Port == 53 | project $table, Host`), [['SrchNet', 'srv9']]);
});

test('search with no source looks in every table of the database', async () => {
  const r = await rows(`search "srv9" | project $table, Host`);
  assert.deepEqual(r, [['SrchNet', 'srv9']]);
  assert.match((await error(`search kind=fuzzy "x"`)).message, /case_sensitive/);
});
