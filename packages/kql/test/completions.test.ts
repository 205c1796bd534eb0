/** Completions come from Kusto.Language's own completion service, with the schema's tables and columns. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completions } from '@huntbook/kql';

const schema = { tables: [{ name: 'SecurityEvent', columns: [{ name: 'Account', type: 'string' as const }, { name: 'EventID', type: 'int' as const }] }] };

test('columns of the piped table complete after where', () => {
  const q = 'SecurityEvent | where ';
  const items = completions(q, q.length, schema);
  assert.ok(items.some((i) => i.label === 'Account' && i.kind === 'Column'));
  assert.ok(items.some((i) => i.label === 'EventID' && i.kind === 'Column'));
});

test('table names complete at the start of a query', () => {
  const items = completions('Sec', 3, schema);
  assert.ok(items.some((i) => i.label === 'SecurityEvent' && i.kind === 'Table'));
});
