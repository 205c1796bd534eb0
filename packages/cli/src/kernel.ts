/**
 * `huntbook kernel install [--user | --prefix DIR | --sys-prefix] [--name NAME]`: write the
 * Huntbook kernelspec where Jupyter looks for kernels; `huntbook kernel run -f FILE`: start a
 * kernel from a connection file (what the kernelspec does, through packages/kernel/bin).
 */
import type { InstallTarget } from '@huntbook/kernel';
import { parseArgs, UsageError } from './args.ts';

export const KERNEL_USAGE = `  huntbook kernel install [--user | --prefix DIR | --sys-prefix] [--name huntbook]
      Install the Jupyter kernelspec "Huntbook (TypeScript + KQL)" (default --user:
      ~/.local/share/jupyter; --prefix DIR: DIR/share/jupyter; --sys-prefix: Python's sys.prefix).
  huntbook kernel run -f CONNECTION_FILE
      Start a kernel from a Jupyter connection file.
`;

export async function kernel(argv: string[], out: (line: string) => void): Promise<number> {
  const [sub, ...rest] = argv;
  // loaded here, not at start: the kernel package is large and only this command needs it
  const { installKernelSpec, kernelMain, KERNEL_NAME } = await import('@huntbook/kernel');
  if (sub === 'install') {
    const args = parseArgs(rest, new Set(['user', 'sys-prefix']), new Set(['prefix', 'name']));
    if (args.positionals.length) throw new UsageError(`kernel install takes no arguments (not '${args.positionals[0]}')`);
    const chosen = ['user', 'prefix', 'sys-prefix'].filter((o) => args.options.has(o));
    if (chosen.length > 1) throw new UsageError(`kernel install: choose one of --user, --prefix, --sys-prefix (not ${chosen.map((o) => `--${o}`).join(' and ')})`);
    const prefix = args.options.get('prefix');
    const target: InstallTarget = typeof prefix === 'string' ? { kind: 'prefix', dir: prefix } : args.options.has('sys-prefix') ? { kind: 'sys-prefix' } : { kind: 'user' };
    const name = args.options.get('name');
    const dir = installKernelSpec(target, typeof name === 'string' ? name : KERNEL_NAME);
    out(`installed the kernelspec "${typeof name === 'string' ? name : KERNEL_NAME}" in ${dir}`);
    return 0;
  }
  if (sub === 'run') {
    kernelMain(rest);
    // the kernel runs until shutdown_request, then ends the process
    await new Promise<never>(() => {});
  }
  throw new UsageError(`kernel needs install or run${sub ? ` (not '${sub}')` : ''}`);
}
