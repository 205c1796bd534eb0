/**
 * The Logs tab end to end, in Debian's chromium against a real `huntbook serve` with the demo
 * workspace: the schema tree with tables, row counts and columns; a query typed into the editor,
 * a time range picked, run with Shift+Enter: the grid with its rows (the same as the query API
 * answers), the row count and duration; `| render columnchart` draws a chart; a bad query shows
 * its error with the line and column; the runs are in the history and one runs again from there;
 * "Add as filter" on a selected grid cell appends a `where` clause that runs.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, step, serverApi, type E2E } from './e2e/harness.ts';

let e: E2E;
before(async () => { e = await startE2E(2000); });
after(async () => { await e?.close(); });

const WS = 'demo';
const TOP5 = 'SecurityEvent | summarize count() by EventID | top 5 by count_';

interface LaTable { columns: { name: string; type: string }[]; rows: unknown[][] }

/** The query API's answer for a query and timespan, as the signed-in user. */
async function laQuery(query: string, timespan?: string): Promise<LaTable> {
  const r = await serverApi<{ tables: LaTable[] }>(e.serve, `/v1/workspaces/${WS}/query`, { method: 'POST', body: JSON.stringify({ query, ...(timespan ? { timespan } : {}) }) });
  return r.tables[0]!;
}

/** What the editor holds (the tab keeps its draft in sessionStorage on every change). */
async function editorText(): Promise<string> {
  return e.page.evaluate((ws) => sessionStorage.getItem(`huntbook.logs.draft.${ws}`) ?? '', WS);
}

async function untilEditorHas(expected: string): Promise<void> {
  await e.page.waitForFunction(({ ws, expected }) => sessionStorage.getItem(`huntbook.logs.draft.${ws}`) === expected, { ws: WS, expected }, { timeout: 30_000 })
    .catch(async (err: Error) => { throw new Error(`the editor should hold ${JSON.stringify(expected)} but holds ${JSON.stringify(await editorText())}: ${err.message}`); });
}

/** Replace the editor's text by typing it (lines joined with Enter; Escape first closes any completion list). */
async function typeQuery(query: string): Promise<void> {
  const { page } = e;
  await page.getByTestId('logs-editor').getByTestId('cell-editor').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  const lines = query.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) { await page.keyboard.press('Escape'); await page.keyboard.press('Enter'); }
    await page.keyboard.type(lines[i]!);
  }
  await page.keyboard.press('Escape');
  await untilEditorHas(query);
}

const grid = () => e.page.getByTestId('logs-tab').getByTestId('results-grid');
const status = () => e.page.getByTestId('logs-status');

/** Wait until the run ended with `rows` rows shown; returns the status line. */
async function ranWithRows(rows: number): Promise<string> {
  const line = await e.page.waitForFunction((n) => {
    const s = document.querySelector('[data-testid="logs-status"]') as HTMLElement | null;
    const t = s?.innerText ?? '';
    return new RegExp(`^${n} rows? · `).test(t) && document.querySelectorAll('[data-testid="logs-tab"] [data-testid="grid-row"]').length === n ? t : false;
  }, rows, { timeout: 60_000, polling: 200 });
  return String(await line.jsonValue());
}

/** The grid's shown cells, row by row (the grid is virtualised; these results are small). */
async function gridRows(): Promise<string[][]> {
  return grid().getByTestId('grid-row').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('[data-testid="grid-cell"]')].map((c) => (c as HTMLElement).innerText)));
}

