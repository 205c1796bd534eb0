/**
 * An analyst's session, end to end, in Debian's chromium against a real `huntbook serve`:
 * sign in, open the Getting Started template and save it as your own (Launch), run a KQL cell and
 * see the results grid, run a charted one and see the chart, edit a cell and see it autosaved on
 * the server, export the HTML report from the notebook's toolbar, import an .ipynb from the file
 * browser; then reload the page while a long TypeScript cell runs and see the output that arrives
 * after the reload (outputs are recorded on the server, the page follows the run); and run a cell
 * before the kernel is ready: it waits for the kernel, then runs.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startE2E, step, serverApi, contentsPath, type E2E } from './e2e/harness.ts';

let e: E2E;
before(async () => { e = await startE2E(2000); });
after(async () => { await e?.close(); });

interface Model { path: string; name: string; type: string; writable: boolean; content: unknown }
interface Nb { cells: { id: string; source: string | string[]; outputs?: { output_type: string; text?: string | string[] }[] }[] }
const text = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join('') : s ?? '');

async function signIn(): Promise<void> {
  const { page, serve } = e;
  await page.goto(serve.url + '/');
  await page.getByTestId('sign-in-token').fill(serve.token);
  await page.getByTestId('sign-in-button').click();
  await page.getByTestId('tab-templates').waitFor();
}

async function home(): Promise<string> {
  const users = await serverApi<Model>(e.serve, contentsPath('demo/Users'));
  const mine = (users.content as Model[]).find((m) => m.writable);
  assert.ok(mine, 'a home folder under demo/Users');
  return mine.path;
}

const cell = (id: string) => e.page.locator(`[data-testid="cell"][data-cell-id="${id}"]`);

/** wait until the notebook's kernel is idle (so a step's run is not also a test of the queue) */
async function kernelIdle(): Promise<void> {
  await e.page.locator('[data-testid="kernel-status"]').and(e.page.locator("[data-status=idle]")).waitFor({ timeout: 120_000 });
}

async function runCell(id: string): Promise<void> {
  await kernelIdle();
  await cell(id).locator('[data-testid="cell-prompt"]').click();
  await e.page.getByTestId('run-cell').click();
}

test('sign in, launch a template as your own, run KQL (grid and chart), autosave, export HTML', async () => {
  const { page } = e;
  await step(e, 'sign-in', signIn);

  const mine = await step(e, 'launch-template', async () => {
    await page.getByTestId('tab-templates').click();
    const card = page.locator('[data-testid="template-card"][data-template="Getting Started with Huntbook.ipynb"]');
    await card.waitFor();
    await card.getByText('SecurityEvent').waitFor();
    await card.getByTestId('template-ready').waitFor();
    assert.match(await card.getByTestId('template-ready').innerText(), /has the data this template needs/);
    await card.getByTestId('template-name').fill('My first hunt');
    await card.getByTestId('template-launch').click();
    await page.getByTestId('notebook').waitFor();
    const path = `${await home()}/My first hunt.ipynb`;
    await page.waitForURL((u) => decodeURIComponent(u.hash) === `#/nb/${path}`);
    const saved = await serverApi<Model>(e.serve, contentsPath(path));
    assert.equal(saved.type, 'notebook');
    assert.ok((saved.content as Nb).cells.some((c) => c.id === 'top-accounts'));
    return path;
  });

  await step(e, 'kql-grid', async () => {
    await runCell('top-accounts');
    const grid = cell('top-accounts').getByTestId('results-grid');
    await grid.waitFor({ timeout: 120_000 });
    await grid.getByTestId('grid-row').first().waitFor();
    assert.match(await grid.innerText(), /Failures/);
  });

  await step(e, 'kql-chart', async () => {
    await runCell('failed-per-hour');
    const chart = cell('failed-per-hour').getByTestId('chart');
    await chart.waitFor({ timeout: 60_000 });
    await chart.locator('svg, canvas').first().waitFor();
  });

  await step(e, 'autosave', async () => {
    const editor = cell('param-ts').getByTestId('cell-editor');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// edited in the browser');
    await page.keyboard.press('Escape');
    await page.waitForFunction(async ({ url, token, path }) => {
      const r = await fetch(`${url}/api/contents/${path.split('/').map(encodeURIComponent).join('/')}`, { headers: { authorization: `token ${token}` } });
      const nb = await r.json();
      return nb.content.cells.some((c: { id: string; source: string | string[] }) => c.id === 'param-ts' && [c.source].flat().join('').includes('// edited in the browser'));
    }, { url: e.serve.url, token: e.serve.token, path: mine }, { timeout: 30_000, polling: 500 });
    await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
  });

  await step(e, 'export-html', async () => {
    assert.equal(await page.getByTestId('notebook-io').count(), 0, 'no import/export strip above the notebook');
    const download = page.waitForEvent('download');
    await page.getByRole('toolbar', { name: 'notebook' }).getByTestId('export-html').click();
    const file = await (await download).path();
    const html = readFileSync(file, 'utf8');
    assert.match(html, /<title>Huntbook notebook<\/title>|<title>My first hunt<\/title>|<title>[^<]*<\/title>/);
    assert.match(html, /My first hunt\.ipynb/);
    assert.match(html, /Failures/, 'the grid of the KQL cell is in the report');
    assert.match(html, /<figure class="chart"><svg/, 'the chart is drawn as SVG');
    assert.match(html, /\/\/ edited in the browser/);
    assert.doesNotMatch(html, /<script/i);
  });

  await step(e, 'import-from-file-browser', async () => {
    const file = join(e.dir, 'Imported hunt.ipynb');
    writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
      { id: 'imported', cell_type: 'markdown', metadata: {}, source: '# Imported from a file' },
    ] }));
    const browser = page.getByTestId('file-browser');
    await browser.getByTestId('import-ipynb-file').setInputFiles(file);
    const path = `${await home()}/Imported hunt.ipynb`;
    await page.waitForURL((u) => decodeURIComponent(u.hash) === `#/nb/${path}`);
    await cell('imported').getByText('Imported from a file').waitFor();
    const saved = await serverApi<Model>(e.serve, contentsPath(path));
    assert.ok((saved.content as Nb).cells.some((c) => c.id === 'imported'));
  });
});

