/**
 * A runaway allocation kills only the kernel: a kernel process started with a small heap
 * (--max-old-space-size, as the kernelspec sets 2048) ends when a cell outgrows it, V8 says so
 * on its stderr, its heartbeat stops; the client (this test process) goes on and a new kernel
 * starts and runs cells.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KernelClient, ping, startKernel } from './protocol-client.ts';
import type { JsonObject } from '../src/protocol/messages.ts';

const RUNAWAY = 'const hoard = []\nwhile (true) hoard.push(new Array(1e5).fill(Math.random()))';

test('a cell that allocates without end ends its kernel (heap limit), not the client; a new kernel works', async () => {
  const small = await startKernel({}, { nodeArgs: ['--max-old-space-size=96'] });
  const client = new KernelClient(small.info);
  try {
    await client.ready();
    assert.equal(await ping(small.info, 'before'), 'before');
    await client.send('shell', 'execute_request', { code: RUNAWAY, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    const code = await small.exited;
    const signal = small.child.signalCode;
    assert.ok((code !== null && code !== 0) || signal !== null, `the kernel ended with code ${code}, signal ${signal}`);
    assert.match(small.stderr(), /Reached heap limit|JavaScript heap out of memory/);
    await assert.rejects(ping(small.info, 'after', 500), 'no heartbeat from a dead kernel');
  } finally {
    client.close();
    await small.dispose();
  }

  const fresh = await startKernel();
  const next = new KernelClient(fresh.info);
  try {
    await next.ready();
    const { reply, outputs } = await next.call('shell', 'execute_request', { code: '6*7', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    assert.equal(reply.content.status, 'ok');
    assert.equal((outputs.find((m) => m.header.msg_type === 'execute_result')!.content.data as JsonObject)['text/plain'], '42');
  } finally {
    next.close();
    await fresh.dispose();
  }
});
