/**
 * Troubleshooting built into the app, end to end in Debian's chromium against a real
 * `huntbook serve`: a kernel's log one click away; untrusted HTML output that tries to reach the
 * app (its DOM, storage, the API with the token) stays in its sandbox; the kernel WebSocket drops
 * (closed under the page by Playwright's WebSocket routing, reconnections refused for a while): the
 * toolbar says so plainly, the notebook stays editable and saves, and once the connection is back
 * the status recovers by itself and a cell runs; the sign-in expires mid-work (the page's token is
 * revoked with `huntbook token revoke`): a save asks to sign in again, a new token for the same
 * user (`huntbook token create --name`) signs in, and the edit reaches the server with nothing lost.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Request, Response, WebSocketRoute } from 'playwright-core';
import { startE2E, step, serverApi, contentsPath, type E2E, type Served } from './e2e/harness.ts';

const CLI = fileURLToPath(new URL('../../cli/bin/huntbook.js', import.meta.url));

let e: E2E;
/** the server as the signed-in user (its token changes when the sign-in is renewed) */
let me: Served;
before(async () => { e = await startE2E(500); me = { ...e.serve }; });
after(async () => { await e?.close(); });

interface Model { path: string; name: string; type: string; writable: boolean; content: unknown }
interface Nb { cells: { id: string; source: string | string[]; outputs?: { output_type: string; text?: string | string[] }[] }[] }
const text = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join('') : s ?? '');

