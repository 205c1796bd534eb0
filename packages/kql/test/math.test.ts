/** Math, bitwise and logical functions, and the arithmetic operators' Kusto semantics. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, schema } from './helpers.ts';

test('integer arithmetic: int + int is long, division truncates, x / 0 is null', async () => {
  assert.deepEqual(await rows('print int(2147483647) + int(1), int(7) * int(3), -7 / 2, 7 / -2, 9 / 3, 5 / 0'), [[2147483648, 21, -3, -3, 3, null]]);
  assert.deepEqual(await schema('print int(1) + int(2), 1 + 2, int(1) / int(2), 1 + 2.5'), ['print_0:long', 'print_1:long', 'print_2:long', 'print_3:real']);
  assert.deepEqual(await rows('print 1 / 2.0, real(1) / 2, 1.0 / 0, -1.0 / 0, 0.0 / 0'), [[0.5, 0.5, 'Infinity', '-Infinity', 'NaN']]);
  assert.equal(await value('print decimal(1.5) + 1'), '2.5');
});

test('abs, sign, round, ceiling, floor', async () => {
  assert.deepEqual(await rows('print abs(-5), abs(-2.5), sign(-42), sign(0), sign(11.2), ceiling(-1.1), ceiling(0.9), floor(-1.5, 1), floor(7, 5)'), [[5, 2.5, -1, 0, 1, -1, 1, -2, 5]]);
  assert.deepEqual(await rows('print round(2.15, 1), round(2.98765, 3), round(1234.5678), round(-50.55, -2), round(1234, -2), round(21.5, -1)'), [[2.2, 2.988, 1235, -100, 1200, 20]]);
  assert.deepEqual(await schema('print abs(int(-1)), round(1.5), ceiling(2)'), ['print_0:long', 'print_1:real', 'print_2:long']);
});

test('exp, log, pow, sqrt and out-of-domain arguments', async () => {
  assert.deepEqual(await rows('print exp(0), exp2(10), exp10(3), log(exp(2)), log2(1024), log10(1000), pow(2, 10), pow(4, 0.5), sqrt(16)'), [[1, 1024, 1000, 2, 10, 3, 1024, 2, 4]]);
  // .NET/Kusto: no errors; null below the domain of sqrt/log, -Infinity for log(0), NaN for acos(2)
  assert.deepEqual(await rows('print sqrt(-1), log(-1), log(0), log10(0), acos(2), asin(-3), pow(-8, 0.5), exp(1000)'), [[null, null, '-Infinity', '-Infinity', 'NaN', 'NaN', 'NaN', 'Infinity']]);
});

test('trigonometry, pi, degrees and radians', async () => {
  const r = (await rows('print pi(), cos(0), sin(0), tan(0), acos(1), asin(0), atan(1) * 4, atan2(1, 1) * 4, degrees(pi()), radians(180), cot(pi() / 4)'))[0]!;
  const expected = [Math.PI, 1, 0, 0, 0, 0, Math.PI, Math.PI, 180, Math.PI, 1];
  r.forEach((v, i) => assert.ok(Math.abs((v as number) - expected[i]!) < 1e-12, `column ${i}: ${String(v)}`));
  assert.deepEqual(await rows('print sin(real(+inf)), cos(real(nan))'), [['NaN', 'NaN']]);
});

test('max_of and min_of ignore nulls and mix numeric types', async () => {
  assert.deepEqual(await rows('print max_of(10, 1, -3, 17), min_of(10, 1, -3, 17), max_of(1, 2.5), min_of(int(null), 4), max_of(int(null), int(null))'), [[17, -3, 2.5, 4, null]]);
  assert.deepEqual(await rows('print max_of(datetime(2024-01-01), datetime(2024-02-01)), min_of(1h, 30m), max_of("a", "b")'), [['2024-02-01T00:00:00Z', '00:30:00', 'b']]);
  assert.deepEqual(await schema('print max_of(1, 2.5)'), ['print_0:real']);
});

test('isnan, isinf, isfinite', async () => {
  assert.deepEqual(await rows('range x from -1 to 1 step 1 | extend d = 1.0 * x / 0.0 | project isnan(d), isinf(d), isfinite(d)'),
    [[false, true, false], [true, false, false], [false, true, false]]);
  assert.deepEqual(await rows('print isfinite(1.5), isfinite(3), isnan(real(null))'), [[true, true, null]]);
});

test('rand and new_guid', async () => {
  const rs = await rows('range i from 1 to 200 step 1 | extend r = rand(), n = rand(5) | summarize minr = min(r), maxr = max(r), minn = min(n), maxn = max(n), dn = dcount(n)');
  const [minr, maxr, minn, maxn, dn] = rs[0] as number[];
  assert.ok(minr! >= 0 && maxr! < 1);
  assert.ok(minn === 0 && maxn === 4 && dn === 5);
  assert.deepEqual(await schema('print rand(), rand(10), new_guid()'), ['print_0:real', 'print_1:real', 'print_2:guid']);
  const g = await rows('range i from 1 to 3 step 1 | extend g = new_guid() | summarize dcount(g)');
  assert.deepEqual(g, [[3]]);
});

test('bitwise functions with .NET long semantics', async () => {
  assert.deepEqual(await rows('print binary_and(12, 10), binary_or(5, 3), binary_xor(1, 2), binary_xor(1, 1), binary_not(100), bitset_count_ones(42), bitset_count_ones(-1)'), [[8, 7, 3, 0, -101, 3, 64]]);
  assert.deepEqual(await rows('print binary_shift_left(1, 2), binary_shift_right(8, 2), binary_shift_right(-8, 1), binary_shift_left(3, 62), binary_shift_left(1, 64), binary_shift_left(-1, 1), binary_shift_left(1, -1)'),
    [[4, 2, -4, -4611686018427387904, 1, -2, null]]);
});

test('not(), iff with mixed numeric branches, null tests', async () => {
  assert.deepEqual(await rows('print not(true), not(1 > 2), iff(true, 1, 2.5), iff(false, int(1), 2), isnull(int(null)), isnotnull(1), isempty(""), isnotempty("a")'),
    [[false, true, 1, 2, true, true, true, true]]);
  assert.deepEqual(await schema('print iff(true, 1, 2.5), iff(false, int(1), 2)'), ['print_0:real', 'print_1:long']);
});

test('tohex uses two\'s complement of the argument\'s width; gamma and loggamma', async () => {
  assert.deepEqual(await rows(`print tohex(255), tohex(-1), tohex(toint(-2), 4), tohex(10, 4), tohex(4096, 2), tohex(long(null))`),
    [['ff', 'ffffffffffffffff', 'fffffffe', '000a', '1000', '']]);
  assert.deepEqual(await rows('print gamma(5), loggamma(1), loggamma(-1)'), [[24, 0, null]]);
});
