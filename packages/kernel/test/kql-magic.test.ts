/**
 * %kql and %%kql against a real server: the result value, assignment and `_kql_raw_result_`,
 * -quiet, -workspace, -timeout on the wire, the display bundle and its cap, toArray/toTable,
 * charts of `render`, and the errors (bad query with the cell's line and column, missing
 * environment, unreachable server, interrupt).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runKqlMagic, KqlResult, KqlQueryError, KqlConnectionError, KqlMagicError, connectionFromEnv, LAST_RESULT } from '../src/kql/index.ts';
import { DISPLAY } from '../src/types.ts';
import { startKqlServer, testHost, withEnv, type KqlServer } from './kql-harness.ts';

let server: KqlServer;
before(async () => { server = await startKqlServer(); });
after(async () => { await server?.close(); });

test('a line magic returns the result and keeps it as _kql_raw_result_', async () => {
  const host = testHost();
  const r = await runKqlMagic('print n = 1, s = "a", d = dynamic({"k": [1, 2]}), t = datetime(2024-01-02 03:04:05)', host, 'line');
  assert.ok(r instanceof KqlResult);
  assert.deepEqual(r.columns, [{ name: 'n', type: 'long' }, { name: 's', type: 'string' }, { name: 'd', type: 'dynamic' }, { name: 't', type: 'datetime' }]);
  assert.deepEqual(r.rows, [[1, 'a', { k: [1, 2] }, '2024-01-02T03:04:05Z']]);
  assert.equal(r.length, 1);
  assert.equal(r.workspace, 'demo');
  assert.equal(r.render, undefined);
  assert.ok(r.elapsedMs >= 0);
  assert.equal(host.vars[LAST_RESULT], r);
  assert.deepEqual(host.displays, []); // the Executor displays the returned value
});

test('`name <<` assigns the result; the next query replaces _kql_raw_result_ only', async () => {
  const host = testHost();
  const first = await runKqlMagic(' first <<\nSecurityEvent\n| take 3\n| project EventID', host, 'cell');
  const second = await runKqlMagic('print x = 2', host, 'line');
  assert.equal(host.vars.first, first);
  assert.equal(first!.length, 3);
  assert.equal(host.vars[LAST_RESULT], second);
});

test('-quiet: nothing to display (undefined), the variables still get the result', async () => {
  const host = testHost();
  const r = await runKqlMagic('-quiet q << print x = 1', host, 'line');
  assert.equal(r, undefined);
  assert.ok(host.vars.q instanceof KqlResult);
  assert.equal(host.vars[LAST_RESULT], host.vars.q);
  assert.deepEqual(host.displays, []);
});

test('-workspace overrides HUNTBOOK_WORKSPACE; an unknown workspace is named in the error', async () => {
  const r = await withEnv({ HUNTBOOK_WORKSPACE: undefined }, () => runKqlMagic('-workspace demo print 1', testHost(), 'line'));
  assert.equal(r!.workspace, 'demo');
  await assert.rejects(runKqlMagic('-workspace nosuchws print 1', testHost(), 'line'), (e: Error) => {
    assert.ok(e instanceof KqlQueryError, String(e));
    assert.match(e.message, /nosuchws/);
    return true;
  });
});

test('a bad query is a KqlQueryError with Kusto\'s message at the cell\'s own line and column', async () => {
  // the cell's first line is the %%kql line: the query's error on its line 3 is the cell's line 3
  await assert.rejects(runKqlMagic(' r <<\nSecurityEvent\n| where NoSuchColumn == 1', testHost(), 'cell'), (e: Error) => {
    assert.ok(e instanceof KqlQueryError, String(e));
    assert.equal(e.line, 3);
    assert.equal(e.column, 9);
    assert.equal(e.code, 'KS142');
    assert.match(e.message, /^line 3, column 9: The name 'NoSuchColumn' does not refer to any known column/);
    assert.match(e.message, /\n {2}\| where NoSuchColumn == 1\n {2} {8}\^{12}$/);
    return true;
  });
  // a parameter earlier on the line does not shift the column the user sees
  await assert.rejects(runKqlMagic('let p = value; print p, nope', testHost({ value: 'a long string that moves the text' }), 'line'), (e: Error) => {
    assert.ok(e instanceof KqlQueryError, String(e));
    assert.equal(e.line, 1);
    assert.equal(e.column, 25);
    return true;
  });
  await assert.rejects(runKqlMagic('print (', testHost(), 'line'), (e: Error) => e instanceof KqlQueryError && e.line === 1 && /\[KS\d+\]/.test(e.message));
});

test('a missing environment variable is named; -workspace stands in for HUNTBOOK_WORKSPACE', async () => {
  await withEnv({ HUNTBOOK_TOKEN: undefined, HUNTBOOK_WORKSPACE: undefined }, async () => {
    await assert.rejects(runKqlMagic('print 1', testHost(), 'line'), (e: Error) => {
      assert.ok(e instanceof KqlConnectionError);
      assert.match(e.message, /set HUNTBOOK_TOKEN, HUNTBOOK_WORKSPACE in the kernel's environment/);
      return true;
    });
    assert.throws(() => connectionFromEnv({ workspace: 'demo' }), /set HUNTBOOK_TOKEN in/);
  });
  await withEnv({ HUNTBOOK_URL: 'not a url' }, async () => {
    await assert.rejects(runKqlMagic('print 1', testHost(), 'line'), /HUNTBOOK_URL is 'not a url', not a URL/);
  });
  // a bad option is reported before anything is sent
  await assert.rejects(runKqlMagic('-nope print 1', testHost(), 'line'), KqlMagicError);
});

test('a server that cannot be reached is named by its URL; a bad token says to check it', async () => {
  const closed = await listenOnce((_req, res) => res.end());
  const url = closed.url;
  await closed.close(); // nothing listens there now
  await withEnv({ HUNTBOOK_URL: url }, async () => {
    await assert.rejects(runKqlMagic('print 1', testHost(), 'line'), (e: Error) => {
      assert.ok(e instanceof KqlConnectionError, String(e));
      assert.match(e.message, new RegExp(`could not reach the Huntbook server at ${url}/v1/workspaces/demo/query \\(ECONNREFUSED\\)`));
      return true;
    });
  });
  await withEnv({ HUNTBOOK_TOKEN: 'hb_wrong' }, async () => {
    await assert.rejects(runKqlMagic('print 1', testHost(), 'line'), (e: Error) => e instanceof KqlQueryError && /check HUNTBOOK_TOKEN/.test(e.message) && /\[Unauthorized\]/.test(e.message));
  });
});

test('what goes on the wire: bearer token, Prefer with wait, the query with its literals; interrupt aborts', async () => {
  const seen: { headers: IncomingMessage['headers']; body: string; url: string }[] = [];
  const fake = await listenOnce((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      seen.push({ headers: req.headers, body, url: req.url ?? '' });
      if (JSON.parse(body).query.includes('hang')) return; // never answers
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ tables: [{ name: 'PrimaryResult', columns: [{ name: 'x', type: 'long' }], rows: [[1]] }], render: { visualization: null } }));
    });
  });
  try {
    await withEnv({ HUNTBOOK_URL: fake.url + '/', HUNTBOOK_TOKEN: 'hb_secret' }, async () => {
      const r = await runKqlMagic('-timeout 42 -workspace "a b" let v = s; print v', testHost({ s: 'x"y' }), 'line');
      assert.deepEqual(r!.rows, [[1]]);
      assert.equal(seen[0]!.url, '/v1/workspaces/a%20b/query');
      assert.equal(seen[0]!.headers.authorization, 'Bearer hb_secret');
      assert.equal(seen[0]!.headers.prefer, 'include-render=true, wait=42');
      assert.deepEqual(JSON.parse(seen[0]!.body), { query: 'let v = "x\\"y"; print v' });
      assert.equal(r!.query, 'let v = "x\\"y"; print v');

      await runKqlMagic('print 1', testHost(), 'line');
      assert.equal(seen[1]!.headers.prefer, 'include-render=true'); // no -timeout: the server's default

      const host = testHost();
      const pending = runKqlMagic('print hang', host, 'line');
      while (seen.length < 3) await new Promise((res) => setTimeout(res, 5));
      host.controller.abort();
      await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
    });
  } finally {
    await fake.close();
  }
});

test('the display bundle: data resource, escaped HTML, aligned text, the typed result', async () => {
  const r = await runKqlMagic('datatable(name:string, n:long, at:datetime, d:dynamic)["<script>alert(1)</script>", 1, datetime(2024-01-01), dynamic({"a":1}), "b & c", 22, datetime(null), dynamic(null)]', testHost(), 'line');
  const b = r![DISPLAY]();
  assert.deepEqual(Object.keys(b.data).sort(), ['application/vnd.dataresource+json', 'application/vnd.huntbook.kql-result+json', 'text/html', 'text/plain']);
  assert.deepEqual(b.data['application/vnd.dataresource+json'], {
    schema: { fields: [{ name: 'name', type: 'string' }, { name: 'n', type: 'integer' }, { name: 'at', type: 'datetime' }, { name: 'd', type: 'any' }] },
    data: [
      { name: '<script>alert(1)</script>', n: 1, at: '2024-01-01T00:00:00Z', d: { a: 1 } },
      { name: 'b & c', n: 22, at: null, d: null },
    ],
  });
  const html = b.data['text/html'] as string;
  assert.ok(!html.includes('<script>'));
  assert.match(html, /<td>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/td><td>1<\/td><td>2024-01-01T00:00:00Z<\/td><td>\{&quot;a&quot;:1\}<\/td>/);
  assert.match(html, /<th title="long">n<\/th>/);
  assert.equal(b.data['text/plain'], [
    'name                       n   at                    d',
    '-------------------------  --  --------------------  -------',
    '<script>alert(1)</script>  1   2024-01-01T00:00:00Z  {"a":1}',
    'b & c                      22',
    '(2 rows)',
  ].join('\n'));
  assert.deepEqual(b.data['application/vnd.huntbook.kql-result+json'], {
    columns: r!.columns, rows: r!.rows, render: null, rowCount: 2, truncated: false, workspace: 'demo', elapsedMs: r!.elapsedMs,
  });
});

test('the display is capped at -display_limit rows with a note; the value keeps every row', async () => {
  const r = await runKqlMagic('-display_limit 10 range i from 1 to 25 step 1', testHost(), 'line');
  assert.equal(r!.length, 25);
  const b = r![DISPLAY]();
  assert.equal((b.data['application/vnd.dataresource+json'] as { data: unknown[] }).data.length, 10);
  const typed = b.data['application/vnd.huntbook.kql-result+json'] as { rows: unknown[]; rowCount: number; truncated: boolean };
  assert.equal(typed.rows.length, 10);
  assert.equal(typed.rowCount, 25);
  assert.equal(typed.truncated, true);
  const note = 'Showing the first 10 of 25 rows (display_limit 10); the variable holds all 25.';
  assert.ok((b.data['text/html'] as string).includes(note));
  assert.ok((b.data['text/plain'] as string).endsWith(`(25 rows)\n${note}`));
  assert.equal(((b.data['text/html'] as string).match(/<tr>/g) ?? []).length, 11); // header + 10
  // the default is 10,000
  const big = await runKqlMagic('range i from 1 to 10001 step 1', testHost(), 'line');
  assert.equal((big![DISPLAY]().data['application/vnd.huntbook.kql-result+json'] as { rows: unknown[] }).rows.length, 10_000);
});

test('toArray gives objects with Dates and numbers, toTable an Arquero table, the result iterates', async () => {
  const r = await runKqlMagic('datatable(id:long, at:datetime, r:real, s:string)[1, datetime(2024-01-01T00:00:00.1234567Z), real(nan), "x", 2, datetime(null), 2.5, "y"]', testHost(), 'line');
  assert.deepEqual(r!.rows[0], [1, '2024-01-01T00:00:00.1234567Z', 'NaN', 'x']); // the contract's values
  const objs = r!.toArray();
  assert.deepEqual(objs[1], { id: 2, at: null, r: 2.5, s: 'y' });
  assert.ok(objs[0]!.at instanceof Date);
  assert.equal((objs[0]!.at as Date).toISOString(), '2024-01-01T00:00:00.123Z');
  assert.ok(Number.isNaN(objs[0]!.r));
  const t = r!.toTable();
  assert.deepEqual(t.columnNames(), ['id', 'at', 'r', 's']);
  assert.equal(t.numRows(), 2);
  assert.equal(t.get('s', 1), 'y');
  assert.deepEqual(t.filter((d: { id: number }) => d.id > 1).array('s'), ['y']);
  assert.deepEqual([...r!].map((o) => o.id), [1, 2]);
});

test('a query ending in render carries its Vega-Lite chart; one without has none', async () => {
  const r = await runKqlMagic('range i from 1 to 5 step 1 | extend v = i * 2 | render columnchart with (title="doubles")', testHost(), 'line');
  assert.equal(r!.render?.visualization, 'columnchart');
  assert.equal(r!.render?.title, 'doubles');
  const spec = r![DISPLAY]().data['application/vnd.vegalite.v5+json'] as Record<string, unknown>;
  assert.ok(spec, 'a chart');
  assert.match(String(spec.$schema), /vega-lite\/v5/);
  assert.equal((r![DISPLAY]().data['application/vnd.huntbook.kql-result+json'] as { render: unknown }).render, r!.render);
  const table = await runKqlMagic('print 1 | render table', testHost(), 'line');
  assert.equal(table![DISPLAY]().data['application/vnd.vegalite.v5+json'], undefined);
});

/** A throwaway HTTP server on 127.0.0.1 (the test's own stand-in for a server that misbehaves). */
async function listenOnce(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; close(): Promise<void> }> {
  const s: Server = createServer(handler);
  await new Promise<void>((res) => s.listen(0, '127.0.0.1', res));
  const { port } = s.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((res) => { s.closeAllConnections(); s.close(() => res()); }),
  };
}
