/** The conformance runner's normaliser: presentation differences compare equal, different values never do. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalDatetime, cellMatches, cleanCell, compareTables, numberMatches, parseLooseJson, parseShownNumber, timespanTicks,
} from '../../../bench/conformance/normalise.ts';

const yes = (cell: string, actual: unknown, type: string) => assert.equal(cellMatches(cell, actual, type), true, `${JSON.stringify(cell)} should match ${JSON.stringify(actual)} (${type})`);
const no = (cell: string, actual: unknown, type: string) => assert.equal(cellMatches(cell, actual, type), false, `${JSON.stringify(cell)} must not match ${JSON.stringify(actual)} (${type})`);

test('numbers: thousands separators, exponents, infinities and NaN are read as the docs print them', () => {
  assert.deepEqual(parseShownNumber('1,048,576'), { value: 1048576 });
  assert.deepEqual(parseShownNumber('-0.25'), { value: -0.25, decimals: 2 });
  assert.deepEqual(parseShownNumber('2.20904969985854E-05'), { value: 2.20904969985854e-5, decimals: 19 });
  assert.equal(parseShownNumber('∞')?.value, Infinity);
  assert.equal(parseShownNumber('-∞')?.value, -Infinity);
  assert.ok(Number.isNaN(parseShownNumber('NaN')?.value));
  assert.equal(parseShownNumber('1,2'), undefined);
  assert.equal(parseShownNumber('abc'), undefined);
  assert.equal(parseShownNumber(''), undefined);
  yes('1,048,576', 1048576, 'long');
  no('1,048,576', 1048575, 'long');
  yes('∞', 'Infinity', 'real');
  no('∞', '-Infinity', 'real');
  yes('NaN', 'NaN', 'real');
  no('NaN', 0, 'real');
  no('0', 'NaN', 'real');
});

test('numbers: compared at the precision shown, whole numbers exactly', () => {
  yes('0.982', 0.98201, 'real');
  yes('0.46364760900080609', 0.4636476090008061, 'real');
  yes('3.14159265358979', Math.PI, 'real');
  yes('2.20904969985854E-05', 2.2090496998585441e-5, 'real');
  no('0.98', 0.97, 'real');
  no('0.982', 0.983, 'real');
  no('0.5', 0.56, 'real');
  no('5', 5.4, 'real');
  no('5', 5.000001, 'real');
  yes('5', 5, 'real');
  yes('5.0', 5, 'long');
  no('5', 6, 'long');
  no('-5', 5, 'long');
  assert.equal(numberMatches('1E+20', 1.4e20), false);
  // decimals keep their digits
  yes('1.5', '1.500000000000000000', 'decimal');
  yes('0.333', '0.333333333333333333', 'decimal');
  no('0.333', '0.334', 'decimal');
  no('12345678901234567.5', '12345678901234567.6', 'decimal');
  no('12345678901234567', '12345678901234568.000000000000000000', 'decimal');
  no('12', '1.2', 'decimal');
  no('-1.5', '1.500000000000000000', 'decimal');
});

test('bools: true/True/TRUE/1 and their false forms', () => {
  for (const t of ['true', 'True', 'TRUE', '1']) { yes(t, true, 'bool'); no(t, false, 'bool'); }
  for (const f of ['false', 'False', 'FALSE', '0']) { yes(f, false, 'bool'); no(f, true, 'bool'); }
  yes('true<br>', true, 'bool');
  no('yes', true, 'bool');
  no('', false, 'bool');
});

test('datetimes: both docs forms and trailing zeros; a different instant never matches', () => {
  assert.equal(canonicalDatetime('2017-01-01T00:00:00Z'), '2017-01-01T00:00:00.0000000');
  assert.equal(canonicalDatetime('2022-03-27 02:00:00.0000000'), '2022-03-27T02:00:00.0000000');
  assert.equal(canonicalDatetime('2023-02-01'), '2023-02-01T00:00:00.0000000');
  assert.equal(canonicalDatetime('2023-2-1 3:04'), '2023-02-01T03:04:00.0000000');
  assert.equal(canonicalDatetime('yesterday'), undefined);
  yes('2022-03-27 02:00:00.0000000', '2022-03-27T02:00:00Z', 'datetime');
  yes('2015-12-05 09:10:04.627', '2015-12-05T09:10:04.627Z', 'datetime');
  yes('2015-12-05T09:10:04.6270000Z', '2015-12-05T09:10:04.627Z', 'datetime');
  no('2015-12-05 09:10:04.627', '2015-12-05T09:10:04.6271Z', 'datetime');
  no('2022-03-27 02:00:00.0000000', '2022-03-27T01:00:00Z', 'datetime');
  no('2022-03-27', '2022-03-27T00:00:00.0000001Z', 'datetime');
  no('2022-03-28', '2022-03-27T00:00:00Z', 'datetime');
});

test('timespans: compared as ticks', () => {
  assert.equal(timespanTicks('1.02:00:00'), 26n * 36_000_000_000n);
  assert.equal(timespanTicks('-00:00:00.5'), -5_000_000n);
  assert.equal(timespanTicks('14:00:00:00'), undefined);
  yes('00:00:01.5000000', '00:00:01.5000000', 'timespan');
  yes('00:00:01.5', '00:00:01.5000000', 'timespan');
  yes('1.00:00:00', '1.00:00:00', 'timespan');
  yes('24:00:00', '1.00:00:00', 'timespan');
  no('01:00:00', '-01:00:00', 'timespan');
  no('00:00:01.5', '00:00:01.5000001', 'timespan');
  no('1.00:00:00', '01:00:00', 'timespan');
});

test('dynamic: compact, spaced, pretty with <br> and single-quoted JSON; key order ignored', () => {
  yes('[1, 2, 3]', [1, 2, 3], 'dynamic');
  yes('{<br>  "key1": 123,<br>  "key2": "abc"<br>}', { key2: 'abc', key1: 123 }, 'dynamic');
  yes("{'a': 1,'b': '2','c': 3.4}", { a: 1, b: '2', c: 3.4 }, 'dynamic');
  yes('["2007-01-01T00:00:00.0000000Z"]', ['2007-01-01T00:00:00Z'], 'dynamic');
  yes('{"key3": 42.0}', { key3: 42 }, 'dynamic');
  yes('', null, 'dynamic');
  yes('abc', 'abc', 'dynamic');
  no('[1, 2, 3]', [1, 2], 'dynamic');
  no('[1, 2, 3]', [1, 3, 2], 'dynamic');
  no('[1,"2"]', [1, 2], 'dynamic');
  no('["1"]', [1], 'dynamic');
  no('{"a": 1}', { a: 1, b: 2 }, 'dynamic');
  no('{"a": 1, "b": 2}', { a: 1 }, 'dynamic');
  no('{"a": null}', {}, 'dynamic');
  no('[]', {}, 'dynamic');
  no('[null]', [''], 'dynamic');
  no('["2007-01-01T00:00:00.0000000Z"]', ['2007-01-02T00:00:00Z'], 'dynamic');
  no('["a b"]', ['a  b'], 'dynamic');
  no('', [], 'dynamic');
  assert.equal(parseLooseJson('[yes, no]'), undefined);
  assert.equal(parseLooseJson('{"a": 1} trailing'), undefined);
  assert.deepEqual(parseLooseJson('{"s": "a\\"b\\nc"}'), { s: 'a"b\nc' });
});

test('strings: exact after Markdown artefacts; empty cells are empty or null', () => {
  assert.equal(cleanCell('a\\_b &nbsp; <https://x.org/a>'), 'a_b   https://x.org/a');
  yes('abc', 'abc', 'string');
  yes('K<br>u<br>s', 'K\nu\ns', 'string');
  yes('', '', 'string');
  yes('', null, 'long');
  yes('null', null, 'long');
  no('null', 0, 'long');
  no('', 0, 'long');
  no('abc', 'abd', 'string');
  no('abc', 'ABC', 'string');
  no('a b', 'a  b', 'string');
  no('Hello World', 'Hello\u00a0World', 'string');
  no('', 'x', 'string');
  yes('{"a": 1}', '{"a":1}', 'string');
  no('{"a": 1}', '{"a":2}', 'string');
  yes('ABCDEF01-0000-0000-0000-000000000000', 'abcdef01-0000-0000-0000-000000000000', 'guid');
  no('abcdef01-0000-0000-0000-000000000000', 'abcdef01-0000-0000-0000-000000000001', 'guid');
});

test('tables: multisets unless ordered, column counts and row counts must agree, names reported apart', () => {
  const cols = [{ name: 'x', type: 'long' }, { name: 's', type: 'string' }];
  const exp = { columns: ['x', 's'], rows: [['1', 'a'], ['2', 'b']] };
  assert.deepEqual(compareTables(exp, { columns: cols, rows: [[2, 'b'], [1, 'a']] }, false), { valuesMatch: true, namesMatch: true });
  assert.equal(compareTables(exp, { columns: cols, rows: [[2, 'b'], [1, 'a']] }, true).valuesMatch, false);
  assert.equal(compareTables(exp, { columns: cols, rows: [[1, 'a'], [1, 'a']] }, false).valuesMatch, false);
  assert.equal(compareTables(exp, { columns: cols, rows: [[1, 'a']] }, false).valuesMatch, false);
  assert.equal(compareTables(exp, { columns: cols, rows: [[1, 'a'], [2, 'b'], [3, 'c']] }, false).valuesMatch, false);
  assert.equal(compareTables(exp, { columns: [cols[0]!], rows: [[1], [2]] }, false).valuesMatch, false);
  const renamed = compareTables(exp, { columns: [{ name: 'y', type: 'long' }, cols[1]!], rows: [[1, 'a'], [2, 'b']] }, false);
  assert.deepEqual([renamed.valuesMatch, renamed.namesMatch], [true, false]);
  // rounding is not transitive: a matching is searched for, not a greedy pairing
  const r = { columns: ['v'], rows: [['0.5'], ['0.55']] };
  assert.equal(compareTables(r, { columns: [{ name: 'v', type: 'real' }], rows: [[0.55], [0.52]] }, false).valuesMatch, true);
  // duplicates count
  const d = { columns: ['v'], rows: [['1'], ['1'], ['2']] };
  assert.equal(compareTables(d, { columns: [{ name: 'v', type: 'long' }], rows: [[1], [2], [2]] }, false).valuesMatch, false);
});
