/** Shared setup of the contents tests: a test server with its own templates folder and a second user. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerOptions } from '../src/index.ts';
import { call, startTestServer, type TestServer } from './server-helpers.ts';

export interface ContentsServer extends TestServer {
  /** the first token's user */
  me: string;
  templatesDir: string;
  /** a server handle with another user's token ('bob') */
  bob: TestServer;
  /** the file system folder of demo/Users/<me> */
  home: string;
}

/** A template notebook of nbformat 4.4 (no cell ids), as older templates are written. */
export const TEMPLATE = {
  nbformat: 4, nbformat_minor: 4, metadata: { title: 'Getting started' },
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['# Getting started\n', 'Run the cell below.'] },
    { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ['%%kql\n', 'SecurityEvent | take 5'] },
  ],
};

export async function startContentsServer(options: Partial<ServerOptions> = {}): Promise<ContentsServer> {
  const templatesDir = mkdtempSync(join(tmpdir(), 'huntbook-templates-'));
  writeFileSync(join(templatesDir, 'getting-started.ipynb'), JSON.stringify(TEMPLATE));
  mkdirSync(join(templatesDir, 'more'));
  writeFileSync(join(templatesDir, '.gitkeep'), '');
  const s = await startTestServer({ templatesDir, ...options });
  const me = s.app.huntbook.tokens.list().find((t) => s.app.huntbook.tokens.verify(s.token)?.tokenId === t.id)!.name;
  const bob: TestServer = { ...s, token: s.app.huntbook.tokens.create('bob').token };
  return {
    ...s, me, templatesDir, bob,
    home: join(s.dataDir, 'workspaces', 'demo', 'notebooks', 'Users', me),
    async close() {
      await s.close();
      rmSync(templatesDir, { recursive: true, force: true });
    },
  };
}

/** A small valid notebook with a code cell and an output. */
export function notebook(source = 'print(1)'): Record<string, unknown> {
  return {
    nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'huntbook', display_name: 'Huntbook' } },
    cells: [
      { id: 'intro', cell_type: 'markdown', metadata: {}, source: '# Hunt\nsecond line' },
      { id: 'run', cell_type: 'code', metadata: {}, execution_count: 1, source, outputs: [{ output_type: 'stream', name: 'stdout', text: 'one\ntwo\n' }] },
    ],
  };
}

export function saveNotebook(s: TestServer, path: string, content: unknown) {
  return call(s, 'PUT', `/api/contents/${path}`, { type: 'notebook', format: 'json', content });
}
