/** piechart and card. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderChart, renderToVegaLite } from '../src/render/index.ts';
import { assertNoUrls, compiles, drawn, encoding, marks, render, topAccounts, values, type Result, type Spec } from './render-fixtures.ts';

test('piechart: arcs sized by the first numeric column, coloured by the first string column', async () => {
  const spec = renderToVegaLite(topAccounts.columns, topAccounts.rows, render('piechart', { title: 'Failures by account' }));
  assert.equal((spec?.mark as Spec).type, 'arc');
  const enc = encoding(spec);
  assert.equal(enc.theta!.field, 'y');
  assert.equal(enc.theta!.title, 'Failures');
  assert.equal(enc.color!.field, 'key');
  assert.equal(enc.color!.title, 'TargetAccount');
  assert.deepEqual(values(spec).map((s) => [s.key, s.y]), [['CONTOSO\\admin', 120], ['CONTOSO\\svc_sql', 64], ['CONTOSO\\jdoe', 12], ['(empty)', 5]]);
  assertNoUrls(spec);
  assert.equal(marks(await drawn(spec), 'arc mark'), 4);
});

test('piechart: repeated categories add up, non-positive sizes are left out, ycolumns picks the size, legend=hidden', () => {
  const r: Result = {
    columns: [{ name: 'Count', type: 'long' }, { name: 'Country', type: 'string' }, { name: 'Users', type: 'long' }],
    rows: [[3, 'RU', 1], [5, 'US', 4], [2, 'RU', 2], [0, 'CN', 0]],
  };
  const spec = renderToVegaLite(r.columns, r.rows, render('piechart', { yColumns: 'Users', legend: 'hidden' }));
  assert.deepEqual(values(spec).map((s) => [s.key, s.y]), [['RU', 3], ['US', 4]]);
  assert.equal(encoding(spec).color!.legend, null);
  compiles(spec);
});

test('piechart with no numeric column draws nothing and says why', () => {
  const chart = renderChart([{ name: 'Account', type: 'string' }], [['a']], render('piechart'));
  assert.equal(chart.spec, undefined);
  assert.match(chart.notes[0]!, /no numeric column/);
});

test('card: the first value as big text, its column name beneath, the render title above', async () => {
  const r: Result = { columns: [{ name: 'FailedLogons', type: 'long' }, { name: 'Accounts', type: 'long' }], rows: [[12345, 7]] };
  const spec = renderToVegaLite(r.columns, r.rows, render('card', { title: 'Failed logons today' }));
  assert.deepEqual(values(spec), [{ value: 12345, label: 'FailedLogons' }]);
  const layer = spec?.layer as Spec[];
  assert.equal((layer[0]!.mark as Spec).type, 'text');
  assert.deepEqual((layer[0]!.encoding as Spec).text, { field: 'value', type: 'quantitative', format: ',' });
  assert.deepEqual(spec?.title, { text: 'Failed logons today', anchor: 'start' });
  const svg = await drawn(spec);
  assert.match(svg, />12,345</);
  assert.match(svg, />FailedLogons</);
});

test('card of a string, of a datetime, and of no rows', () => {
  const text = renderToVegaLite(topAccounts.columns, topAccounts.rows, render('card'));
  assert.deepEqual(values(text), [{ value: 'CONTOSO\\admin', label: 'TargetAccount' }]);
  const when = renderToVegaLite([{ name: 'LastSeen', type: 'datetime' }], [['2024-03-01T12:00:00.1234567Z']], render('card'));
  assert.equal(values(when)[0]!.value, '2024-03-01T12:00:00.123Z');
  const empty = renderToVegaLite(topAccounts.columns, [], render('card'));
  assert.equal(values(empty)[0]!.value, '(no rows)');
  compiles(text);
  compiles(when);
  compiles(empty);
});
