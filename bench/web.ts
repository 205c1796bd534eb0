/**
 * bench:web — measures of the browser app (a measure, not a gate), against a real `huntbook serve`
 * with a small demo, in Debian's chromium:
 *   - a notebook of 50 cells (KQL, TypeScript, markdown; outputs recorded: tables, a chart, text):
 *     time to first contentful paint and until all 50 cells are in the DOM, from navigation
 *   - the results grid over 100,000 rows: a scripted scroll to the end, frames drawn and long
 *     tasks (PerformanceObserver 'longtask') meanwhile
 *   - the app's bundle (packages/web/dist): raw and gzip bytes, all files and the entry's JS
 * Usage: npm run bench:web
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startE2E, serverApi, contentsPath } from '../packages/web/test/e2e/harness.ts';

const DIST = fileURLToPath(new URL('../packages/web/dist/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}

function bundle(): void {
  let raw = 0;
  let gz = 0;
  let entryRaw = 0;
  let entryGz = 0;
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const entry = /src="\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
  for (const f of files(DIST)) {
    const data = readFileSync(f);
    const z = gzipSync(data).length;
    raw += data.length;
    gz += z;
    if (entry && f.endsWith(entry)) { entryRaw = data.length; entryGz = z; }
  }
  console.log(`bundle: all of dist ${kb(raw)} raw, ${kb(gz)} gzip; entry ${entry ?? '?'} ${kb(entryRaw)} raw, ${kb(entryGz)} gzip`);
}

function bigNotebook(): Record<string, unknown> {
  const rows = Array.from({ length: 200 }, (_, i) => [`account${i}`, i * 3, `2026-01-01T00:${String(i % 60).padStart(2, '0')}:00Z`]);
  const table = { columns: [{ name: 'Account', type: 'string' }, { name: 'Failures', type: 'long' }, { name: 'Last', type: 'datetime' }], rows, rowCount: rows.length, truncated: false };
  const chart = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', data: { values: rows.slice(0, 50).map(([a, n]) => ({ a, n })) }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } } };
  const cells = Array.from({ length: 50 }, (_, i) => {
    const id = `c${i}`;
    if (i % 5 === 0) return { id, cell_type: 'markdown', metadata: {}, source: `## Step ${i}\nSome **notes** about step ${i}.` };
    if (i % 5 === 1) return { id, cell_type: 'code', metadata: {}, execution_count: i, source: `%%kql\nSecurityEvent\n| where EventID == 4625\n| summarize Failures = count() by Account\n| take ${i}`, outputs: [{ output_type: 'execute_result', execution_count: i, metadata: {}, data: { 'application/vnd.huntbook.kql-result+json': table, 'text/plain': 'table' } }] };
    if (i === 2) return { id, cell_type: 'code', metadata: {}, execution_count: i, source: '%%kql\nT | render columnchart', outputs: [{ output_type: 'display_data', metadata: {}, data: { 'application/vnd.vegalite.v5+json': chart, 'text/plain': 'chart' } }] };
    return { id, cell_type: 'code', metadata: {}, execution_count: i, source: `const x${i} = ${i};\nconsole.log(x${i})`, outputs: [{ output_type: 'stream', name: 'stdout', text: `${i}\n` }] };
  });
  return { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'huntbook', display_name: 'Huntbook (TypeScript + KQL)', language: 'typescript' } }, cells };
}

function gridNotebook(n: number): Record<string, unknown> {
  const rows = Array.from({ length: n }, (_, i) => [i, `host-${i % 977}`, `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, i % 7 === 0 ? 'Failure' : 'Success']);
  const table = { columns: [{ name: 'N', type: 'long' }, { name: 'Computer', type: 'string' }, { name: 'Time', type: 'datetime' }, { name: 'Result', type: 'string' }], rows, rowCount: n, truncated: false };
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ id: 'grid', cell_type: 'code', metadata: {}, execution_count: 1, source: '%%kql\nBig', outputs: [{ output_type: 'execute_result', execution_count: 1, metadata: {}, data: { 'application/vnd.huntbook.kql-result+json': table, 'text/plain': 'table' } }] }] };
}

async function main(): Promise<void> {
  bundle();
  const e = await startE2E(2000);
  try {
    const { page, serve } = e;
    const users = await serverApi<{ content: { path: string; writable: boolean }[] }>(serve, contentsPath('demo/Users'));
    const home = users.content.find((m) => m.writable)?.path;
    if (!home) throw new Error('no home folder');
    await serverApi(serve, contentsPath(`${home}/bench50.ipynb`), { method: 'PUT', body: JSON.stringify({ type: 'notebook', format: 'json', content: bigNotebook() }) });
    await serverApi(serve, contentsPath(`${home}/grid.ipynb`), { method: 'PUT', body: JSON.stringify({ type: 'notebook', format: 'json', content: gridNotebook(100_000) }) });
    // sign in once (the token is remembered)
    await page.goto(serve.url + '/');
    await page.getByTestId('sign-in-token').fill(serve.token);
    await page.getByTestId('sign-in-button').click();
    await page.getByTestId('tab-templates').waitFor();

    const address = (p: string) => `${serve.url}/#/nb/${p.split('/').map(encodeURIComponent).join('/')}`;
    for (let run = 1; run <= 3; run++) {
      await page.goto('about:blank');
      await page.goto(address(`${home}/bench50.ipynb`));
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="cell"]').length >= 50, undefined, { timeout: 120_000 });
      const t = await page.evaluate(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
        return { fcp, all: performance.now() };
      });
      console.log(`50-cell notebook, run ${run}: first contentful paint ${t.fcp.toFixed(0)} ms, all 50 cells in the DOM ${t.all.toFixed(0)} ms`);
    }

    await page.goto('about:blank');
    await page.goto(address(`${home}/grid.ipynb`));
    const grid = page.locator('[data-testid="results-grid"]');
    await grid.waitFor({ timeout: 120_000 });
    // passed as text: tsx would wrap the named functions in a helper the page does not have
    const scroll = (await page.evaluate(`(async () => {
      const root = document.querySelector('[data-testid="results-grid"]');
      const candidates = [root, ...root.querySelectorAll('*')];
      const scroller = candidates.find((el) => el.scrollHeight > el.clientHeight + 100 && /auto|scroll/.test(getComputedStyle(el).overflowY));
      if (!scroller) return { error: 'no scrolling element in the grid' };
      const long = [];
      const obs = new PerformanceObserver((l) => { for (const en of l.getEntries()) long.push(en.duration); });
      obs.observe({ type: 'longtask', buffered: false });
      let frames = 0;
      const start = performance.now();
      const total = scroller.scrollHeight - scroller.clientHeight;
      await new Promise((resolve) => {
        const stepPx = total / 300;
        const tick = () => {
          frames++;
          scroller.scrollTop = Math.min(total, scroller.scrollTop + stepPx);
          if (scroller.scrollTop >= total - 1 || performance.now() - start > 30_000) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const ms = performance.now() - start;
      obs.disconnect();
      return { frames, ms, fps: (frames * 1000) / ms, longTasks: long.length, longMs: long.reduce((a, b) => a + b, 0), rows: root.querySelectorAll('[data-testid="grid-row"]').length };
    })()`)) as { error: string } | { frames: number; ms: number; fps: number; longTasks: number; longMs: number; rows: number };
    if ('error' in scroll) console.log(`grid scroll: ${scroll.error}`);
    else console.log(`grid scroll over 100,000 rows: ${scroll.frames} frames in ${scroll.ms.toFixed(0)} ms (${scroll.fps.toFixed(1)} fps), ${scroll.longTasks} long tasks (${scroll.longMs.toFixed(0)} ms), ${scroll.rows} rows in the DOM`);
  } finally {
    await e.close();
  }
}

await main();
