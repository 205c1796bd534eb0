/** `huntbook workspace create|list|show` and `huntbook query --workspace`, run as real processes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/huntbook.js', import.meta.url));

function huntbook(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('workspace create, list, show and query --workspace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-cli-ws-'));
  try {
    const c = huntbook(['workspace', 'create', 'Hunt', '--description', 'first hunt', '--retention-days', '30', '--standard-tables', '--data-dir', dir]);
    assert.equal(c.code, 0, c.err);
    assert.match(c.out, /^created workspace 'Hunt' \(id [0-9a-f-]{36}, retention 30 days, \d+ tables\) in /);
    const dup = huntbook(['workspace', 'create', 'hunt', '--data-dir', dir]);
    assert.equal(dup.code, 1);
    assert.match(dup.err, /a workspace named 'Hunt' already exists/);
    const bad = huntbook(['workspace', 'create', 'no way', '--data-dir', dir]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /invalid workspace name "no way"/);

    const list = huntbook(['workspace', 'list'], { HUNTBOOK_DATA_DIR: dir });
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /│ Hunt +│ [0-9a-f-]{36} │ 30 +│ .* │ first hunt +│/);
    assert.match(list.out, /1 row$/m);

    const show = huntbook(['workspace', 'show', 'HUNT', '--data-dir', dir]);
    assert.equal(show.code, 0, show.err);
    assert.match(show.out, /^workspace 'Hunt' \(id [0-9a-f-]{36}\), retention 30 days, created .*: first hunt$/m);
    assert.match(show.out, /│ Table +│ Columns │ Rows │ Size +│ FirstTime │ LastTime │/);
    assert.match(show.out, /│ SecurityEvent +│ \d+ +│ 0 +│/);

    const q = huntbook(['query', '--workspace', 'hunt', '--data-dir', dir, '--format', 'csv', 'SecurityEvent | count']);
    assert.equal(q.code, 0, q.err);
    assert.equal(q.out, 'Count\n0\n');
    const missing = huntbook(['query', '--workspace', 'nope', '--data-dir', dir, 'print 1']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no workspace named 'nope'/);
    assert.equal(huntbook(['query', '--workspace', 'hunt', '--db', 'x.duckdb', 'print 1']).code, 2);
    assert.equal(huntbook(['workspace', 'frob']).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
