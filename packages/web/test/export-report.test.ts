/**
 * The standalone HTML report: markdown rendered, code shown, tables as HTML, charts as inline SVG
 * (Vega, headless), and untrusted output that can never run script: checked in the report's text
 * and in a real browser (Debian's chromium through playwright-core) that opens it from a server.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { notebookReport, escapeHtml } from '../src/export/report.ts';

const EVIL = '<script>document.title="pwned";window.top.document.title="pwned";</script>';
const IMG_EVIL = '<img src=x onerror="document.title=\'pwned\'">';

const chart = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  title: 'Failed logons',
  data: { values: [{ Account: EVIL, n: 3 }, { Account: 'admin', n: 5 }] },
  mark: 'bar',
  encoding: { x: { field: 'Account', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } },
};

const notebook = {
  nbformat: 4, nbformat_minor: 5,
  metadata: { huntbook: { template: { title: 'Hunt <b>report</b>' } } },
  cells: [
    { id: 'md', cell_type: 'markdown', metadata: {}, source: `# Findings\n\nSome **bold** text ${EVIL} and ${IMG_EVIL} and [a link](javascript:alert(1)).` },
    { id: 'kql', cell_type: 'code', metadata: {}, execution_count: 3, source: '%%kql\nSecurityEvent | summarize n = count() by Account | render columnchart', outputs: [
      { output_type: 'execute_result', execution_count: 3, metadata: {}, data: {
        'application/vnd.huntbook.kql-result+json': { columns: [{ name: 'Account', type: 'string' }, { name: 'n', type: 'long' }, { name: 'Extra', type: 'dynamic' }], rows: [[EVIL, 3, { a: '<b>' }], ['admin', 5, null]], rowCount: 2, truncated: false },
        'application/vnd.vegalite.v5+json': chart,
        'text/html': EVIL,
        'text/plain': 'table',
      } },
    ] },
    { id: 'ts', cell_type: 'code', metadata: {}, execution_count: 4, source: 'display.html(evil); console.log("<script>x</script>")', outputs: [
      { output_type: 'display_data', metadata: {}, data: { 'text/html': `<p id="inside">inside</p>${EVIL}<script>document.body.setAttribute("data-ran","1")</script>`, 'text/plain': 'html' } },
      { output_type: 'display_data', metadata: {}, data: { 'image/svg+xml': `<svg xmlns="http://www.w3.org/2000/svg"><script>document.title="pwned"</script><circle r="4" onload="document.title='pwned'"/></svg>` } },
      { output_type: 'stream', name: 'stdout', text: '<script>x</script>\n' },
      { output_type: 'stream', name: 'stdout', text: 'second line\n' },
      { output_type: 'error', ename: 'Error', evalue: 'boom', traceback: ['\u001b[31mError: <script>boom</script>\u001b[0m'] },
    ] },
    { id: 'big', cell_type: 'code', metadata: {}, execution_count: 5, source: 'rows', outputs: [
      { output_type: 'execute_result', execution_count: 5, metadata: {}, data: { 'application/vnd.dataresource+json': { schema: { fields: [{ name: 'i', type: 'integer' }] }, data: Array.from({ length: 30 }, (_, i) => ({ i })) } } },
    ] },
    { id: 'badchart', cell_type: 'code', metadata: {}, execution_count: 6, source: 'display.vegalite(x)', outputs: [
      { output_type: 'display_data', metadata: {}, data: { 'application/vnd.vegalite.v5+json': { data: { url: 'https://example.invalid/data.json' }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } } } },
    ] },
  ],
};

let report: string;
async function getReport(): Promise<string> {
  report ??= await notebookReport(notebook, { maxRows: 10, subtitle: 'demo/Users/me/hunt.ipynb', now: new Date('2026-01-02T03:04:05Z') });
  return report;
}

test('the report shows markdown, code, tables and charts, and loads nothing', async () => {
  const html = await getReport();
  assert.match(html, /<title>Hunt &lt;b&gt;report&lt;\/b&gt;<\/title>/);
  assert.match(html, /demo\/Users\/me\/hunt\.ipynb · report made 2026-01-02T03:04:05\.000Z/);
  assert.match(html, /<h1>Findings<\/h1>/);
  assert.match(html, /<strong>bold<\/strong>/);
  assert.match(html, /\[3\] KQL<\/div><pre class="code"><code>%%kql\nSecurityEvent \| summarize n = count\(\) by Account \| render columnchart<\/code>/);
  assert.match(html, /\[4\] TypeScript/);
  // the table, values escaped, dynamic as JSON
  assert.match(html, /<th title="string">Account<\/th><th title="long">n<\/th>/);
  assert.match(html, /<td>&lt;script&gt;document\.title=&quot;pwned&quot;/);
  assert.match(html, /<td>\{&quot;a&quot;:&quot;&lt;b&gt;&quot;\}<\/td>/);
  // the chart as inline SVG drawn by Vega (its title is in it)
  assert.match(html, /<figure class="chart"><svg [^>]*class="marks"/);
  assert.match(html, /Failed logons/);
  // a cut table says so
  assert.match(html, /The first 10 of 30 rows\./);
  // consecutive streams merged, errors without ANSI codes
  assert.match(html, /<pre class="stream ">&lt;script&gt;x&lt;\/script&gt;\nsecond line\n<\/pre>/);
  assert.match(html, /<pre class="error">Error: &lt;script&gt;boom&lt;\/script&gt;<\/pre>/);
  // a chart that wants a URL is not drawn: its spec is kept with a note
  assert.match(html, /could not be drawn here \(the chart asks for /);
  // nothing is loaded from anywhere: no src/href to a URL, a CSP that forbids it
  assert.doesNotMatch(html, /(src|href)\s*=\s*["']?(https?:|\/\/)/i);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; script-src 'none'/);
});

test('no output or markdown puts active markup into the report', async () => {
  const html = await getReport();
  // every <script in the notebook is escaped (srcdoc attributes are escaped text too)
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img src=x/i);
  assert.doesNotMatch(html, /href="javascript:/i);
  // untrusted HTML and SVG are in frames that may run nothing
  const frames = html.match(/<iframe [^>]*>/g) ?? [];
  assert.equal(frames.length, 2, 'text/html of the KQL cell is not shown (the grid is), the display_data HTML and SVG are');
  for (const f of frames) {
    assert.match(f, / sandbox="" /);
    assert.match(f, / srcdoc="[^"]*"/);
  }
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

let browser: Browser | undefined;
let server: Server | undefined;
after(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
});

test('in a browser, a <script> in an output never runs in the report (nor in its frames)', async () => {
  const html = await getReport();
  server = createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(html); });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await page.goto(`http://127.0.0.1:${port}/report.html`);
  await page.waitForLoadState('load');
  assert.equal(await page.title(), 'Hunt <b>report</b>');
  assert.equal(dialogs.length, 0);
  // the frames' documents are there (the HTML output is shown) but their scripts did not run
  const frames = page.frames().filter((f) => f !== page.mainFrame());
  assert.equal(frames.length, 2);
  const inside = await Promise.all(frames.map((f) => f.evaluate(() => ({ text: document.body?.textContent ?? '', ran: document.body?.getAttribute('data-ran') ?? null, title: document.title }))));
  assert.ok(inside.some((d) => d.text.includes('inside')), `the HTML output is shown: ${JSON.stringify(inside)}`);
  for (const d of inside) {
    assert.equal(d.ran, null);
    assert.notEqual(d.title, 'pwned');
  }
  // the chart is drawn (an SVG with marks) and the table is there
  assert.ok(await page.locator('figure.chart svg.marks').count() >= 1);
  assert.equal(await page.locator('table').first().locator('tbody tr').count(), 2);
  // the report asked for nothing but itself
  assert.deepEqual(requests, [`http://127.0.0.1:${port}/report.html`]);
});
