/** `huntbook ingest` as a real process against a real workspace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkspaceStore } from '@huntbook/store';

const bin = fileURLToPath(new URL('../bin/huntbook.js', import.meta.url));

function huntbook(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('huntbook ingest: rows, added columns, quarantine, and a rejected batch with its record number', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huntbook-cli-ingest-'));
  try {
    const store = await WorkspaceStore.open(dir);
    await store.create({ name: 'hunt' });
    await store.close();
    const good = join(dir, 'a.ndjson');
    writeFileSync(good, '{"User":"alice","Logons":3}\n{"User":"bob","Logons":1}\n');
    let r = huntbook(['ingest', '--data-dir', dir, '--workspace', 'hunt', '--table', 'Logons', '--custom-log', good]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ingested 2 rows into Logons_CL in /);
    assert.match(r.out, /added columns: TimeGenerated \(datetime\), User \(string\), Logons \(long\)/);

    const bad = join(dir, 'b.csv');
    writeFileSync(bad, 'User,Logons\ncarol,2\ndave,many\n');
    r = huntbook(['ingest', '--data-dir', dir, '--workspace', 'hunt', '--table', 'Logons_CL', bad]);
    assert.equal(r.code, 1);
    assert.match(r.err, /batch rejected, nothing was stored: b\.csv, record 2, column 'Logons': cannot convert many to long/);

    r = huntbook(['ingest', '--data-dir', dir, '--workspace', 'hunt', '--table', 'Logons_CL', '--errors', 'quarantine', bad]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /ingested 1 rows into Logons_CL/);
    assert.match(r.out, /quarantined: 1 records/);

    const again = await WorkspaceStore.open(dir);
    try {
      const ws = (await again.get('hunt'))!;
      const q = await ws.query('Logons_CL | summarize n = count(), total = sum(Logons)');
      assert.deepEqual(q.rows, [[3, 6]]);
      const e = await ws.query('HuntbookIngestionErrors | project Record, Source');
      assert.deepEqual(e.rows, [[2, 'b.csv']]);
    } finally {
      await again.close();
    }

    r = huntbook(['ingest', '--data-dir', dir, '--workspace', 'nope', '--table', 'T', good]);
    assert.equal(r.code, 1);
    assert.match(r.err, /no workspace 'nope'/);
    r = huntbook(['ingest', '--data-dir', dir, '--workspace', 'hunt', '--table', 'T', '--errors', 'skip', good]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--errors must be reject or quarantine/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
