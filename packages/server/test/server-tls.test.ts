/** HTTPS with a certificate made at test time (openssl), and the same token rules. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:https';
import { startTestServer, type TestServer } from './server-helpers.ts';

let s: TestServer;
let certDir: string;
let cert: Buffer;
before(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'huntbook-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-days', '1', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
  cert = readFileSync(join(certDir, 'cert.pem'));
  s = await startTestServer({ demoRows: 200, tls: { cert, key: readFileSync(join(certDir, 'key.pem')) } });
});
after(async () => {
  await s?.close();
  rmSync(certDir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string>, ca?: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(s.url + path);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', ca, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query: 'print tls = true' }));
  });
}

test('the service speaks HTTPS with the given certificate', async () => {
  assert.match(s.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const r = await get('/v1/workspaces/demo/query', { authorization: `Bearer ${s.token}` }, cert);
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(JSON.parse(r.body).tables[0].rows, [[true]]);
  assert.equal((await get('/v1/workspaces/demo/query', {}, cert)).status, 401);
  // a client that does not trust the certificate refuses it
  await assert.rejects(get('/v1/workspaces/demo/query', { authorization: `Bearer ${s.token}` }), /self.signed|certificate/i);
});
