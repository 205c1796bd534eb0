/**
 * The kernelspec: kernels/<name>/kernel.json under a Jupyter data dir, which starts this
 * kernel with the node that runs the installer (absolute paths, so Jupyter needs no PATH).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KERNEL_NAME = 'huntbook';
export const DISPLAY_NAME = 'Huntbook (TypeScript + KQL)';
/** the heap limit of a kernel: a runaway allocation ends the kernel, not the machine */
export const MAX_OLD_SPACE_MB = 2048;

/** Where to install: the user's Jupyter data dir, DIR/share/jupyter, or Python's sys.prefix. */
export type InstallTarget = { kind: 'user' } | { kind: 'prefix'; dir: string } | { kind: 'sys-prefix' };

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: 'message';
  metadata: Record<string, unknown>;
  env?: Record<string, string>;
}

/** The launcher the kernelspec runs (it registers tsx and imports src/main.ts). */
export function launcherPath(): string {
  return fileURLToPath(new URL('../bin/huntbook-kernel.js', import.meta.url));
}

export function kernelSpec(): KernelSpec {
  return {
    argv: [process.execPath, `--max-old-space-size=${MAX_OLD_SPACE_MB}`, launcherPath(), '-f', '{connection_file}'],
    display_name: DISPLAY_NAME,
    language: 'typescript',
    interrupt_mode: 'message',
    metadata: { debugger: false, huntbook: { kql: true } },
  };
}

/** The Jupyter data dir of a target (its kernels/ folder holds kernelspecs). */
export function jupyterDataDir(target: InstallTarget): string {
  switch (target.kind) {
    case 'user':
      if (process.env.JUPYTER_DATA_DIR) return resolve(process.env.JUPYTER_DATA_DIR);
      if (process.platform === 'darwin') return join(homedir(), 'Library', 'Jupyter');
      return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'jupyter');
    case 'prefix':
      return join(resolve(target.dir), 'share', 'jupyter');
    case 'sys-prefix':
      return join(pythonSysPrefix(), 'share', 'jupyter');
  }
}

function pythonSysPrefix(): string {
  for (const python of ['python3', 'python']) {
    try {
      return execFileSync(python, ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8' }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error('--sys-prefix needs Python (python3 or python on PATH) to tell its sys.prefix; use --prefix DIR instead');
}

/** Writes kernels/<name>/kernel.json; returns the folder written. */
export function installKernelSpec(target: InstallTarget, name = KERNEL_NAME): string {
  if (!/^[a-z0-9._-]+$/i.test(name)) throw new Error(`kernel name '${name}' may hold only letters, digits, '.', '_' and '-'`);
  const dir = join(jupyterDataDir(target), 'kernels', name.toLowerCase());
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kernel.json'), `${JSON.stringify(kernelSpec(), null, 2)}\n`);
  return dir;
}
