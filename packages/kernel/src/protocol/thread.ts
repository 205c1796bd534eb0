/**
 * Starts the protocol worker thread. Worker threads do not inherit the tsx loader that runs
 * the main thread's TypeScript, so the worker is started from a small bootstrap that registers
 * tsx first, then imports worker.ts.
 */
import { Worker } from 'node:worker_threads';

export interface ProtocolWorkerData {
  connectionFile: string;
  /** JSON lines history kept across sessions; memory only when undefined */
  historyFile?: string;
  /** shared with the Executor: 1 while a cell's script runs under vm's SIGINT watchdog */
  inScript?: Int32Array;
}

export function startProtocolWorker(data: ProtocolWorkerData): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: data, name: 'huntbook-protocol' });
}
