/** Text parsing functions: extract, extract_all, parse_url(query), parse_path, parse_command_line, parse_csv. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, value, schema, error } from './helpers.ts';

test('extract returns the group, or an empty string when nothing matches', async () => {
  const T = `datatable(Text:string)["Name: Ann, Mail: ann@example.org, Age: 41", "Name: Bo, Age: 7"]`;
  assert.deepEqual(await rows(`${T} | project extract("Name: ([^,]+)", 1, Text), extract(@"Mail: (\\S+),", 1, Text), extract(@"\\d+", 0, Text)`), [
    ['Ann', 'ann@example.org', '41'],
    ['Bo', '', '7'],
  ]);
  assert.deepEqual(await rows('print extract("(a)(b)?", 2, "ac"), extract("(a)", 3, "a")'), [['', '']]);
});

test('extract_all: one group gives a flat array, several give arrays of arrays, no match gives null', async () => {
  assert.deepEqual(await value('print extract_all(@"(\\d+)", "n: 12, 345 and 6")'), ['12', '345', '6']);
  assert.deepEqual(await value('print extract_all(@"(\\w)(\\w+)(\\w)", "abcd-efg")'), [['a', 'bc', 'd'], ['e', 'f', 'g']]);
  assert.deepEqual(await value('print extract_all(@"(\\w)(\\w+)(\\w)", dynamic([3, 1]), "abcd-efg")'), [['d', 'a'], ['g', 'e']]);
  assert.deepEqual(await value('print extract_all(@"(?P<k>\\w+)=(?P<v>\\w+)", dynamic(["v", 1]), "a=1 b=2")'), [['1', 'a'], ['2', 'b']]);
  assert.equal(await value('print extract_all(@"(\\d)", "none")'), null);
  assert.deepEqual(await schema('print e = extract_all(@"(\\d)", "1")'), ['e:dynamic']);
});

test('extract_all with a regex without groups or an unknown group name is an error', async () => {
  assert.equal((await error('print extract_all(@"\\d+", "12")')).code, 'HB002');
  assert.equal((await error('print extract_all(@"(?P<a>\\d+)", dynamic(["b"]), "12")')).code, 'HB002');
});

test('parse_url splits scheme, user info, host, port, path, query and fragment', async () => {
  assert.deepEqual(await value('print parse_url("https://me:secret@example.com:8443/a/b.html?x=1&y=two%20words#frag")'), {
    Scheme: 'https', Host: 'example.com', Port: '8443', Path: '/a/b.html', Username: 'me', Password: 'secret',
    'Query Parameters': { x: '1', y: 'two words' }, Fragment: 'frag',
  });
  assert.deepEqual(await value('print parse_url("http://example.com")'), {
    Scheme: 'http', Host: 'example.com', Port: '', Path: '', Username: '', Password: '', 'Query Parameters': {}, Fragment: '',
  });
  // user info needs user:password; otherwise it stays in the host, as Kusto does
  assert.equal(await value('print tostring(parse_url("https://john@example.com/").Host)'), 'john@example.com');
  // not scheme://...: every part empty
  assert.equal(await value('print tostring(parse_url("mailto:someone@example.com").Scheme)'), '');
  assert.equal(await value('print tostring(parse_url("ftp://h/f?a=1&a=2&flag")["Query Parameters"].a)'), '1,2');
});

test('parse_urlquery wraps the parameters in a "Query Parameters" bag', async () => {
  assert.deepEqual(await value('print parse_urlquery("a=1&b=x+y&c=%3D")'), { 'Query Parameters': { a: '1', b: 'x y', c: '=' } });
  assert.equal(await value('let q = parse_urlquery("view=vs-2019&preserve-view=true"); print tostring(q["Query Parameters"]["preserve-view"])'), 'true');
});

test('parse_path splits Windows, UNC, URL and Unix paths', async () => {
  const parts = await rows(`datatable(p:string)[@"D:\\logs\\app.log", @"\\\\srv\\share\\a.tar.gz", "file://C:/x/y.txt:ads", "/var/log/syslog", "name.txt"] | project parse_path(p)`);
  assert.deepEqual(parts.map((r) => r[0]), [
    { Scheme: '', RootPath: 'D:', DirectoryPath: 'D:\\logs', DirectoryName: 'logs', Filename: 'app.log', Extension: 'log', AlternateDataStreamName: '' },
    { Scheme: '', RootPath: '', DirectoryPath: '\\\\srv\\share', DirectoryName: 'share', Filename: 'a.tar.gz', Extension: 'gz', AlternateDataStreamName: '' },
    { Scheme: 'file', RootPath: 'C:', DirectoryPath: 'C:/x', DirectoryName: 'x', Filename: 'y.txt', Extension: 'txt', AlternateDataStreamName: 'ads' },
    { Scheme: '', RootPath: '', DirectoryPath: '/var/log', DirectoryName: 'log', Filename: 'syslog', Extension: '', AlternateDataStreamName: '' },
    { Scheme: '', RootPath: '', DirectoryPath: '', DirectoryName: '', Filename: 'name.txt', Extension: 'txt', AlternateDataStreamName: '' },
  ]);
});

test('parse_command_line follows the Windows quoting and backslash rules', async () => {
  assert.deepEqual(await value(`print parse_command_line('cmd.exe /c "echo hi there"', "windows")`), ['cmd.exe', '/c', 'echo hi there']);
  assert.deepEqual(await value(`print parse_command_line(@'"C:\\Program Files\\app.exe"  -x ""  tail', "windows")`), ['C:\\Program Files\\app.exe', '-x', '', 'tail']);
  // 2n+1 backslashes before a quote: n backslashes and a literal quote; 2n: n backslashes and quoting
  assert.deepEqual(await value(`print parse_command_line(@'a\\"b c\\\\"d e"', "windows")`), ['a"b', 'c\\d e']);
  assert.deepEqual(await value(`print parse_command_line(@'a\\b \\\\x\\', "windows")`), ['a\\b', '\\\\x\\']);
  assert.deepEqual(await value(`print parse_command_line("", "windows")`), []);
});

test('parse_command_line with another parser is refused', async () => {
  assert.equal((await error(`print parse_command_line("a b", "linux")`)).code, 'HB001');
});

test('parse_csv reads one record with quotes and doubled quotes', async () => {
  assert.deepEqual(await value(`print parse_csv('x,"y,z","say ""hi""",,"two\\nlines"')`), ['x', 'y,z', 'say "hi"', '', 'two\nlines']);
  assert.deepEqual(await value(`print parse_csv('first,record\\nsecond,record')`), ['first', 'record']);
  assert.deepEqual(await value(`print parse_csv('')`), ['']);
});

test('parse_user_agent with a look-for that is not a literal is refused (the rest: udfs.test.ts)', async () => {
  assert.equal((await error('print l = "browser" | project parse_user_agent("Mozilla/5.0", l)')).code, 'HB001');
});
