/** JavaScript UDFs: hash()/hash_xxhash64() (XXH64), parse_xml(), parse_user_agent(). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, error, run } from './helpers.ts';
import { xxh64 } from '../src/sql/duckdb/udf-impl/xxhash64.ts';
import { parseXmlToJson } from '../src/sql/duckdb/udf-impl/xml.ts';

// results are compared as text: a long beyond 2^53 loses digits as a JS number
const hashText = async (expr: string): Promise<unknown> => value(`print tostring(${expr})`);

test('XXH64 matches the specification test vectors (empty, short, every tail length, 32-byte stripes)', () => {
  const h = (s: string): string => xxh64(new TextEncoder().encode(s)).toString(16).padStart(16, '0');
  assert.equal(h(''), 'ef46db3751d8e999');
  assert.equal(h('a'), 'd24ec4f1a98c6e5b');
  assert.equal(h('abc'), '44bc2cf5ad770999');
  assert.equal(h('The quick brown fox jumps over the lazy dog'), '0b242d361fda71bc'); // 43 bytes: a stripe + 8 + 1-byte tail
  assert.equal(h('héllo wörld ✓'), '34d9919c86f55ac4'); // UTF-8 bytes
});

test('hash() and hash_xxhash64() of strings give Kusto\'s documented values', async () => {
  assert.equal(await hashText('hash("World")'), '1846988464401551951');
  assert.equal(await hashText('hash_xxhash64("World")'), '1846988464401551951');
  assert.equal(await hashText('hash("Hello")'), '753694413698530628');
  // values are signed longs
  assert.equal(await hashText('hash("a")'), '-3292477735350538661');
  assert.equal(await hashText('hash_xxhash64("abc")'), '4952883123889572249');
});

test('hash() of a datetime hashes its .NET ticks', async () => {
  assert.equal(await hashText('hash(datetime(2015-01-01))'), '1380966698541616202');
  assert.equal(await hashText('hash_xxhash64(datetime("2015-01-01"))'), '1380966698541616202');
  assert.equal(await value('print isnull(hash(datetime(null)))'), true);
});

test('hash(x, mod) is the hash modulo mod, never negative', async () => {
  assert.deepEqual(await rows('print hash("World", 100), hash_xxhash64("World", 7)'), [[51, Number(1846988464401551951n % 7n)]]);
  // hash("a") is negative: Kusto's % gives a value in [0, mod)
  const neg = -3292477735350538661n;
  assert.deepEqual(await rows('print hash("a", 10), hash("a", 1000)'), [[Number(((neg % 10n) + 10n) % 10n), Number(((neg % 1000n) + 1000n) % 1000n)]]);
  assert.equal(await value('print isnull(hash("a", 0))'), true);
});

test('hash() over a column: an empty string is the hash of "", and sampling by hash is stable', async () => {
  const r = await rows('datatable(s:string)["x", "", "x", "World"] | extend h = tostring(hash(s)), m = hash(s, 100)');
  assert.deepEqual(r.map((x) => x[1]), [r[0]![1], '-1205034819632174695', r[0]![1], '1846988464401551951']);
  assert.equal(r[3]![2], 51);
  assert.deepEqual(await rows('range i from 1 to 1000 step 1 | where hash(tostring(i), 10) == 3 | count'), [[(await rows('range i from 1 to 1000 step 1 | extend h = hash(tostring(i), 10) | where h == 3 | count'))[0]![0]]]);
});

test('hash() of a type whose hashed bytes are not documented is refused', async () => {
  for (const q of ['print hash(42)', 'print hash(1.5)', 'print hash(true)', 'print hash_xxhash64(guid(00000000-0000-0000-0000-000000000001))', 'print hash(1h)']) {
    const e = await error(q);
    assert.equal(e.code, 'HB001', q);
    assert.match(e.message, /hash/);
  }
});

test('parse_xml() maps elements, attributes, text and repeated elements as documented', async () => {
  const p = async (xml: string): Promise<unknown> => value(`print parse_xml(${JSON.stringify(xml)})`);
  assert.deepEqual(await p('<e/>'), { e: null });
  assert.deepEqual(await p('<e></e>'), { e: null });
  assert.deepEqual(await p('<e>some text</e>'), { e: 'some text' });
  assert.deepEqual(await p('<e name="value" />'), { e: { '@name': 'value' } });
  assert.deepEqual(await p("<e name='v1' other=\"v2\">txt</e>"), { e: { '@name': 'v1', '@other': 'v2', '#text': 'txt' } });
  assert.deepEqual(await p('<e> <a>x</a> <b>y</b> </e>'), { e: { a: 'x', b: 'y' } });
  assert.deepEqual(await p('<e> <a>x</a> <a>y</a> <b/> <a>z</a> </e>'), { e: { a: ['x', 'y', 'z'], b: null } });
  assert.deepEqual(await p('<e> words <a>x</a> </e>'), { e: { '#text': 'words', a: 'x' } });
});

test('parse_xml() of a document with a declaration, comments, CDATA and entities', async () => {
  const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- metrics -->\n<duration>\n  <value>118.0</value>\n  <count>5.0</count>\n  <note><![CDATA[a <b> & c]]></note>\n  <q a="&lt;&amp;&#65;&#x42;">&quot;hi&apos;</q>\n</duration>';
  assert.deepEqual(await value(`print parse_xml(${JSON.stringify(xml)})`), {
    duration: { value: '118.0', count: '5.0', note: 'a <b> & c', q: { '@a': '<&AB', '#text': '"hi\'' } },
  });
  // navigation into the result, as the docs' example does
  assert.deepEqual(await rows(`print d = parse_xml(${JSON.stringify(xml)}) | project v = todouble(d.duration.value), c = tostring(d["duration"]["count"])`), [[118, '5.0']]);
});

test('parse_xml() of invalid XML is null', async () => {
  for (const bad of ['', 'not xml', '<a>', '<a></b>', '<a><b></a></b>', '<a/><b/>', '<a x="1" x="2"/>', '<a x=1/>', '<a>&nope;</a>', '<a>& b</a>', 'text<a/>', '<a/>text', '<1a/>', '<a><!-- x -- y --></a>', '<a/><?xml version="1.0"?>']) {
    assert.equal(parseXmlToJson(bad), null, bad);
  }
  assert.deepEqual(await rows('print isnull(parse_xml("<a>")), isnull(parse_xml("<a/>"))'), [[true, false]]);
  assert.deepEqual(await rows('datatable(x:string)["<r><v>1</v></r>", "<r>", ""] | project isnull(parse_xml(x))'), [[false], [true], [true]]);
});

test('parse_user_agent() of the documented examples', async () => {
  assert.deepEqual(await value('print parse_user_agent("Mozilla/5.0 (Windows; U; en-US) AppleWebKit/531.9 (KHTML, like Gecko) AdobeAIR/2.5.1", "browser")'), {
    Browser: { Family: 'AdobeAIR', MajorVersion: '2', MinorVersion: '5', Patch: '1' },
  });
  const nokia = 'Mozilla/5.0 (SymbianOS/9.2; U; Series60/3.1 NokiaN81-3/10.0.032 Profile/MIDP-2.0 Configuration/CLDC-1.1 ) AppleWebKit/413 (KHTML, like Gecko) Safari/4';
  assert.deepEqual(await value(`print parse_user_agent("${nokia}", dynamic(["browser","os","device"]))`), {
    Browser: { Family: 'Nokia OSS Browser', MajorVersion: '3', MinorVersion: '1', Patch: '' },
    OperatingSystem: { Family: 'Symbian OS', MajorVersion: '9', MinorVersion: '2', Patch: '', PatchMinor: '' },
    Device: { Family: 'Nokia N81', Brand: 'Nokia', Model: 'N81-3' },
  });
});

// expected values are uap-core's answers for these agents
const AGENTS: [string, string, string, string][] = [
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.130 Safari/537.36', 'Chrome/120/0/6099', 'Windows/10///', 'Other//'],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91', 'Edge/120/0/2210', 'Windows/10///', 'Other//'],
  ['Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Safari/537.36 Edge/12.10136', 'Edge/12/10136/', 'Windows/10///', 'Other//'],
  ['Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0', 'Firefox/115/0/', 'Windows/7///', 'Other//'],
  ['Mozilla/5.0 (Windows NT 6.3; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36', 'Chrome/109/0/0', 'Windows/8/1//', 'Other//'],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2.1 Safari/605.1.15', 'Safari/17/2/1', 'Mac OS X/10/15/7/', 'Mac/Apple/Mac'],
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_2_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1', 'Mobile Safari/17/2/', 'iOS/17/2/1/', 'iPhone/Apple/iPhone'],
  ['Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1', 'Chrome Mobile iOS/120/0/6099', 'iOS/17/2//', 'iPad/Apple/iPad'],
  ['Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36', 'Chrome Mobile/120/0/0', 'Android/13///', 'Samsung SM-S918B/Samsung/SM-S918B'],
  ['Mozilla/5.0 (Linux; Android 11; Pixel 5 Build/RQ3A.210805.001.A1; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/92.0.4515.159 Mobile Safari/537.36', 'Chrome Mobile WebView/92/0/4515', 'Android/11///', 'Pixel 5/Google/Pixel 5'],
  ['Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0', 'Firefox Mobile/121/0/', 'Android/14///', 'Generic Smartphone/Generic/Smartphone'],
  ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0', 'Firefox/121/0/', 'Ubuntu////', 'Other//'],
  ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36', 'Chrome/120/0/0', 'Linux////', 'Other//'],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0', 'Opera/106/0/0', 'Windows/10///', 'Other//'],
  ['Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko', 'IE/11/0/', 'Windows/7///', 'Other//'],
  ['Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)', 'IE/8/0/', 'Windows/XP///', 'Other//'],
  ['curl/8.4.0', 'curl/8/4/0', 'Other////', 'Other//'],
  ['python-requests/2.31.0', 'Python Requests/2/31/', 'Other////', 'Other//'],
  ['Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.3803', 'WindowsPowerShell/5/1/19041', 'Windows/10///', 'Other//'],
  ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'Googlebot/2/1/', 'Other////', 'Spider/Spider/Desktop'],
  ['something unknown', 'Other///', 'Other////', 'Other//'],
];

test('parse_user_agent() of common agents (browser, OS, device)', async () => {
  const r = await run(`datatable(ua:string)[${AGENTS.map(([ua]) => JSON.stringify(ua)).join(', ')}] | project x = parse_user_agent(ua, dynamic(["browser", "os", "device"]))`);
  r.rows.forEach((row, i) => {
    const x = row[0] as Record<string, Record<string, string>>;
    const got = [x.Browser, x.OperatingSystem, x.Device].map((o) => Object.values(o!).join('/'));
    assert.deepEqual(got, AGENTS[i]!.slice(1), AGENTS[i]![0]);
  });
});

test('parse_user_agent() look-for: one target, several, order kept; other values refused', async () => {
  assert.deepEqual(Object.keys(await value('print parse_user_agent("curl/8.4.0", "os")') as object), ['OperatingSystem']);
  assert.deepEqual(Object.keys(await value('print parse_user_agent("curl/8.4.0", dynamic(["device", "browser"]))') as object), ['Device', 'Browser']);
  assert.deepEqual(await value('print parse_user_agent("", "device")'), { Device: { Family: 'Other', Brand: '', Model: '' } });
  for (const q of ['print parse_user_agent("x", "cpu")', 'print parse_user_agent("x", dynamic([]))', 'print l = "os" | project parse_user_agent("x", l)']) {
    assert.equal((await error(q)).code, 'HB001', q);
  }
});
