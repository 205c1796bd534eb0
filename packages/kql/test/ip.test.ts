/** IPv4 / IPv6 functions (string and integer arithmetic, no inet extension). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, schema } from './helpers.ts';

test('parse_ipv4 / parse_ipv4_mask give the masked address as long; invalid input is null', async () => {
  assert.deepEqual(
    await rows(`print parse_ipv4('10.0.0.1'), parse_ipv4('10.0.0.1/8'), parse_ipv4_mask('10.1.2.3', 16), parse_ipv4('10.0.0'), parse_ipv4('10.0.0.300'), parse_ipv4('1.2.3.4/40'), parse_ipv4('')`),
    [[167772161, 167772160, 167837696, null, null, null, null]],
  );
  assert.deepEqual(await schema(`print p = parse_ipv4('1.1.1.1')`), ['p:long']);
});

test('ipv4_is_private, ipv4_netmask_suffix', async () => {
  const T = `datatable(ip:string)['172.16.5.4', '172.32.0.1', '192.168.10.1/24', '8.8.8.8', '10.0.0.0/9', 'junk']`;
  assert.deepEqual((await rows(`${T} | project ipv4_is_private(ip)`)).flat(), [true, false, true, false, true, null]);
  assert.deepEqual((await rows(`${T} | project ipv4_netmask_suffix(ip)`)).flat(), [32, 32, 24, 32, 9, null]);
});

test('ipv4_is_in_range, ipv4_is_in_any_range with a list or a dynamic array', async () => {
  assert.deepEqual(
    await rows(`print ipv4_is_in_range('10.20.30.40', '10.20.0.0/16'), ipv4_is_in_range('10.21.0.1', '10.20.0.0/16'), ipv4_is_in_range('10.20.30.40', '10.20.30.40'), ipv4_is_in_range('x', '10.0.0.0/8')`),
    [[true, false, true, null]],
  );
  assert.deepEqual(
    (await rows(`datatable(ip:string)['192.168.3.3', '11.0.0.1'] | project ipv4_is_in_any_range(ip, dynamic(['10.0.0.0/8', '192.168.0.0/16'])), ipv4_is_in_any_range(ip, '11.0.0.0/24', '1.1.1.1')`)),
    [[true, false], [false, true]],
  );
});

test('ipv4_is_match and ipv4_compare use the shorter prefix', async () => {
  assert.deepEqual(
    await rows(`print ipv4_is_match('10.1.1.9/24', '10.1.1.200'), ipv4_is_match('10.1.1.9', '10.1.1.200'), ipv4_is_match('10.1.1.9', '10.1.1.8', 31), ipv4_compare('10.0.0.1', '10.0.0.9'), ipv4_compare('10.0.0.9', '10.0.0.1'), ipv4_compare('10.0.0.9/28', '10.0.0.1')`),
    [[true, false, true, -1, 1, 0]],
  );
});

test('format_ipv4 / format_ipv4_mask from text or long; invalid gives empty string', async () => {
  assert.deepEqual(
    await rows(`print format_ipv4('10.9.8.7', 16), format_ipv4(167772161), format_ipv4_mask('10.9.8.7/24', 30), format_ipv4_mask('10.9.8.7', 8), format_ipv4('10.9.8.7', -1), format_ipv4('nope')`),
    [['10.9.0.0', '10.0.0.1', '10.9.8.0/24', '10.0.0.0/8', '', '']],
  );
});

test('has_ipv4 / has_ipv4_prefix / has_any_ipv4 find delimited, valid addresses', async () => {
  assert.deepEqual(
    await rows(`print has_ipv4('src=10.0.0.5,dst=10.0.0.6', '10.0.0.6'), has_ipv4('id 910.0.0.5 x', '10.0.0.5'), has_ipv4('bad 10.0.0.256', '10.0.0.256'), has_ipv4('end 10.0.0.5.', '10.0.0.5')`),
    [[true, false, false, true]],
  );
  assert.deepEqual(
    await rows(`print has_ipv4_prefix('conn 172.16.0.9 ok', '172.16.'), has_ipv4_prefix('conn 172.16.0.9 ok', '172.16'), has_ipv4_prefix('conn 172.16.0.999 ok', '172.16.'), has_any_ipv4('a 1.2.3.4 b', dynamic(['9.9.9.9', '1.2.3.4'])), has_any_ipv4_prefix('a 1.2.3.4 b', '5.', '1.2.')`),
    [[true, false, false, true, true]],
  );
});

test('parse_ipv6 / parse_ipv6_mask give the canonical form; IPv4 maps to ::ffff:0:0/96', async () => {
  assert.deepEqual(
    await rows(`print parse_ipv6('2001:db8::1'), parse_ipv6('10.1.2.3'), parse_ipv6('10.1.2.3/16'), parse_ipv6_mask('2001:db8::abcd', 112), parse_ipv6('::ffff:10.1.2.3'), parse_ipv6('1:2:3'), parse_ipv6('1::2::3')`),
    [[
      '2001:0db8:0000:0000:0000:0000:0000:0001', '0000:0000:0000:0000:0000:ffff:0a01:0203', '0000:0000:0000:0000:0000:ffff:0a01:0000',
      '2001:0db8:0000:0000:0000:0000:0000:0000', '0000:0000:0000:0000:0000:ffff:0a01:0203', '', '',
    ]],
  );
});

test('ipv6_compare, ipv6_is_match, ipv6_is_in_range, ipv6_is_in_any_range', async () => {
  assert.deepEqual(
    await rows(`print ipv6_compare('fe80::1', 'fe80::2'), ipv6_compare('fe80::1/120', 'fe80::2'), ipv6_compare('fe80::1:0', 'fe80::2'), ipv6_is_match('10.1.2.3', '::ffff:a01:203'), ipv6_is_match('fe80::1', 'fe80::ff', 120), ipv6_is_match('fe80::1', 'fe80::1ff', 120)`),
    [[-1, 0, 1, true, true, false]],
  );
  assert.deepEqual(
    await rows(`print ipv6_is_in_range('2001:db8::77', '2001:db8::/64'), ipv6_is_in_range('2001:db9::77', '2001:db8::/64'), ipv6_is_in_any_range('fd00::5', dynamic(['2001:db8::/32', 'fd00::/8'])), ipv6_is_in_any_range('::1', '2001:db8::/32')`),
    [[true, false, true, false]],
  );
});