/** `huntbook token ...` against the served data dir; returns its output's lines. */
function tokenCli(...args: string[]): string[] {
  const r = spawnSync(process.execPath, [CLI, 'token', ...args, '--data-dir', e.serve.dataDir], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`huntbook token ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim().split('\n');
}

async function signIn(): Promise<void> {
  const { page } = e;
  await page.goto(e.serve.url + '/');
  await page.getByTestId('sign-in-token').fill(e.serve.token);
  await page.getByTestId('sign-in-button').click();
  await page.getByTestId('tab-templates').waitFor();
}

let homePath: string | undefined;
async function home(): Promise<string> {
  if (homePath) return homePath;
  const users = await serverApi<Model>(me, contentsPath('demo/Users'));
  const mine = (users.content as Model[]).find((m) => m.writable);
  assert.ok(mine, 'a home folder under demo/Users');
  return (homePath = mine.path);
}

async function putNotebook(path: string, cells: { id: string; source: string }[]): Promise<void> {
  await serverApi(me, contentsPath(path), { method: 'PUT', body: JSON.stringify({ type: 'notebook', format: 'json', content: {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: 'huntbook', display_name: 'Huntbook (TypeScript + KQL)', language: 'typescript' } },
    cells: cells.map((c) => ({ ...c, cell_type: 'code', metadata: {}, execution_count: null, outputs: [] })),
  } }) });
}

async function readNotebook(path: string): Promise<Nb> {
  return (await serverApi<Model>(me, contentsPath(path))).content as Nb;
}

const notebookUrl = (path: string) => `${e.serve.url}/#/nb/${path.split('/').map(encodeURIComponent).join('/')}`;
const cell = (id: string) => e.page.locator(`[data-testid="cell"][data-cell-id="${id}"]`);
const status = () => e.page.getByTestId('kernel-status');

async function open(path: string, firstCell: string): Promise<void> {
  await e.page.goto(notebookUrl(path));
  await cell(firstCell).waitFor();
}

async function kernelIdle(timeout = 120_000): Promise<void> {
  await e.page.locator('[data-testid="kernel-status"][data-status="idle"]').waitFor({ timeout });
}

async function runCell(id: string): Promise<void> {
  await kernelIdle();
  await cell(id).locator('[data-testid="cell-prompt"]').click();
  await e.page.getByTestId('run-cell').click();
}

/** Poll the server's copy of the notebook until `ok` holds for it. */
async function untilSaved(path: string, ok: (nb: Nb) => boolean, what: string): Promise<Nb> {
  const deadline = Date.now() + 60_000;
  let last: Nb | undefined;
  while (Date.now() < deadline) {
    last = await readNotebook(path);
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server's copy of ${path} never had ${what}; last: ${JSON.stringify(last?.cells.map((c) => text(c.source)))}`);
}

/** Type at the end of a cell's editor, then leave edit mode. */
async function typeInto(id: string, typed: string): Promise<void> {
  await cell(id).getByTestId('cell-editor').click();
  await e.page.keyboard.press('Control+End');
  await e.page.keyboard.type(typed);
  await e.page.keyboard.press('Escape');
}

test('sign in', async () => {
  await step(e, 'sign-in', signIn);
});

test("a kernel's log is one click away", async () => {
  const path = `${await home()}/log.ipynb`;
  await putNotebook(path, [{ id: 'hello', source: "console.log('hello')" }]);
  await step(e, 'open-log-notebook', async () => {
    await open(path, 'hello');
    await kernelIdle();
  });
  await step(e, 'kernel-log', async () => {
    const sessions = await serverApi<{ path: string; kernel: { id: string } }[]>(me, '/api/sessions');
    const kernelId = sessions.find((s) => s.path === path)?.kernel.id;
    assert.ok(kernelId, `a session for ${path}`);
    await e.page.getByTestId('kernel-log-button').click();
    const log = e.page.getByTestId('kernel-log');
    await log.waitFor();
    assert.match(await log.innerText(), new RegExp(`Kernel log\\s*${kernelId}`));
    const body = log.locator('.kernel-log-text');
    await e.page.waitForFunction((el) => !!el && el.textContent !== 'loading…', await body.elementHandle(), { timeout: 30_000 });
    const shown = await body.innerText();
    assert.match(shown, new RegExp(`starting kernel ${kernelId} \\(huntbook\\)`));
    assert.match(shown, new RegExp(`kernel ${kernelId} is ready`));
    await log.getByRole('button', { name: 'Close' }).click();
    await log.waitFor({ state: 'detached' });
  });
});

test('untrusted HTML output stays in its sandbox: no DOM, storage or token of the app', async () => {
  const { page } = e;
  const path = `${await home()}/untrusted.ipynb`;
  const attack = [
    "try { parent.document.body.innerHTML = 'pwned'; } catch (x) {}",
    "try { parent.localStorage.setItem('huntbook.token', 'stolen'); } catch (x) {}",
    "try { window.__stolen = localStorage.getItem('huntbook.token'); } catch (x) {}",
    "try { fetch('/api/contents', { headers: { authorization: 'token ' + window.__stolen } }); } catch (x) {}",
  ].join('\n');
  const html = `<p id="probe">untrusted output</p><img src="x" onerror="parent.document.body.innerHTML='pwned'"><script>${attack}</script>`;
  await putNotebook(path, [{ id: 'html', source: `display.html(${JSON.stringify(html)})` }]);

  // every request the page makes, with the frame it came from
  const requests: Request[] = [];
  const responses: Response[] = [];
  const onRequest = (r: Request) => { requests.push(r); };
  const onResponse = (r: Response) => { responses.push(r); };
  page.on('request', onRequest);
  page.on('response', onResponse);
  try {
    await step(e, 'open-untrusted', () => open(path, 'html'));
    const tokenBefore = await page.evaluate(() => localStorage.getItem('huntbook.token'));
    assert.equal(tokenBefore, e.serve.token);

    const frameEl = await step(e, 'run-untrusted', async () => {
      await runCell('html');
      const el = cell('html').getByTestId('html-output');
      await el.waitFor({ timeout: 120_000 });
      return el;
    });

    await step(e, 'sandboxed', async () => {
      assert.equal(await frameEl.evaluate((f) => f.tagName), 'IFRAME');
      const sandbox = await frameEl.getAttribute('sandbox');
      assert.ok(sandbox !== null, 'the output frame has a sandbox attribute');
      const flags = sandbox.split(/\s+/).filter(Boolean);
      assert.ok(!flags.includes('allow-same-origin'), `sandbox without allow-same-origin (it is '${sandbox}')`);
      assert.ok(!flags.includes('allow-top-navigation'), `sandbox without allow-top-navigation (it is '${sandbox}')`);

      const frame = await (await frameEl.elementHandle())!.contentFrame();
      assert.ok(frame, 'the output frame has a document');
      await frame.locator('#probe').waitFor();
      // the same attack, run inside the frame for certain (the app's CSP may also keep the frame's
      // own inline script from running): every way out fails
      const tried = await frame.evaluate(async () => {
        const out: Record<string, string> = {};
        try { parent.document.body.innerHTML = 'pwned'; out.dom = 'reached the app DOM'; } catch (x) { out.dom = (x as Error).name; }
        try { out.storage = `read ${String(localStorage.getItem('huntbook.token'))}`; } catch (x) { out.storage = (x as Error).name; }
        try { out.parentStorage = `read ${String(parent.localStorage.getItem('huntbook.token'))}`; } catch (x) { out.parentStorage = (x as Error).name; }
        try { const r = await fetch('/api/contents'); out.fetch = `HTTP ${r.status}`; } catch (x) { out.fetch = (x as Error).name; }
        out.origin = String(origin);
        return out;
      });
      assert.equal(tried.dom, 'SecurityError', `the frame cannot touch the app's DOM (${JSON.stringify(tried)})`);
      assert.equal(tried.storage, 'SecurityError', `the frame has no storage of the app's origin (${JSON.stringify(tried)})`);
      assert.equal(tried.parentStorage, 'SecurityError', `the frame cannot read the app's storage (${JSON.stringify(tried)})`);
      assert.equal(tried.fetch, 'TypeError', `the frame's fetch fails (${JSON.stringify(tried)})`);
      assert.equal(tried.origin, 'null', 'the frame runs in an opaque origin');

      // the app is as it was: its DOM, its token, and no request from the frame
      assert.notEqual(await page.evaluate(() => document.body.innerText), 'pwned');
      await page.getByTestId('notebook').waitFor();
      await page.getByTestId('kernel-status').waitFor();
      assert.equal(await page.evaluate(() => localStorage.getItem('huntbook.token')), e.serve.token);
      // nothing from the frame reached the network (a request the frame's CSP blocks is
      // reported as a request that failed with 'csp'; it gets no response)
      const answered = responses.filter((r) => r.frame() === frame);
      assert.deepEqual(answered.map((r) => r.url()), [], 'no request left the output frame');
      const withToken = requests.filter((r) => r.frame() !== page.mainFrame() && (r.url().includes(e.serve.token) || (r.headers().authorization ?? '').includes(e.serve.token)));
      assert.deepEqual(withToken.map((r) => r.url()), [], 'no request with the token from any frame but the app');
    });
  } finally {
    page.off('request', onRequest);
    page.off('response', onResponse);
  }
});

test('the kernel connection drops: the toolbar says so, the notebook stays editable, and it recovers', async () => {
  const { page } = e;
  const path = `${await home()}/flaky.ipynb`;
  await putNotebook(path, [
    { id: 'first', source: "console.log('before ' + (1 + 1))" },
    { id: 'second', source: "console.log('after ' + (2 + 2))" },
  ]);

  // The kernel WebSocket goes through Playwright: forwarded to the server while `up`; `drop()`
  // closes the open ones under the page, and while down new ones are closed before they open.
  let up = true;
  const live = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  let connected = 0;
  await page.routeWebSocket((u) => u.pathname.startsWith('/api/kernels/') && u.pathname.endsWith('/channels'), (ws) => {
    if (!up) { void ws.close({ code: 1011, reason: 'test: connection down' }); return; }
    const server = ws.connectToServer();
    connected++;
    live.add({ page: ws, server });
  });
  const drop = async () => {
    up = false;
    for (const c of live) { await c.page.close({ code: 1011, reason: 'test: connection dropped' }); await c.server.close(); }
    live.clear();
  };

  try {
    await step(e, 'connected', async () => {
      await open(path, 'first');
      await runCell('first');
      await cell('first').getByTestId('output-area').getByText('before 2').waitFor({ timeout: 120_000 });
      assert.ok(connected >= 1, 'the kernel socket went through the test route');
    });

    await step(e, 'dropped-says-so', async () => {
      await drop();
      // the status and the retry button together (reconnection attempts flip it to 'connecting' and back)
      const shown = await page.waitForFunction(() => {
        const s = document.querySelector('[data-testid="kernel-status"]');
        if (s?.getAttribute('data-status') !== 'disconnected' || !document.querySelector('[data-testid="reconnect"]')) return false;
        return (s as HTMLElement).innerText.replace(/\s+/g, ' ');
      }, undefined, { timeout: 60_000, polling: 100 });
      assert.match(String(await shown.jsonValue()), /^Kernel disconnected ?: the kernel connection dropped; retrying in \d+ s$/);
    });

    await step(e, 'editable-while-down', async () => {
      await typeInto('second', "\nconsole.log('typed offline')");
      await cell('second').getByText("console.log('typed offline')").waitFor();
      // the contents API is not the kernel socket: the edit autosaves meanwhile
      await untilSaved(path, (nb) => text(nb.cells.find((c) => c.id === 'second')?.source).endsWith("console.log('typed offline')"), 'the edit typed while disconnected');
      await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
      assert.notEqual(await status().getAttribute('data-status'), 'idle', 'still not connected (reconnections are refused)');
    });

    await step(e, 'recovers', async () => {
      const before = connected;
      up = true;
      // no click: the backoff's next attempt gets through
      await kernelIdle(90_000);
      assert.ok(connected > before, 'a new kernel socket was opened');
      assert.equal(await page.getByTestId('reconnect').count(), 0, 'no retry button once connected');
      assert.equal(await status().innerText(), 'Kernel idle');
    });

    await step(e, 'runs-after-recovery', async () => {
      await runCell('second');
      const out = cell('second').getByTestId('output-area');
      await out.getByText('typed offline').waitFor({ timeout: 60_000 });
      await out.getByText('after 4').waitFor();
      const nb = await untilSaved(path, (n) => (n.cells.find((c) => c.id === 'second')?.outputs ?? []).some((o) => text(o.text).includes('typed offline')), "the recovered run's output");
      const streams = (nb.cells.find((c) => c.id === 'second')!.outputs ?? []).filter((o) => o.output_type === 'stream');
      assert.match(streams.map((o) => text(o.text)).join(''), /after 4\ntyped offline\n/);
    });
  } finally {
    up = true; // the route stays (forwarding) for the tests after this one
  }
});

// Last: it revokes the token the other tests use.
test('the sign-in expires mid-work: asked again, signed in with a new token, the edit is saved', async () => {
  const { page } = e;
  const path = `${await home()}/expiring.ipynb`;
  await putNotebook(path, [{ id: 'work', source: 'const found = 41;' }]);
  const marker = '// written after the sign-in expired';

  await step(e, 'open-expiring', async () => {
    await open(path, 'work');
    await kernelIdle();
  });

  const user = await step(e, 'revoke', async () => {
    // the page's token is the one serve made first (the list is oldest first; each kernel has a
    // token of its own, under the same user name, which stays)
    const listed = tokenCli('list');
    const [id, name] = listed[0]!.split('\t');
    assert.ok(id && name, `a token listed: ${listed.join('\n')}`);
    assert.match(tokenCli('revoke', id).join('\n'), /revoked 1 token/);
    const refused = await fetch(`${e.serve.url}${contentsPath(path)}`, { headers: { authorization: `token ${me.token}` } });
    assert.equal(refused.status, 401, 'the revoked token is refused');
    return name;
  });

  await step(e, 'save-asks-to-sign-in', async () => {
    await typeInto('work', `\n${marker}`);
    await page.keyboard.press('Control+s');
    const modal = page.getByTestId('reauth-modal');
    await modal.waitFor({ timeout: 30_000 });
    assert.match(await modal.innerText(), /Your sign-in expired/);
    // the edit is still on the page, and not on the server
    await cell('work').getByText(marker).waitFor({ state: 'attached' });
    const fresh = new URL(`${e.serve.url}${contentsPath(path)}`);
    assert.equal((await fetch(fresh, { headers: { authorization: `token ${me.token}` } })).status, 401);
  });

  await step(e, 'sign-in-again', async () => {
    const created = tokenCli('create', '--name', user);
    const token = created[created.length - 1]!.trim();
    assert.match(token, /^hb_/);
    me = { ...me, token };
    const modal = page.getByTestId('reauth-modal');
    await modal.getByTestId('sign-in-token').fill(token);
    await modal.getByTestId('sign-in-button').click();
    await modal.waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(await page.evaluate(() => localStorage.getItem('huntbook.token')), token);
  });

  await step(e, 'edit-saved', async () => {
    const nb = await untilSaved(path, (n) => text(n.cells.find((c) => c.id === 'work')?.source).includes(marker), 'the edit made after the sign-in expired');
    assert.equal(text(nb.cells.find((c) => c.id === 'work')!.source), `const found = 41;\n${marker}`);
    await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor({ timeout: 30_000 });
    // still the user's own folder, and the page goes on working
    assert.equal((await serverApi<Model>(me, contentsPath(path))).writable, true);
    await typeInto('work', '\nconsole.log(found + 1)');
    await runCell('work');
    await cell('work').getByTestId('output-area').getByText('42').waitFor({ timeout: 60_000 });
  });
});
