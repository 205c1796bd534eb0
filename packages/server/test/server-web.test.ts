/** The web app's routes: public pages and assets with security headers; nothing else becomes public. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { distDir } from '@huntbook/web';
import { startTestServer, type TestServer } from './server-helpers.ts';

let s: TestServer;
before(async () => { s = await startTestServer({ demoRows: 0 }); });
after(async () => { await s?.close(); });

test('/ and the app paths answer index.html without a token, with CSP, nosniff and no referrer', async () => {
  for (const path of ['/', '/lab', '/tree/demo', '/nb/demo/Users/x.ipynb']) {
    const r = await fetch(s.url + path);
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type') ?? '', /text\/html/, path);
    const html = await r.text();
    assert.match(html, /<div id="root">/, path);
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/, 'no inline or foreign scripts');
    assert.match(csp, /connect-src 'self' ws: wss:/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
  }
});

test('the built bundles are served from /assets/ and cached for good; missing ones are 404', async () => {
  const js = readdirSync(join(distDir, 'assets')).find((f) => f.endsWith('.js'));
  assert.ok(js, 'dist/assets holds a bundle (npm run build:web)');
  const r = await fetch(`${s.url}/assets/${js}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /javascript/);
  assert.match(r.headers.get('cache-control') ?? '', /immutable/);
  assert.equal((await fetch(`${s.url}/assets/nope-123.js`)).status, 404);
  const up = await fetch(`${s.url}/assets/..%2f..%2fpackage.json`);
  assert.notEqual(up.status, 200, 'no file outside dist/assets');
});

test('unknown /api and /v1 URLs still need a token (no catch-all fallback)', async () => {
  assert.equal((await fetch(`${s.url}/api/nothing-here`)).status, 401);
  assert.equal((await fetch(`${s.url}/v1/nothing-here`)).status, 401);
  const r = await fetch(`${s.url}/api/nothing-here`, { headers: { authorization: `token ${s.token}` } });
  assert.equal(r.status, 404);
});
