/** Shared setup of the server tests: a real server on a free port in a temp data dir with a tiny demo. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { startServer, type ServerOptions } from '../src/index.ts';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  token: string;
  dataDir: string;
  close(): Promise<void>;
}

export const DEMO_ROWS = 2000;

export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'huntbook-server-'));
  const { app, url } = await startServer({ dataDir, host: '127.0.0.1', port: 0, demoRows: DEMO_ROWS, retention: false, ...options });
  const token = app.huntbook.firstToken ?? app.huntbook.tokens.create('test').token;
  return {
    app, url, token, dataDir,
    async close() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** fetch with the token and JSON in and out. */
export async function call(s: TestServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: any }> {
  const r = await fetch(s.url + path, {
    method,
    headers: { authorization: `Bearer ${s.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: text ? JSON.parse(text) : undefined };
}
