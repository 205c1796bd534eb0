/**
 * A hunting notebook run end to end by Jupyter's own nbclient (Debian's python3-nbclient, with
 * /usr/bin/python3): a real `huntbook serve` (child process, temp data dir, a small demo
 * workspace), a token from `huntbook token create`, the kernelspec from `huntbook kernel install
 * --prefix` in a temp JUPYTER_PATH, and nbclient/hunt.ipynb mixing %%kql cells (with `name <<`,
 * -quiet, kernel variables as parameters, a table parameter, a render) and TypeScript cells using
 * the results. The executed notebook's outputs are checked: MIME types and values.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../cli/bin/huntbook.js', import.meta.url));
const NB_DIR = fileURLToPath(new URL('./nbclient/', import.meta.url));
const PYTHON = '/usr/bin/python3';
const KERNEL = 'huntbook-nbclient';

let dir: string;
let serve: ChildProcess | undefined;
let url: string;
let token: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'huntbook-nbclient-'));
  const dataDir = join(dir, 'data');
  serve = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir, '--demo-rows', '500'], { stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`huntbook serve did not start in 120 s:\n${out}\n${err}`)), 120_000);
    serve!.stderr!.on('data', (c) => { err += c; });
    serve!.stdout!.on('data', (c) => {
      out += c;
      const m = /Huntbook is listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    serve!.on('exit', (code) => { clearTimeout(timer); reject(new Error(`huntbook serve exited (${code}):\n${out}\n${err}`)); });
  });
  const made = spawnSync(process.execPath, [CLI, 'token', 'create', '--name', 'nbclient', '--data-dir', dataDir], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(made.status, 0, `huntbook token create failed: ${made.stderr}`);
  token = made.stdout.trimEnd().split('\n').at(-1)!;
  const install = spawnSync(process.execPath, [CLI, 'kernel', 'install', '--prefix', dir, '--name', KERNEL], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(install.status, 0, `huntbook kernel install failed: ${install.stderr}`);
});

after(async () => {
  if (serve && serve.exitCode === null) {
    const exited = new Promise((res) => serve!.once('exit', res));
    serve.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

interface Output { output_type: string; data?: Record<string, unknown>; text?: string; name?: string; ename?: string; evalue?: string }
interface Cell { id: string; cell_type: string; outputs?: Output[]; execution_count?: number | null }

test('nbclient runs a notebook of %%kql and TypeScript cells against huntbook serve', () => {
  const executed = join(dir, 'hunt.out.ipynb');
  const run = spawnSync(PYTHON, [join(NB_DIR, 'run_notebook.py'), join(NB_DIR, 'hunt.ipynb'), executed, KERNEL], {
    encoding: 'utf8',
    timeout: 300_000,
    env: {
      ...process.env,
      JUPYTER_PATH: join(dir, 'share', 'jupyter'),
      JUPYTER_DATA_DIR: join(dir, 'jupyter-data'),
      JUPYTER_RUNTIME_DIR: join(dir, 'jupyter-runtime'),
      JUPYTER_PLATFORM_DIRS: '1',
      HUNTBOOK_URL: url,
      HUNTBOOK_TOKEN: token,
      HUNTBOOK_WORKSPACE: 'demo',
      PYTHONDONTWRITEBYTECODE: '1',
    },
  });
  assert.equal(run.error, undefined, `cannot run ${PYTHON} (install python3-nbclient: scripts/ensure-test-tools.sh): ${run.error?.message}`);
  assert.equal(run.status, 0, `nbclient failed:\n${run.stdout}\n${run.stderr}`);

  const nb = JSON.parse(readFileSync(executed, 'utf8')) as { cells: Cell[] };
  const cell = (id: string) => {
    const c = nb.cells.find((x) => x.id === id);
    assert.ok(c, `cell ${id}`);
    return c;
  };
  const result = (id: string) => {
    const outs = cell(id).outputs ?? [];
    const errors = outs.filter((o) => o.output_type === 'error');
    assert.deepEqual(errors, [], `cell ${id} failed`);
    const r = outs.filter((o) => o.output_type === 'execute_result');
    assert.equal(r.length, 1, `cell ${id}: one execute_result in ${JSON.stringify(outs)}`);
    // nbformat stores multi-line text as a list of lines
    return Object.fromEntries(Object.entries(r[0]!.data!).map(([k, v]) => [k, k.startsWith('text/') && Array.isArray(v) ? v.join('') : v]));
  };
  const typed = (data: Record<string, unknown>) => data['application/vnd.huntbook.kql-result+json'] as { columns: { name: string; type: string }[]; rows: unknown[][]; rowCount: number; truncated: boolean };

  // %%kql events << ...: the result is the cell's execute_result, as a table in every MIME type
  const events = result('query-events');
  assert.deepEqual(Object.keys(events).sort(), ['application/vnd.dataresource+json', 'application/vnd.huntbook.kql-result+json', 'text/html', 'text/plain']);
  assert.deepEqual(typed(events).columns, [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Account', type: 'string' }, { name: 'EventID', type: 'int' }]);
  assert.equal(typed(events).rowCount, 5);
  assert.equal((events['application/vnd.dataresource+json'] as { data: unknown[] }).data.length, 5);
  assert.match(events['text/html'] as string, /^<table class="huntbook-kql-result">/);
  assert.match(events['text/plain'] as string, /^TimeGenerated\s+Account\s+EventID\n/);

  // TypeScript uses the variable
  assert.equal(result('count-rows')['text/plain'], '5');
  assert.equal(result('to-array')['text/plain'], 'true');

  // -quiet: no output at all; kernel arrays and numbers were parameters
  assert.deepEqual(cell('quiet-params').outputs, []);
  assert.equal(result('use-quiet')['text/plain'], 'true');

  // an array of objects (toArray() of the first result) as a table parameter
  const table = typed(result('table-param'));
  assert.deepEqual(table.columns.map((c) => c.name), ['n', 'accounts']);
  assert.equal(table.rows[0]![0], 5);

  // render: a Vega-Lite chart beside the table; -display_limit 3 caps the table, with its note
  const chart = result('render');
  const spec = chart['application/vnd.vegalite.v5+json'] as { $schema: string; title?: unknown };
  assert.match(spec.$schema, /vega-lite\/v5/);
  assert.equal(typed(chart).rowCount, 4);
  assert.equal(typed(chart).rows.length, 3);
  assert.equal(typed(chart).truncated, true);
  assert.match(chart['text/plain'] as string, /Showing the first 3 of 4 rows/);

  // a %kql line in a TypeScript cell
  assert.equal(result('line-magic')['text/plain'], '42');

  // a bad query: KqlQueryError at the cell's own line and column
  const failed = (cell('bad-query').outputs ?? []).filter((o) => o.output_type === 'error');
  assert.equal(failed.length, 1, JSON.stringify(cell('bad-query').outputs));
  assert.equal(failed[0]!.ename, 'KqlQueryError');
  assert.match(failed[0]!.evalue!, /^line 3, column 9: The name 'NoSuchColumn' does not refer to any known column/);
});
