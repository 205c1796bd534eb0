/**
 * The end-to-end harness: the built app (packages/web/dist, rebuilt when src/ is newer), a real
 * `huntbook serve` (child process, temp data dir, a small demo, the first token it prints) and
 * Debian's chromium driven by playwright-core. `step` takes a screenshot when a step fails, into
 * a temp dir that is kept and named in the error.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const WEB = join(ROOT, 'packages', 'web');
const CLI = join(ROOT, 'packages', 'cli', 'bin', 'huntbook.js');
export const CHROMIUM = '/usr/bin/chromium';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Build the app when dist/ is missing or older than src/ (npm run build -w packages/web). */
export function ensureBuilt(): void {
  const index = join(WEB, 'dist', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(WEB, 'src'))) return;
  const r = spawnSync('npm', ['run', 'build', '-w', 'packages/web'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`building the app failed (npm run build -w packages/web):\n${r.stdout}\n${r.stderr}`);
}

export interface Served { url: string; token: string; dataDir: string; stop(): Promise<void> }

/** `huntbook serve` on a free port with a small demo; resolves with its URL and first token. */
export async function startServe(dir: string, demoRows = 2000): Promise<Served> {
  const dataDir = join(dir, 'data');
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir, '--demo-rows', String(demoRows)], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HUNTBOOK_LOG_LEVEL: 'warn' },
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c) => { err += c; });
  const started = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`huntbook serve did not start in 180 s:\n${out}\n${err}`)), 180_000);
    child.stdout!.on('data', (c) => {
      out += c;
      const url = /Huntbook is listening on (http:\/\/\S+)/.exec(out)?.[1];
      const token = /Sign in with this token[^\n]*\n\s*(\S+)/.exec(out)?.[1];
      if (url && token) { clearTimeout(timer); resolve({ url, token }); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`huntbook serve exited (${code}):\n${out}\n${err}`)); });
  });
  return {
    ...started,
    dataDir,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface E2E { dir: string; shots: string; serve: Served; browser: Browser; page: Page; close(): Promise<void> }

export async function startE2E(demoRows?: number): Promise<E2E> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'huntbook-e2e-'));
  const shots = mkdtempSync(join(tmpdir(), 'huntbook-e2e-shots-'));
  const serve = await startServe(dir, demoRows);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return {
    dir, shots, serve, browser, page,
    async close() {
      await browser.close().catch(() => {});
      await serve.stop();
      rmSync(dir, { recursive: true, force: true });
      // screenshots of failed steps stay; an empty folder goes
      if (readdirSync(shots).length === 0) rmSync(shots, { recursive: true, force: true });
    },
  };
}

/** Run one step; on failure save a screenshot and say where it is. */
export async function step<T>(e: E2E, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const file = join(e.shots, `${name.replace(/[^\w-]+/g, '_')}.png`);
    await e.page.screenshot({ path: file, fullPage: true }).catch(() => {});
    (err as Error).message = `step '${name}' failed (screenshot: ${file}): ${(err as Error).message}`;
    throw err;
  }
}

/** A request to the server as the signed-in user. */
export async function serverApi<T>(s: Served, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(s.url + path, { ...init, headers: { authorization: `token ${s.token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export function contentsPath(path: string): string {
  return `/api/contents/${path.split('/').map(encodeURIComponent).join('/')}`;
}
