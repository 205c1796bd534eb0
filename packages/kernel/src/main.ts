/**
 * The kernel process: `node --import tsx packages/kernel/src/main.ts -f CONNECTION_FILE` (or
 * packages/kernel/bin/huntbook-kernel.js, which the kernelspec runs). It starts the protocol in
 * a worker thread and runs the Executor here, on the main thread, relaying ExecRequests in and
 * ExecEvents out. The process ends when the worker ends (after shutdown_request).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProtocolWorker } from './protocol/thread.ts';
import type { ExecEvent, ExecRequest } from './types.ts';

export interface KernelOptions {
  connectionFile: string;
  /** keep history across sessions in this JSON lines file */
  historyFile?: string;
}

/**
 * Runs a kernel until shutdown (the process exits with the worker). The worker starts first and
 * the Executor loads meanwhile, on the other core: requests that arrive before it is loaded wait.
 */
export function runKernel(opts: KernelOptions): void {
  // an interrupt arriving outside a cell must not end the kernel
  process.on('SIGINT', () => {});
  // 1 while a cell's script runs under vm's SIGINT watchdog: the worker sends SIGINT only then
  const inScript = new Int32Array(new SharedArrayBuffer(4));
  const worker = startProtocolWorker({ connectionFile: resolve(opts.connectionFile), historyFile: opts.historyFile, inScript });
  let executor: { handle(req: ExecRequest): void } | undefined;
  const early: ExecRequest[] = [];
  worker.on('message', (req: ExecRequest) => (executor ? executor.handle(req) : early.push(req)));
  worker.on('error', (e) => {
    process.stderr.write(`huntbook kernel: the protocol worker failed: ${e.stack ?? e.message}\n`);
    process.exit(1);
  });
  worker.on('exit', (code) => process.exit(code));
  import('./exec/index.ts').then(({ createExecutor }) => {
    executor = createExecutor((e: ExecEvent) => worker.postMessage(e), { inScript });
    for (const req of early.splice(0)) executor.handle(req);
  }, (e: Error) => {
    process.stderr.write(`huntbook kernel: cannot load the executor: ${e.stack ?? e.message}\n`);
    process.exit(1);
  });
}

export const KERNEL_USAGE = `usage: huntbook-kernel -f CONNECTION_FILE [--history-file FILE]
  HUNTBOOK_KERNEL_HISTORY=1 keeps history in ~/.local/share/huntbook/kernel-history.jsonl`;

/** Reads `-f FILE` (and `--history-file FILE`) from the command line. */
export function parseKernelArgs(argv: string[]): KernelOptions {
  let connectionFile: string | undefined;
  let historyFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-f' || a === '--connection-file') connectionFile = argv[++i];
    else if (a.startsWith('--connection-file=')) connectionFile = a.slice('--connection-file='.length);
    else if (a === '--history-file') historyFile = argv[++i];
    else throw new Error(`unknown argument '${a}'\n${KERNEL_USAGE}`);
  }
  if (!connectionFile) throw new Error(`the connection file is missing (-f FILE)\n${KERNEL_USAGE}`);
  if (!historyFile && process.env.HUNTBOOK_KERNEL_HISTORY) {
    const v = process.env.HUNTBOOK_KERNEL_HISTORY;
    historyFile = v === '1' ? join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'huntbook', 'kernel-history.jsonl') : v;
  }
  return { connectionFile, historyFile };
}

/** The command line entry (used by bin/ and when this file is run directly). */
export function kernelMain(argv: string[]): void {
  try {
    runKernel(parseKernelArgs(argv));
  } catch (e) {
    process.stderr.write(`huntbook kernel: ${(e as Error).message}\n`);
    process.exit(2);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) kernelMain(process.argv.slice(2));
