/**
 * Jupyter's kernel conformance suite (jupyter_kernel_test, Debian's python3-jupyter-kernel-test)
 * against the Huntbook kernel: `huntbook kernel install --prefix` writes the kernelspec into a
 * temp dir, JUPYTER_PATH points there, and jupyter/test_huntbook.py runs with /usr/bin/python3
 * (Debian's Python, which has the suite; a python3 on PATH may be another one).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../cli/bin/huntbook.js', import.meta.url));
const SUITE_DIR = fileURLToPath(new URL('./jupyter/', import.meta.url));
const PYTHON = '/usr/bin/python3';
const NAME = 'huntbook-conformance';

test('jupyter_kernel_test: every check passes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huntbook-kernelspec-'));
  try {
    const install = spawnSync(process.execPath, [CLI, 'kernel', 'install', '--prefix', dir, '--name', NAME], { encoding: 'utf8' });
    assert.equal(install.status, 0, `huntbook kernel install failed: ${install.stderr}`);
    assert.match(install.stdout, new RegExp(`installed the kernelspec "${NAME}" in ${join(dir, 'share', 'jupyter', 'kernels', NAME)}`));

    const run = spawnSync(PYTHON, ['-m', 'unittest', '-v', 'test_huntbook'], {
      cwd: SUITE_DIR,
      encoding: 'utf8',
      timeout: 240_000,
      env: {
        ...process.env,
        JUPYTER_PATH: join(dir, 'share', 'jupyter'),
        JUPYTER_DATA_DIR: join(dir, 'data'),
        JUPYTER_RUNTIME_DIR: join(dir, 'runtime'),
        JUPYTER_PLATFORM_DIRS: '1',
        HUNTBOOK_KERNEL_NAME: NAME,
        PYTHONDONTWRITEBYTECODE: '1',
      },
    });
    assert.equal(run.error, undefined, `cannot run ${PYTHON} (install python3-jupyter-kernel-test: scripts/ensure-test-tools.sh): ${run.error?.message}`);
    const results = [...run.stderr.matchAll(/^(test_\w+) \([\w.]+\) \.\.\. (ok|FAIL|ERROR|skipped.*)$/gm)].map((m) => ({ name: m[1]!, outcome: m[2]! }));
    console.log(results.map((r) => `${r.name}: ${r.outcome}`).join('\n'));
    assert.ok(results.length >= 12, `expected the suite's 12 checks, read ${results.length} from:\n${run.stderr}`);
    const failed = results.filter((r) => r.outcome !== 'ok');
    assert.deepEqual(failed, [], `failed or skipped checks:\n${run.stderr}`);
    assert.equal(run.status, 0, run.stderr);
    const passed = results.filter((r) => r.outcome === 'ok').map((r) => r.name);
    for (const name of ['test_kernel_info', 'test_execute_stdout', 'test_execute_stderr', 'test_completion', 'test_is_complete', 'test_error', 'test_execute_result', 'test_display_data', 'test_history', 'test_inspect', 'test_clear_output', 'test_pager']) {
      assert.ok(passed.includes(name), `${name} did not pass`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