test('the Logs tab: schema, query with a time range, grid, chart, errors, history, add as filter', async () => {
  const { page } = e;

  await step(e, 'sign-in-open-logs', async () => {
    await page.goto(e.serve.url + '/');
    await page.getByTestId('sign-in-token').fill(e.serve.token);
    await page.getByTestId('sign-in-button').click();
    await page.getByTestId('tab-logs').click();
    await page.getByTestId('logs-tab').waitFor();
  });

  await step(e, 'schema-tree', async () => {
    const ws = await serverApi<{ tables: { name: string; rows: number; columns: { name: string }[] }[] }>(e.serve, `/api/workspaces/${WS}`);
    const security = ws.tables.find((t) => t.name === 'SecurityEvent');
    assert.ok(security && security.rows > 0, 'the demo has SecurityEvent rows');
    const tree = page.getByTestId('schema-tree');
    await tree.getByTestId('schema-table').first().waitFor();
    const shown = await tree.getByTestId('schema-table').evaluateAll((els) => els.map((el) => ({
      name: el.getAttribute('data-table'), count: (el.querySelector('[data-testid="schema-row-count"]') as HTMLElement).innerText,
    })));
    assert.deepEqual(shown.map((t) => t.name), ws.tables.map((t) => t.name).sort((a, b) => a.localeCompare(b)));
    for (const t of ws.tables) assert.equal(shown.find((s) => s.name === t.name)?.count, t.rows.toLocaleString('en-US'), `row count of ${t.name}`);
    const row = tree.locator('[data-testid="schema-table"][data-table="SecurityEvent"]');
    await row.getByRole('button', { name: '▸' }).click();
    await row.locator('.schema-columns').getByText('EventID', { exact: true }).waitFor();
    assert.equal(await row.locator('.schema-columns li').count(), security.columns.length);
  });

  const top5 = await step(e, 'type-range-run', async () => {
    await typeQuery(TOP5);
    await page.getByTestId('logs-time-range').selectOption('P7D');
    await page.getByTestId('logs-editor').getByTestId('cell-editor').click();
    await page.keyboard.press('Shift+Enter');
    const line = await ranWithRows(5);
    assert.match(line, /^5 rows · [\d,]+ ms/);
    const headers = await grid().getByTestId('grid-header').evaluateAll((hs) => hs.map((h) => h.getAttribute('data-column')));
    assert.deepEqual(headers, ['EventID', 'count_']);
    // the same rows the query API gives for the same query and time range
    const expected = await laQuery(TOP5, 'P7D');
    assert.equal(expected.rows.length, 5);
    assert.deepEqual(await gridRows(), expected.rows.map((r) => r.map(String)));
    assert.equal(await editorText(), TOP5, 'Shift+Enter ran the query, it typed nothing');
    return expected;
  });

  await step(e, 'add-as-filter', async () => {
    const eventId = String(top5.rows[1]![0]);
    const target = grid().getByTestId('grid-row').nth(1).getByTestId('grid-cell').first();
    assert.equal(await target.innerText(), eventId);
    await target.dispatchEvent('mousedown');
    await grid().getByTestId('grid-add-filter').click();
    const filtered = `${TOP5}\n| where EventID == ${eventId}`;
    await untilEditorHas(filtered);
    await page.getByTestId('logs-editor').getByText(`where EventID == ${eventId}`).waitFor();
    // and it runs: the one row of that EventID
    await page.getByTestId('logs-run').click();
    await ranWithRows(1);
    assert.deepEqual(await gridRows(), [top5.rows[1]!.map(String)]);
  });

  await step(e, 'render-chart', async () => {
    await typeQuery('SecurityEvent | summarize count() by EventID | render columnchart');
    await page.getByTestId('logs-run').click();
    const chart = page.getByTestId('logs-tab').getByTestId('chart');
    await chart.waitFor({ timeout: 60_000 });
    await chart.locator('svg, canvas').first().waitFor({ timeout: 30_000 });
    await status().getByText(/rows? · /).waitFor();
  });

  await step(e, 'bad-query', async () => {
    await typeQuery('SecurityEvent\n| where NoSuchColumn == 1');
    await page.getByTestId('logs-run').click();
    const err = page.getByTestId('logs-error');
    await err.waitFor({ timeout: 60_000 });
    const shown = await err.innerText();
    assert.match(shown, /NoSuchColumn/);
    assert.match(shown, /\(line 2, column \d+\)/);
    const column = Number(/\(line 2, column (\d+)\)/.exec(shown)![1]);
    // the offending line under the message, a caret under the column
    const pre = await err.locator('pre').innerText();
    const [lineText, caretLine] = pre.split('\n');
    assert.equal(lineText, 'line 2: | where NoSuchColumn == 1');
    assert.equal(caretLine!.indexOf('^'), 'line 2: '.length + column - 1);
    assert.equal(await grid().count(), 0, 'no grid for a failed query');
  });

  await step(e, 'history-rerun', async () => {
    await page.getByTestId('logs-history-toggle').click();
    const history = page.getByTestId('logs-history');
    await history.getByTestId('logs-history-item').first().waitFor();
    // newest first: the bad query (an error), the chart, the filtered query, the top 5
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="logs-history-item"]').length === 4, undefined, { timeout: 30_000 });
    const items = await history.getByTestId('logs-history-item').evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText));
    assert.match(items[0]!, /NoSuchColumn[\s\S]*error/);
    assert.match(items[1]!, /render columnchart/);
    assert.equal(items.length, 4);
    assert.match(items[2]!, /where EventID == \d+[\s\S]*Last 7 days · 1 row$/);
    assert.match(items[3]!, /top 5 by count_[\s\S]*Last 7 days · 5 rows$/);
    const kept = await serverApi<{ history: { query: string }[] }>(e.serve, `/api/workspaces/${WS}/history`);
    assert.ok(kept.history.some((h) => h.query === TOP5), 'the history is kept on the server');

    await history.getByTestId('logs-history-item').nth(3).click();
    await untilEditorHas(TOP5);
    assert.equal(await page.getByTestId('logs-time-range').inputValue(), 'P7D', 'the run\'s time range comes back too');
    await page.getByTestId('logs-run').click();
    await ranWithRows(5);
    assert.deepEqual(await gridRows(), top5.rows.map((r) => r.map(String)));
    // running it again moves it to the top of the history (not listed twice)
    await history.getByTestId('logs-history-item').first().getByText(TOP5).waitFor({ timeout: 30_000 });
    const after = await history.getByTestId('logs-history-item').evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText));
    assert.equal(after.length, 4);
    assert.equal(after.filter((t) => t.includes('top 5 by count_') && !t.includes('where')).length, 1);
  });
});
