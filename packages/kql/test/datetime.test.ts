/** Datetime and timespan functions: calendar parts, start/end of periods, arithmetic, formatting, 100 ns precision. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, schema, error } from './helpers.ts';

const D = 'datetime(2023-08-16 14:25:36.9876543)'; // a Wednesday

test('now() and ago() are the fixed query time', async () => {
  assert.equal(await value('print now()'), '2024-06-01T12:00:00Z');
  assert.equal(await value('print ago(1d)'), '2024-05-31T12:00:00Z');
  assert.equal(await value('print now(-2h)'), '2024-06-01T10:00:00Z');
  assert.equal(await value('print now() - ago(3h)'), '03:00:00');
});

test('startof* and endof* with offsets, weeks start on Sunday, end at the last tick', async () => {
  assert.deepEqual(await rows(`print startofday(${D}), startofweek(${D}), startofmonth(${D}), startofyear(${D})`),
    [['2023-08-16T00:00:00Z', '2023-08-13T00:00:00Z', '2023-08-01T00:00:00Z', '2023-01-01T00:00:00Z']]);
  assert.deepEqual(await rows(`print endofday(${D}), endofweek(${D}), endofmonth(${D}), endofyear(${D})`),
    [['2023-08-16T23:59:59.9999999Z', '2023-08-19T23:59:59.9999999Z', '2023-08-31T23:59:59.9999999Z', '2023-12-31T23:59:59.9999999Z']]);
  assert.deepEqual(await rows(`range k from -2 to 2 step 2 | project startofmonth(datetime(2024-01-15), k), endofmonth(datetime(2024-01-15), k), startofweek(datetime(2024-01-15), k)`), [
    ['2023-11-01T00:00:00Z', '2023-11-30T23:59:59.9999999Z', '2023-12-31T00:00:00Z'],
    ['2024-01-01T00:00:00Z', '2024-01-31T23:59:59.9999999Z', '2024-01-14T00:00:00Z'],
    ['2024-03-01T00:00:00Z', '2024-03-31T23:59:59.9999999Z', '2024-01-28T00:00:00Z'],
  ]);
  assert.equal(await value('print endofmonth(datetime(2024-02-10))'), '2024-02-29T23:59:59.9999999Z');
  assert.equal(await value('print startofyear(datetime(2024-07-01), -1)'), '2023-01-01T00:00:00Z');
  assert.equal(await value('print endofday(datetime(2024-01-01), 1)'), '2024-01-02T23:59:59.9999999Z');
  // a Sunday starts its own week; dates before 1970 too
  assert.equal(await value('print startofweek(datetime(2024-01-07 23:00))'), '2024-01-07T00:00:00Z');
  assert.equal(await value('print startofweek(datetime(1969-12-31))'), '1969-12-28T00:00:00Z');
});

test('calendar parts of a datetime', async () => {
  assert.deepEqual(await rows(`print dayofweek(${D}), dayofmonth(${D}), dayofyear(${D}), hourofday(${D}), getmonth(${D}), monthofyear(${D}), getyear(${D}), weekofyear(${D})`),
    [['3.00:00:00', 16, 228, 14, 8, 8, 2023, 33]]);
  assert.deepEqual(await schema(`print dayofweek(${D}), dayofmonth(${D}), getyear(${D})`), ['print_0:timespan', 'print_1:int', 'print_2:int']);
  assert.equal(await value('print dayofweek(datetime(2024-06-02))'), '00:00:00'); // Sunday
  assert.equal(await value('print dayofweek(datetime(1969-12-27))'), '6.00:00:00'); // Saturday
  assert.equal(await value('print toint(dayofweek(datetime(2024-06-05)) / 1d)'), 3);
  // ISO week numbers: 2021-01-01 belongs to week 53 of 2020
  assert.equal(await value('print weekofyear(datetime(2021-01-01))'), 53);
  assert.equal(await value('print dayofyear(datetime(2024-12-31))'), 366);
});

test('datetime_part covers every part down to the nanosecond', async () => {
  const parts = ['Year', 'Quarter', 'Month', 'week_of_year', 'Day', 'DayOfYear', 'Hour', 'Minute', 'Second', 'Millisecond', 'Microsecond', 'Nanosecond'];
  const q = `print ${parts.map((p, i) => `p${i} = datetime_part('${p}', ${D})`).join(', ')}`;
  assert.deepEqual(await rows(q), [[2023, 3, 8, 33, 16, 228, 14, 25, 36, 987, 987654, 987654300]]);
});

test('datetime_add uses calendar months and keeps ticks', async () => {
  assert.deepEqual(await rows(`print datetime_add('month', 1, datetime(2024-01-31 08:00:00.1234567)), datetime_add('year', -1, datetime(2024-02-29)), datetime_add('quarter', 2, datetime(2023-11-30))`),
    [['2024-02-29T08:00:00.1234567Z', '2023-02-28T00:00:00Z', '2024-05-30T00:00:00Z']]);
  assert.deepEqual(await rows(`print datetime_add('week', 2, datetime(2024-01-01)), datetime_add('hour', -3, datetime(2024-01-01)), datetime_add('millisecond', 5, datetime(2024-01-01)), datetime_add('microsecond', 7, datetime(2024-01-01)), datetime_add('nanosecond', 300, datetime(2024-01-01))`),
    [['2024-01-15T00:00:00Z', '2023-12-31T21:00:00Z', '2024-01-01T00:00:00.005Z', '2024-01-01T00:00:00.000007Z', '2024-01-01T00:00:00.0000003Z']]);
});

test('datetime_diff counts calendar boundaries crossed', async () => {
  assert.deepEqual(await rows(`print
    y = datetime_diff('year', datetime(2024-01-01), datetime(2023-12-31 23:59)),
    q = datetime_diff('quarter', datetime(2024-04-01), datetime(2024-03-31)),
    m = datetime_diff('month', datetime(2023-01-01), datetime(2021-12-31)),
    w = datetime_diff('week', datetime(2024-01-07), datetime(2024-01-06)),
    d = datetime_diff('day', datetime(2024-01-02 00:00), datetime(2024-01-01 23:59)),
    h = datetime_diff('hour', datetime(2024-01-01 10:00), datetime(2024-01-01 09:59:59)),
    ms = datetime_diff('millisecond', datetime(2024-01-01 00:00:00.2001), datetime(2024-01-01 00:00:00.1009)),
    ns = datetime_diff('nanosecond', datetime(2024-01-01 00:00:00.0000001), datetime(2024-01-01))`),
  [[1, 1, 13, 1, 1, 1, 100, 100]]);
  assert.equal(await value(`print datetime_diff('day', datetime(2024-01-01), datetime(2024-01-05))`), -4);
});

test('arithmetic on datetimes and timespans', async () => {
  assert.deepEqual(await rows('print datetime(2024-01-02) - datetime(2024-01-01 12:00), datetime(2024-01-01) - datetime(2024-01-02), datetime(2024-01-01) + 90m, 1h * 1.5, 2 * 1h, 1d / 1h, 1h / 4, -1h, 1h / 0'),
    [['12:00:00', '-1.00:00:00', '2024-01-01T01:30:00Z', '01:30:00', '02:00:00', 24, '00:15:00', '-01:00:00', null]]);
  assert.deepEqual(await schema('print 1d / 1h, 1h * 2'), ['print_0:real', 'print_1:timespan']);
  // 100 ns ticks survive arithmetic, also across 1970
  assert.equal(await value('print datetime(2024-01-01 00:00:00.0000001) + 1tick'), '2024-01-01T00:00:00.0000002Z');
  assert.equal(await value('print datetime(1969-12-31 23:59:59.9999999) + 1tick'), '1970-01-01T00:00:00Z');
  assert.equal(await value('print (datetime(2024-01-01 00:00:00.0000003) - datetime(2024-01-01)) / 1tick'), 3);
  assert.equal(await value('print (datetime(2019-01-07 21:45:31) - datetime(1970-01-01)) / 1s'), 1546897531);
});

test('bin, floor and bin_at on datetimes, timespans and numbers', async () => {
  assert.deepEqual(await rows('print bin(datetime(2024-01-01 10:17:45.1234567), 15m), floor(datetime(2024-01-01 10:17:45.1234567), 1ms), bin(datetime(1969-12-31 23:59:59.9999999), 1s), bin(datetime(2024-01-01 00:00:00.0000005), 2tick)'),
    [['2024-01-01T10:15:00Z', '2024-01-01T10:17:45.123Z', '1969-12-31T23:59:59Z', '2024-01-01T00:00:00.0000004Z']]);
  assert.deepEqual(await rows('print bin(37h, 1d), bin(-90m, 1h), bin(17, 5), bin(-17, 5), bin(4.7, 1.5), bin(7, 2.5)'),
    [['1.00:00:00', '-02:00:00', 15, -20, 4.5, 5]]);
  assert.deepEqual(await rows('print bin_at(datetime(2024-01-03 10:00), 1d, datetime(2024-01-01 12:00)), bin_at(23, 10, 5), bin_at(3h, 2h, 30m), bin_at(6.4, 2.0, 0.5)'),
    [['2024-01-02T12:00:00Z', 15, '02:30:00', 4.5]]);
});

test('format_datetime and format_timespan', async () => {
  const dt = 'datetime(2009-06-05 13:45:30.6170000)';
  assert.deepEqual(await rows(`print format_datetime(${dt}, 'yyyy-MM-dd HH:mm:ss.fffffff'), format_datetime(${dt}, 'M/d/yy h:mm tt'), format_datetime(${dt}, 'HH:mm:ss.FFFFFFF'), format_datetime(datetime(2009-06-05 01:02:03), 'HH:mm:ss.FFF [y]'), format_datetime(${dt}, 'ff|f')`),
    [['2009-06-05 13:45:30.6170000', '6/5/09 1:45 PM', '13:45:30.617', '01:02:03 [9]', '61|6']]);
  assert.deepEqual(await rows(`print format_timespan(time(3.04:05:06.789), 'd.hh:mm:ss.fff'), format_timespan(time(3.04:05:06.7), 'ddd h:m:s FF'), format_timespan(-90m, 'hh:mm'), format_timespan(timespan(null), 'hh')`),
    [['3.04:05:06.789', '003 4:5:6 7', '-01:30', '']]);
  assert.match((await error(`print format_datetime(now(), 'yyyy MMM')`)).message, /MMM/);
});

test('make_datetime and make_timespan', async () => {
  assert.deepEqual(await rows('print make_datetime(2017, 10, 1), make_datetime(2017, 10, 1, 12, 10), make_datetime(2017, 10, 1, 12, 11, 0.1234567), make_datetime(2024, 2, 30), make_datetime(2024, 1, 1, 24, 0)'),
    [['2017-10-01T00:00:00Z', '2017-10-01T12:10:00Z', '2017-10-01T12:11:00.1234567Z', null, null]]);
  assert.deepEqual(await rows('print make_timespan(2, 30), make_timespan(1, 2, 3), make_timespan(1, 2, 3, 4)'),
    [['02:30:00', '01:02:03', '1.02:03:04']]);
});

test('unixtime_*_todatetime', async () => {
  assert.deepEqual(await rows('print unixtime_seconds_todatetime(1546300800), unixtime_milliseconds_todatetime(1546300800123), unixtime_microseconds_todatetime(1546300800123456), unixtime_nanoseconds_todatetime(1546300800123456789)'),
    [['2019-01-01T00:00:00Z', '2019-01-01T00:00:00.123Z', '2019-01-01T00:00:00.123456Z', '2019-01-01T00:00:00.1234567Z']]);
  assert.deepEqual(await rows('print unixtime_seconds_todatetime(1.5), unixtime_milliseconds_todatetime(-1), unixtime_seconds_todatetime(long(null))'),
    [['1970-01-01T00:00:01.5Z', '1969-12-31T23:59:59.999Z', null]]);
});

test('time zones: utc <-> local with DST, unknown zones give null', async () => {
  assert.deepEqual(await rows(`print datetime_utc_to_local(datetime(2024-01-15 12:00:00.1234567), 'Europe/Paris'), datetime_utc_to_local(datetime(2024-07-15 12:00), 'America/New_York'), datetime_local_to_utc(datetime(2024-07-15 08:00), 'America/New_York'), datetime_utc_to_local(datetime(2024-01-01), 'No/Such_Zone')`),
    [['2024-01-15T13:00:00.1234567Z', '2024-07-15T08:00:00Z', '2024-07-15T12:00:00Z', null]]);
  // 02:30 does not exist in Brussels on 2022-03-27: the summer offset applies
  assert.equal(await value(`print datetime_local_to_utc(datetime(2022-03-27 02:30), 'Europe/Brussels')`), '2022-03-27T00:30:00Z');
});

test('datetime literals and todatetime read the documented formats', async () => {
  assert.deepEqual(await rows(`print todatetime('2014-05-25T08:20:03.123456Z'), todatetime('2014-05-25 08:20'), todatetime('2014-05-25T08:20:03+02:00'), todatetime('Sat, 8 Nov 14 15:05:02 GMT'), todatetime('Saturday, 08-Nov-14 15:05'), todatetime('not a date'), todatetime('')`),
    [['2014-05-25T08:20:03.123456Z', '2014-05-25T08:20:00Z', '2014-05-25T06:20:03Z', '2014-11-08T15:05:02Z', '2014-11-08T15:05:00Z', null, null]]);
  assert.equal(await value(`print todatetime('2024-01-01 00:00:00.123456789')`), '2024-01-01T00:00:00.1234567Z');
  assert.equal(await value(`print todatetime('11-03-2021') == datetime('11-03-2021')`), true);
  assert.equal(await value('print datetime(2021, 3, 11)'), '2021-03-11T00:00:00Z');
  assert.equal(await value('print datetime(8 Nov 2014 15:05 GMT)'), '2014-11-08T15:05:00Z');
  assert.equal(await value(`print todatetime(dynamic('2024-01-01T10:00:00Z'))`), '2024-01-01T10:00:00Z');
});

test('totimespan reads [-][d.]hh:mm[:ss[.fffffff]] and tick counts', async () => {
  assert.deepEqual(await rows(`print totimespan('0.00:03:00'), totimespan('1.02:03:04.5'), totimespan('-00:30'), totimespan('nonsense'), totimespan(10000000), totimespan(4d)`),
    [['00:03:00', '1.02:03:04.5000000', '-00:30:00', null, '00:00:01', '4.00:00:00']]);
});
