/**
 * "Add selection as filter": the where clauses are checked as text, and run by the real engine
 * (an in-memory KqlDatabase) over a datatable of hostile values: each clause must keep exactly the
 * rows holding the selected value.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { KqlDatabase } from '@huntbook/store';
import { kqlLiteral, kqlName, kqlString, whereClause } from '../src/outputs/grid/kql-filter.ts';

const col = (name: string, type: string) => ({ name, type });

test('strings are quoted with every quote, backslash and control character escaped', () => {
  assert.equal(kqlString('a"b\\c\nd\re\tf\u0001g\u2028h'), '"a\\"b\\\\c\\nd\\re\\tf\\u0001g\\u2028h"');
  assert.equal(kqlString("it's"), '"it\'s"');
  assert.equal(kqlString('\ud800'), '"\\ud800"');
});

test('column names are bare only when plain identifiers that are no keyword', () => {
  assert.equal(kqlName('Account'), 'Account');
  assert.equal(kqlName('my col'), '["my col"]');
  assert.equal(kqlName('a"]b'), '["a\\"]b"]');
  assert.equal(kqlName('and'), '["and"]');
  assert.equal(kqlName('1x'), '["1x"]');
});

test('each type gives its typed literal, or none when the value is not of the type', () => {
  assert.equal(kqlLiteral(42, 'long'), '42');
  assert.equal(kqlLiteral('9223372036854775807', 'long'), '9223372036854775807');
  assert.equal(kqlLiteral('9223372036854775808', 'long'), undefined);
  assert.equal(kqlLiteral('1; drop', 'long'), undefined);
  assert.equal(kqlLiteral(1.5, 'real'), 'real(1.5)');
  assert.equal(kqlLiteral(1e21, 'real'), 'real(1e+21)');
  assert.equal(kqlLiteral('Infinity', 'real'), 'real(+inf)');
  assert.equal(kqlLiteral('-Infinity', 'real'), 'real(-inf)');
  assert.equal(kqlLiteral('1) | take 1 //', 'real'), undefined);
  assert.equal(kqlLiteral('2024-03-01T12:00:00.1234567Z', 'datetime'), 'datetime(2024-03-01T12:00:00.1234567Z)');
  assert.equal(kqlLiteral('2024-03-01) or (1==1', 'datetime'), undefined);
  assert.equal(kqlLiteral('1.02:03:04.5000000', 'timespan'), 'timespan(1.02:03:04.5000000)');
  assert.equal(kqlLiteral('00:00:01) or true or (1', 'timespan'), undefined);
  assert.equal(kqlLiteral('0f8fad5b-d9cb-469f-a165-70867728950e', 'guid'), 'guid(0f8fad5b-d9cb-469f-a165-70867728950e)');
  assert.equal(kqlLiteral('not-a-guid)', 'guid'), undefined);
  assert.equal(kqlLiteral(true, 'bool'), 'true');
  assert.equal(kqlLiteral('1.25', 'decimal'), 'decimal(1.25)');
  assert.equal(kqlLiteral('1.25)', 'decimal'), undefined);
});

test('clauses: one value, several values of a column, several columns, nulls, NaN, dynamic, exclusion', () => {
  assert.equal(whereClause([{ column: col('Account', 'string'), value: 'a"b' }]), '| where Account == "a\\"b"');
  assert.equal(whereClause([{ column: col('Account', 'string'), value: 'x' }, { column: col('Account', 'string'), value: 'y' }, { column: col('Account', 'string'), value: 'x' }]), '| where Account in ("x", "y")');
  assert.equal(whereClause([{ column: col('Account', 'string'), value: 'x' }, { column: col('n', 'long'), value: 3 }]), '| where Account == "x" and n == 3');
  assert.equal(whereClause([{ column: col('n', 'long'), value: null }]), '| where isnull(n)');
  assert.equal(whereClause([{ column: col('s', 'string'), value: '' }]), '| where isempty(s)');
  assert.equal(whereClause([{ column: col('r', 'real'), value: 'NaN' }]), '| where isnan(r)');
  assert.equal(whereClause([{ column: col('d', 'dynamic'), value: { a: [1, 'x"'] } }]), '| where tostring(d) == "{\\"a\\":[1,\\"x\\\\\\"\\"]}"');
  assert.equal(whereClause([{ column: col('d', 'dynamic'), value: 'plain' }]), '| where tostring(d) == "plain"');
  assert.equal(whereClause([{ column: col('n', 'long'), value: 'oops' }]), '| where tostring(n) == "oops"');
  assert.equal(whereClause([{ column: col('n', 'long'), value: 1 }, { column: col('n', 'long'), value: null }]), '| where (isnull(n) or n == 1)');
  assert.equal(whereClause([{ column: col('n', 'long'), value: 1 }], { exclude: true }), '| where not(n == 1)');
  assert.equal(whereClause([{ column: col('n', 'long'), value: 1 }, { column: col('n', 'long'), value: null }], { exclude: true }), '| where not(isnull(n) or n == 1)');
  assert.throws(() => whereClause([]), /no cell is selected/);
});

const HOSTILE = [
  'plain', 'a"b', "it's", 'back\\slash', 'new\nline', 'tab\there', '" | take 0 //', '"; drop table x; "', '\u0000nul', '\u2028sep',
  '<script>alert(1)</script>', 'emoji 🦊', '', ' leading', 'trailing\\', '\\"',
];

test('every hostile string keeps exactly its own rows when the clause runs in the engine', async () => {
  const db = await KqlDatabase.open(':memory:');
  const table = `datatable(id:long, s:string)[${HOSTILE.map((s, i) => `${i}, ${kqlString(s)}`).join(', ')}]`;
  const all = await db.query(table);
  assert.equal(all.rows.length, HOSTILE.length);
  for (const [id, value] of all.rows as [number, string][]) {
    const clause = whereClause([{ column: col('s', 'string'), value }]);
    const kept = await db.query(`${table} ${clause} | project id`);
    assert.deepEqual(kept.rows.map((r) => Number(r[0])), [Number(id)], `${clause} for ${JSON.stringify(value)}`);
    const dropped = await db.query(`${table} ${whereClause([{ column: col('s', 'string'), value }], { exclude: true })} | count`);
    assert.equal(Number(dropped.rows[0]![0]), HOSTILE.length - 1);
  }
});

// longs beyond 2^53 reach the grid rounded (they are JSON numbers on the wire), so the largest safe one is used
test('typed values from the engine filter their own rows (long, real, bool, datetime, timespan, guid, dynamic, nulls)', async () => {
  const db = await KqlDatabase.open(':memory:');
  const table = 'datatable(id:long, n:long, r:real, b:bool, t:datetime, ts:timespan, g:guid, d:dynamic, name:string)['
    + '1, 9007199254740991, 1.5, true, datetime(2024-03-01T12:00:00.1234567Z), timespan(1.02:03:04.5), guid(0f8fad5b-d9cb-469f-a165-70867728950e), dynamic({"k":["v\\"w"]}), "a",'
    + '2, -4, real(nan), false, datetime(2024-03-01T12:00:00Z), timespan(-00:00:01), guid(00000000-0000-0000-0000-000000000001), dynamic("text"), "b",'
    + '3, long(null), real(null), bool(null), datetime(null), timespan(null), guid(null), dynamic(null), "c",'
    + '4, 0, real(+inf), true, datetime(1999-12-31), time(0), guid(null), dynamic([1,2]), "d"]';
  const r = await db.query(table);
  const cols = r.columns.map((c) => ({ name: c.name, type: c.type }));
  for (let ci = 1; ci < cols.length - 1; ci++) {
    for (const row of r.rows) {
      const value = row[ci];
      const expected = r.rows.filter((x) => JSON.stringify(x[ci]) === JSON.stringify(value)).map((x) => Number(x[0]));
      const clause = whereClause([{ column: cols[ci]!, value }]);
      const kept = await db.query(`${table} ${clause} | project id`);
      assert.deepEqual(kept.rows.map((x) => Number(x[0])).sort(), expected.sort(), `${cols[ci]!.name}: ${clause}`);
    }
  }
});
