/**
 * Test harness of the KQL part: a real Huntbook server in process (temp data dir, the demo
 * workspace, a token) whose address goes into HUNTBOOK_URL/TOKEN/WORKSPACE, and a KernelHost
 * made of plain objects (the test's own stand-in for the Executor: variables in a record,
 * displays and prints in arrays).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@huntbook/server';
import type { DisplayBundle, KernelHost } from '../src/types.ts';

export interface KqlServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

const ENV_KEYS = ['HUNTBOOK_URL', 'HUNTBOOK_TOKEN', 'HUNTBOOK_WORKSPACE'] as const;

/** Start a server with a small demo workspace and point the environment at it. */
export async function startKqlServer(): Promise<KqlServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'huntbook-kql-'));
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  const { app, url } = await startServer({ dataDir, host: '127.0.0.1', port: 0, demoRows: 300, retention: false });
  const token = app.huntbook.firstToken ?? app.huntbook.tokens.create('kql-test').token;
  process.env.HUNTBOOK_URL = url;
  process.env.HUNTBOOK_TOKEN = token;
  process.env.HUNTBOOK_WORKSPACE = 'demo';
  return {
    url, token,
    async close() {
      await app.close();
      for (const k of ENV_KEYS) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestHost extends KernelHost {
  vars: Record<string, unknown>;
  displays: DisplayBundle[];
  printed: { text: string; stream: 'stdout' | 'stderr' }[];
  controller: AbortController;
}

/** A KernelHost over a plain record of variables. */
export function testHost(vars: Record<string, unknown> = {}): TestHost {
  const controller = new AbortController();
  const host: TestHost = {
    vars,
    displays: [],
    printed: [],
    controller,
    signal: controller.signal,
    lookup: (name) => (Object.hasOwn(vars, name) ? { found: true, value: vars[name] } : { found: false }),
    assign: (name, value) => { vars[name] = value; },
    display: (bundle) => { host.displays.push(bundle); },
    print: (text, stream = 'stdout') => { host.printed.push({ text, stream }); },
  };
  return host;
}

/** Run `body` with some environment variables changed, then put them back. */
export async function withEnv<T>(changes: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await body();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
