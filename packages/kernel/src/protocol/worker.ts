/**
 * The protocol worker thread's entry: reads the connection file named in workerData, starts
 * the ProtocolKernel, and links it to the main thread (ExecRequest out, ExecEvent in). After
 * shutdown_request it ends the thread, and main.ts ends the process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExecEvent, ExecRequest } from '../types.ts';
import { readConnectionFile } from './connection.ts';
import { ProtocolKernel } from './kernel.ts';
import { terminateMainThread } from './terminate.ts';
import type { ProtocolWorkerData } from './thread.ts';

const port = parentPort;
if (!port) throw new Error('protocol/worker.ts runs as a worker thread (started by startProtocolWorker)');
const data = workerData as ProtocolWorkerData;

const kernel = await ProtocolKernel.start({
  info: readConnectionFile(data.connectionFile),
  historyFile: data.historyFile,
  inScript: data.inScript,
  post: (req: ExecRequest) => port.postMessage(req),
  onShutdown: () => {
    // a cell still running on the main thread is stopped, so that main.ts sees this thread end
    // and ends the process
    if (kernel.link.busy > 0) {
      if (kernel.mainInScript()) process.kill(process.pid, 'SIGINT');
      else void terminateMainThread().catch(() => {});
    }
    process.exit(0);
  },
});
port.on('message', (e: ExecEvent) => kernel.receive(e));
