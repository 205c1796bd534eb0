/**
 * Interrupting cells as the protocol worker does it: SIGINT to the process (from another thread,
 * since a looping cell blocks the main thread) and an { type: 'interrupt' } message.
 * The cell ends with KeyboardInterrupt; the kernel keeps its variables and runs the next cells.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { startHarness } from './exec-harness.ts';

const h = startHarness();

/**
 * A thread that waits until the cell sets flag[0] = 1 (the loop has started), then sends
 * SIGINT to this process: no timing guess.
 */
function sigintWhenStarted(flag: Int32Array): Worker {
  return new Worker(
    `const { workerData } = require('node:worker_threads');
     const flag = new Int32Array(workerData);
     Atomics.wait(flag, 0, 0);
     process.kill(process.pid, 'SIGINT');`,
    { eval: true, workerData: flag.buffer },
  );
}

test('a synchronous endless loop is stopped by SIGINT; variables survive', async () => {
  await h.run('const survivor = "still here"\nlet spins = 0');
  const flag = new Int32Array(new SharedArrayBuffer(4));
  (globalThis as Record<string, unknown>).__started = flag;
  const worker = sigintWhenStarted(flag);
  try {
    const r = await h.run('Atomics.store((globalThis as any).__started, 0, 1)\nwhile (true) { spins++ }');
    assert.equal(r.done.status, 'error');
    assert.equal(r.done.error!.ename, 'KeyboardInterrupt');
  } finally {
    await worker.terminate();
  }
  // the worker's interrupt message arrives after the loop ended: it must not stop the next cell
  const next = h.run('await new Promise((r) => setTimeout(r, 30));\n[survivor, spins > 0]');
  h.executor.handle({ type: 'interrupt' });
  const r = await next;
  assert.equal(r.done.status, 'ok', JSON.stringify(r.done));
  assert.equal(r.result, "[ 'still here', true ]");
});

test('a never-resolving await is abandoned on the interrupt message (its SIGINT half is ignored)', async () => {
  const running = h.run('console.log("waiting")\nawait new Promise(() => {})\nconsole.log("never")');
  await h.waitFor((e) => e.type === 'stream' && e.text === 'waiting\n');
  // both halves, as the protocol worker sends them: the message, then SIGINT
  const keepAlive = setInterval(() => {}, 1000);
  const signalled = new Promise((resolve) => process.once('SIGINT', resolve));
  h.executor.handle({ type: 'interrupt' });
  process.kill(process.pid, 'SIGINT');
  const r = await running;
  await signalled; // the SIGINT has been handled (by the Executor, as the echo of the message)
  clearInterval(keepAlive);
  assert.equal(r.done.status, 'error');
  assert.equal(r.done.error!.ename, 'KeyboardInterrupt');
  assert.equal(r.stdout, 'waiting\n');
  assert.equal((await h.run('survivor')).result, "'still here'");
});

test('a pending await is also abandoned on SIGINT alone', async () => {
  const running = h.run([
    'await new Promise(() => {',
    '  console.log("armed")',
    '})',
  ].join('\n'));
  await h.waitFor((e) => e.type === 'stream' && e.text === 'armed\n');
  // a signal handler does not keep the event loop alive (in the kernel, the protocol worker does)
  const keepAlive = setInterval(() => {}, 1000);
  process.kill(process.pid, 'SIGINT');
  const r = await running;
  clearInterval(keepAlive);
  assert.equal(r.done.error?.ename, 'KeyboardInterrupt');
  // the message half of that interrupt arrives now and is not applied to the next cell
  h.executor.handle({ type: 'interrupt' });
  const after = await h.run('1 + 1');
  assert.equal(after.result, '2');
});

test('an interrupt with no cell running does nothing', async () => {
  h.executor.handle({ type: 'interrupt' });
  await new Promise((r) => setTimeout(r, 1100)); // past the window in which it could pair with a SIGINT
  const r = await h.run('"fine"');
  assert.equal(r.result, "'fine'");
});
