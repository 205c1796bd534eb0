/** project-by-names: columns chosen by constant names and wildcards. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, schema, error } from './helpers.ts';

const T = `datatable(Host:string, Port:int, Proto:string, Bytes:long)['web', 443, 'tcp', 10]`;

test('names, wildcards and dynamic arrays of names; unknown names are skipped', async () => {
  assert.deepEqual(await schema(`${T} | project-by-names 'Bytes', 'Host'`), ['Bytes:long', 'Host:string']);
  assert.deepEqual(await rows(`${T} | project-by-names 'P*', 'Absent'`), [[443, 'tcp']]);
  assert.deepEqual(await rows(`${T} | project-by-names dynamic(['Proto', 'Host'])`), [['tcp', 'web']]);
});

test('names known only at run time are refused', async () => {
  const e = await error(`let f = (S:(Host:string), c:dynamic) { S | project-by-names c }; ${T} | invoke f(dynamic(['Port']))`);
  assert.equal(e.code, 'HB001');
});
