/** parse-kv: delimiters, quotes and escapes, greedy values, no-delimiter and regex modes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, schema, error } from './helpers.ts';

test('explicit delimiters: first value of each listed key, trimmed, converted to its type', async () => {
  const q = `print s = "user:alice; pid: 4242 ;note:  hello world ; pid:7" | parse-kv s as (pid:long, user:string, note:string, absent:string, gone:long) with (pair_delimiter=';', kv_delimiter=':') | project-away s`;
  assert.deepEqual(await rows(q), [[4242, 'alice', 'hello world', '', null]]);
  assert.deepEqual(await schema(q), ['pid:long', 'user:string', 'note:string', 'absent:string', 'gone:long']);
});

test('quoted keys and values may hold the delimiters; escapes inside quotes', async () => {
  const q = `print s = @'cmd="net user /add" "logon type"=3 msg="say \\"hi\\" now" x=1' | parse-kv s as (cmd:string, ['logon type']:int, msg:string, x:long) with (pair_delimiter=' ', kv_delimiter='=', quote='"', escape='\\\\') | project-away s`;
  assert.deepEqual(await rows(q), [['net user /add', 3, 'say "hi" now', 1]]);
  const p = `print s = 'a=[one two] b=(x y)' | parse-kv s as (a:string, b:string) with (pair_delimiter=' ', kv_delimiter='=', quote='[]', quote='()') | project-away s`;
  assert.deepEqual(await rows(p), [['one two', 'x y']]);
});

test('greedy values run up to the next key', async () => {
  const base = `print s = 'host=web 01 path=/a b/c user=Bob Smith'`;
  assert.deepEqual(await rows(`${base} | parse-kv s as (host:string, path:string, user:string) with (pair_delimiter=' ', kv_delimiter='=', greedy=true) | project-away s`), [['web 01', '/a b/c', 'Bob Smith']]);
  assert.deepEqual(await rows(`${base} | parse-kv s as (host:string, path:string, user:string) with (pair_delimiter=' ', kv_delimiter='=') | project-away s`), [['web', '/a', 'Bob']]);
});

test('no delimiters: any non-alphanumeric character separates keys from values', async () => {
  const q = `print s = "2024-05-01 [WARN] Port=8080, Proto: tcp Count 12" | parse-kv s as (Port:long, Proto:string, Count:long) | project-away s`;
  assert.deepEqual(await rows(q), [[8080, 'tcp', 12]]);
  const quoted = `print s = "id: 5 info: 'a \\\\' b'" | parse-kv s as (id:long, info:string) with (quote="'", escape='\\\\') | project-away s`;
  assert.deepEqual(await rows(quoted), [[5, "a ' b"]]);
});

test('regex mode: group 1 is the key, group 2 the value', async () => {
  const q = `print s = '<ip: 10.0.0.1> <port: 443> <ip: 10.9.9.9>' | parse-kv s as (ip:string, port:int, none:string) with (regex=@'<(\\w+):\\s*([^>]*)>') | project-away s`;
  assert.deepEqual(await rows(q), [['10.0.0.1', 443, '']]);
});

test('a non-string source is parsed as its text; the source column stays', async () => {
  assert.deepEqual(await rows(`print d = dynamic({"a": 1}) | parse-kv d as (a:long)`), [[{ a: 1 }, 1]]);
  assert.deepEqual(await rows(`datatable(s:string)['k=1', '', 'k=x'] | parse-kv s as (k:long) with (pair_delimiter=',', kv_delimiter='=')`), [['k=1', 1], ['', null], ['k=x', null]]);
});

test('invalid option combinations are errors', async () => {
  const e = await error(`print s = 'a' | parse-kv s as (a:string) with (pair_delimiter=',')`);
  assert.match(e.message, /pair_delimiter and kv_delimiter/);
});