async function putNotebook(path: string, cells: { id: string; source: string }[]): Promise<void> {
  await serverApi(e.serve, contentsPath(path), { method: 'PUT', body: JSON.stringify({ type: 'notebook', format: 'json', content: {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: 'huntbook', display_name: 'Huntbook (TypeScript + KQL)', language: 'typescript' } },
    cells: cells.map((c) => ({ ...c, cell_type: 'code', metadata: {}, execution_count: null, outputs: [] })),
  } }) });
}

const notebookUrl = (path: string) => `${e.serve.url}/#/nb/${path.split('/').map(encodeURIComponent).join('/')}`;

// The reopened page gets the notebook as the server had it at load time; the rest (the ticks printed
// after it loaded, and the result) it follows: iopub of the old page's request makes it re-read the
// outputs the server records.
test('reloading the page while a long cell runs loses none of its output', async () => {
  const { page } = e;
  const path = `${await home()}/long.ipynb`;
  const source = "for (let i = 0; i < 5; i++) {\n  console.log(`tick ${i}`);\n  await new Promise((r) => setTimeout(r, 1000));\n}\n'finished'";
  await putNotebook(path, [{ id: 'long', source }]);

  await step(e, 'open-long', async () => {
    await page.goto(notebookUrl(path));
    await cell('long').waitFor();
  });
  await step(e, 'run-then-reload', async () => {
    await runCell('long');
    await cell('long').getByTestId('output-area').getByText('tick 0').waitFor({ timeout: 120_000 });
    await page.reload();
    await cell('long').waitFor();
  });
  await step(e, 'output-after-reload', async () => {
    // every tick, including those printed while no page was open, and the cell's result
    // (in the output area: the editor shows the source's 'finished' too)
    const outputs = cell('long').getByTestId('output-area');
    await outputs.getByText('tick 4').waitFor({ timeout: 30_000 });
    await outputs.getByText("'finished'").waitFor({ timeout: 30_000 });
    const shown = await outputs.innerText();
    for (let i = 0; i < 5; i++) assert.match(shown, new RegExp(`tick ${i}`));
    const nb = (await serverApi<Model>(e.serve, contentsPath(path))).content as Nb;
    const outs = nb.cells[0]!.outputs ?? [];
    assert.match(outs.filter((o) => o.output_type === 'stream').map((o) => text(o.text)).join(''), /tick 0\ntick 1\ntick 2\ntick 3\ntick 4\n/);
    // the run ended: the cell is no longer shown running, and its count is the server's
    await cell('long').and(page.locator(':not([data-running])')).waitFor();
    assert.match(await cell('long').getByTestId('cell-prompt').innerText(), /^\[\d+\]$/);
  });
});

test('a cell run before the kernel is ready waits for it, then runs', async () => {
  const { page } = e;
  const path = `${await home()}/early.ipynb`;
  await putNotebook(path, [{ id: 'early', source: "console.log('early ' + (40 + 2))" }]);
  // hold the page's session request (it starts the kernel) until the cell has been run
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  await page.route('**/api/sessions', async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.continue();
  });
  try {
    await step(e, 'run-before-ready', async () => {
      await page.goto(notebookUrl(path));
      await cell('early').waitFor();
      assert.notEqual(await page.getByTestId('kernel-status').getAttribute('data-status'), 'idle');
      await cell('early').locator('[data-testid="cell-prompt"]').click();
      await page.getByTestId('run-cell').click();
      await cell('early').getByTestId('cell-waiting').waitFor();
      assert.match(await cell('early').getByTestId('cell-waiting').innerText(), /waiting for kernel/);
    });
    await step(e, 'runs-once-ready', async () => {
      release();
      await cell('early').getByText('early 42').waitFor({ timeout: 120_000 });
      assert.equal(await cell('early').getByTestId('cell-waiting').count(), 0);
      assert.equal(await page.locator('.nb-notice').count(), 0, 'no error notice (the cell was not refused)');
    });
  } finally {
    release();
    await page.unroute('**/api/sessions');
  }
});
