/**
 * Every route goes through the one authorization function: with a deny-all authorizer every
 * registered route (enumerated from Fastify, so a new route is covered without editing this
 * test) answers 403, and a route that declares no action cannot even be registered.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { startTestServer, type TestServer } from './server-helpers.ts';
import { installAuth } from '../src/auth/hook.ts';
import { TokenStore } from '../src/index.ts';
import type { Action, Resource } from '../src/index.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const calls: { action: Action; resource: Resource }[] = [];
let s: TestServer;
before(async () => {
  // no demo: the decision comes before the workspace is known to exist
  s = await startTestServer({ demoRows: 0, authorize: (_p, action, resource) => { calls.push({ action, resource }); return { allowed: false, reason: 'denied by the test' }; } });
});
after(async () => { await s?.close(); });

const PARAMS: Record<string, string> = { id: 'demo', w: 'demo', t: 'T1', ruleId: 'demo', stream: 'Custom-T1', name: 'huntbook' };

function concrete(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, (_m, p: string) => {
    assert.ok(p in PARAMS, `route parameter :${p} has no test value: add it to PARAMS`);
    return PARAMS[p]!;
  });
}

test('every registered route asks authorize() and answers 403 when it says no; only declared public routes skip it', async () => {
  const routes = s.app.huntbook.routes;
  assert.ok(routes.length >= 10, `only ${routes.length} routes`);
  const publicRoutes = routes.filter((r) => r.public).map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(publicRoutes.filter((r) => !r.startsWith('HEAD ')).sort(), ['GET /v1/rest/auth/metadata', ...['/', '/index.html', '/lab', '/lab/*', '/tree', '/tree/*', '/nb/*', '/assets/*'].map((u) => `GET ${u}`)].sort()); // the web app's pages load before sign-in
  for (const r of routes) {
    if (r.public) continue;
    const url = s.url + concrete(r.url) + (r.url.startsWith('/dataCollectionRules') ? '?api-version=2023-01-01' : '');
    const body = r.method === 'POST' ? JSON.stringify(r.url.startsWith('/v') ? { db: 'demo', csl: 'print 1', query: 'print 1' } : [{ a: 1 }]) : undefined;
    const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};

    const anonymous = await fetch(url, { method: r.method, headers, body });
    assert.equal(anonymous.status, 401, `${r.method} ${r.url} without a token`);

    const before = calls.length;
    const res = await fetch(url, { method: r.method, headers: { ...headers, authorization: `Bearer ${s.token}` }, body });
    const text = await res.text();
    assert.equal(res.status, 403, `${r.method} ${r.url} with a denied token: ${text}`);
    assert.equal(calls.length, before + 1, `${r.method} ${r.url} called authorize once`);
    assert.equal(calls.at(-1)!.action, r.action, `${r.method} ${r.url} asked for its declared action`);
    if (r.method !== 'HEAD') assert.match(text, /denied by the test/);
  }
  // the workspace a route names reaches the decision
  const ws = calls.filter((c) => c.resource.kind === 'workspace').map((c) => (c.resource as { ref: string }).ref);
  assert.ok(ws.length > 0 && ws.every((r) => r === 'demo'));
});

test('a route without a declared action is refused when it is registered (fail closed)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huntbook-authz-'));
  const tokens = TokenStore.open(dir);
  const app = Fastify();
  try {
    installAuth(app, { tokens, authorize: () => ({ allowed: true }), getWorkspace: async () => undefined });
    await assert.rejects(async () => { app.get('/forgotten', async () => 'secret'); await app.ready(); }, /declares no known action/);
    const app2 = Fastify();
    installAuth(app2, { tokens, authorize: () => ({ allowed: true }), getWorkspace: async () => undefined });
    await assert.rejects(async () => { app2.get('/misspelled', { config: { action: 'workspace.everything' as Action } }, async () => 'secret'); await app2.ready(); }, /declares no known action/);
    await app2.close().catch(() => {});
  } finally {
    await app.close().catch(() => {});
    tokens.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('listings show only the workspaces authorize() lets the caller read: /api/workspaces and .show databases', async () => {
  const hidden = await startTestServer({ demoRows: 0, authorize: (_p, action, resource) => ({ allowed: !(action === 'workspace.read' && resource.kind === 'workspace' && resource.name === 'secret') }) });
  try {
    const headers = { authorization: `Bearer ${hidden.token}`, 'content-type': 'application/json' };
    for (const name of ['open', 'secret']) {
      assert.equal((await fetch(`${hidden.url}/api/workspaces`, { method: 'POST', headers, body: JSON.stringify({ name }) })).status, 201);
    }
    const list = await (await fetch(`${hidden.url}/api/workspaces`, { headers })).json() as any;
    assert.deepEqual(list.workspaces.map((w: any) => w.name), ['open']);
    const dbs = await (await fetch(`${hidden.url}/v1/rest/mgmt`, { method: 'POST', headers, body: JSON.stringify({ csl: '.show databases' }) })).json() as any;
    assert.deepEqual(dbs.Tables[0].Rows.map((r: any) => r[0]), ['open']);
  } finally {
    await hidden.close();
  }
});
