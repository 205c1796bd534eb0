/** to*() conversions, Kusto's text forms of every type, gettype, parse_json. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, schema } from './helpers.ts';

test('tostring gives Kusto text of every type', async () => {
  assert.deepEqual(await rows(`print tostring(datetime(2024-01-02 03:04:05.1234567)), tostring(datetime(2024-01-02)), tostring(datetime(2024-01-02 03:04:05.5)), tostring(90m), tostring(-1d - 1tick), tostring(true), tostring(false)`),
    [['2024-01-02T03:04:05.1234567Z', '2024-01-02T00:00:00Z', '2024-01-02T03:04:05.5Z', '01:30:00', '-1.00:00:00.0000001', 'true', 'false']]);
  assert.deepEqual(await rows(`print tostring(1.0), tostring(0.1), tostring(-2.5), tostring(1e15), tostring(1.5e15), tostring(1e-5), tostring(123456789012345.0), tostring(1e100), tostring(real(nan)), tostring(real(-inf))`),
    [['1', '0.1', '-2.5', '1E+15', '1.5E+15', '1E-05', '123456789012345', '1E+100', 'NaN', '-Infinity']]);
  assert.deepEqual(await rows(`print tostring(42), tostring(int(-7)), tostring(todecimal('1.50')), tostring(guid(12e8b78d-55b4-46ae-b068-26d7a0080254)), tostring(dynamic({"a":1})), tostring(dynamic("s")), tostring(dynamic(null))`),
    [['42', '-7', '1.5', '12e8b78d-55b4-46ae-b068-26d7a0080254', '{"a":1}', 's', '']]);
  // null of any type becomes the empty string
  assert.deepEqual(await rows('print tostring(int(null)), tostring(datetime(null)), tostring(real(null)), tostring(bool(null)), tostring(timespan(null))'), [['', '', '', '', '']]);
  assert.equal(await value(`print strcat('t=', datetime(2024-05-01 10:00), ' d=', 2h, ' r=', 3.0)`), 't=2024-05-01T10:00:00Z d=02:00:00 r=3');
});

test('toint and tolong truncate, give null when the text is not a number', async () => {
  assert.deepEqual(await rows(`print toint(2.7), toint(-2.7), toint('abc'), toint('123'), toint(' 12 '), toint('2.7'), toint(true), toint(real(nan)), toint(''), toint(1e12)`),
    [[2, -2, null, 123, 12, 2, 1, null, null, null]]);
  assert.deepEqual(await rows(`print tolong('9007199254740991'), tolong(1.9e3), tolong(1s), tolong(dynamic(7)), tolong(dynamic('8')), tolong(dynamic(true)), tolong(dynamic(2.9))`),
    [[9007199254740991, 1900, 10000000, 7, 8, 1, 2]]);
  assert.deepEqual(await schema(`print toint('1'), tolong('1')`), ['print_0:int', 'print_1:long']);
});

test('datetime <-> long uses .NET ticks since 0001-01-01', async () => {
  assert.deepEqual(await rows(`print tolong(datetime(1970-01-01)), tolong(datetime(2024-01-01 00:00:00.0000001)) - tolong(datetime(2024-01-01)), todatetime(621355968000000000), toreal(datetime(1970-01-01))`),
    [[621355968000000000, 1, '1970-01-01T00:00:00Z', 621355968000000000]]);
});

test('toreal, todouble, todecimal, tobool, toguid', async () => {
  assert.deepEqual(await rows(`print toreal('1.5'), todouble('abc'), toreal(3), todouble(dynamic(2.25)), toreal(true)`), [[1.5, null, 3, 2.25, 1]]);
  assert.deepEqual(await rows(`print todecimal('123.45678') == decimal(123.45678), todecimal('x'), todecimal(2.5)`), [[true, null, '2.5']]);
  assert.deepEqual(await rows(`print tobool('true'), tobool('FALSE'), tobool('yes'), tobool(0), tobool(5), tobool(dynamic(true)), tobool(dynamic('false')), tobool(0.0)`),
    [[true, false, null, false, true, true, false, false]]);
  assert.deepEqual(await rows(`print toguid('0123456789abcdef0123456789abcdef'), toguid('0123456789ab-cdef-0123-456789abcdef'), toguid('not a guid')`),
    [['01234567-89ab-cdef-0123-456789abcdef', '01234567-89ab-cdef-0123-456789abcdef', null]]);
});

test('gettype names Kusto runtime types, also inside dynamic', async () => {
  assert.deepEqual(await rows(`print gettype('a'), gettype(111), gettype(int(1)), gettype(1 == 1), gettype(now()), gettype(1s), gettype(123.45), gettype(guid(12e8b78d-55b4-46ae-b068-26d7a0080254)), gettype(decimal(1))`),
    [['string', 'long', 'int', 'bool', 'datetime', 'timespan', 'real', 'guid', 'decimal']]);
  assert.deepEqual(await rows(`print gettype(parse_json('1')), gettype(parse_json('3000000000')), gettype(parse_json(' "abc" ')), gettype(parse_json('{"a":1}')), gettype(parse_json('[1, 2]')), gettype(parse_json('')), gettype(parse_json('1.5')), gettype(parse_json('true'))`),
    [['int', 'long', 'string', 'dictionary', 'array', 'null', 'real', 'bool']]);
});

test('parse_json / todynamic: JSON text, plain text stays a string', async () => {
  assert.deepEqual(await rows(`print parse_json('{"a":{"b":2}}').a.b, todynamic('[1,2]')[1], parse_json('hello'), parse_json(''), todynamic(' 5 ')`),
    [[2, 2, 'hello', null, 5]]);
  assert.equal(await value(`print tostring(parse_json(tostring(parse_json('{"s":"{\\\\"c\\\\":4}"}').s)).c)`), '4');
});
