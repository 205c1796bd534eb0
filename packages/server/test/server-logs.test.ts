/** Secrets never reach the logs: a token sent in the URL (`?token=`) is logged as `[redacted]`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './server-helpers.ts';
import { redactUrl } from '../src/auth/redact.ts';

test('redactUrl hides every token parameter and nothing else', () => {
  assert.equal(redactUrl('/v1/workspaces/demo/query?query=x&token=hb_abc&b=1'), '/v1/workspaces/demo/query?query=x&token=[redacted]&b=1');
  assert.equal(redactUrl('/x?TOKEN=hb_abc'), '/x?TOKEN=[redacted]');
  assert.equal(redactUrl('/x?mytoken=1&token=a&token=b'), '/x?mytoken=1&token=[redacted]&token=[redacted]');
  assert.equal(redactUrl('/api/token=x'), '/api/token=x');
});

test('a token in the URL is not written to the request logs', async () => {
  const lines: string[] = [];
  const s = await startTestServer({ demoRows: 0, logger: { level: 'info', stream: { write: (line: string) => { lines.push(line); } } } });
  try {
    const ok = await fetch(`${s.url}/api/workspaces?token=${encodeURIComponent(s.token)}`);
    assert.equal(ok.status, 200);
    const missing = await fetch(`${s.url}/no/such/route?token=${encodeURIComponent(s.token)}`);
    assert.equal(missing.status, 404);
  } finally {
    await s.close();
  }
  const logged = lines.join('');
  assert.match(logged, /token=\[redacted\]/, 'the requests were logged');
  assert.ok(!logged.includes(s.token), 'the token is not in the logs');
});
