/**
 * The kernel as Jupyter clients see it: a real kernel process started from a connection file,
 * spoken to over ZeroMQ sockets from the test.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { KernelClient, ping, startKernel, type RunningKernel } from './protocol-client.ts';
import { encode, Signer } from '../src/protocol/wire.ts';
import { newMessage, newSession, type JsonObject, type Message } from '../src/protocol/messages.ts';

let kernel: RunningKernel;
let client: KernelClient;

before(async () => {
  kernel = await startKernel();
  client = new KernelClient(kernel.info);
  await client.ready();
});

after(async () => {
  // DUMP_KERNEL_STDERR=1: the kernel's log and how it ended, to look into a failure
  if (process.env.DUMP_KERNEL_STDERR) console.log(kernel?.stderr(), "exit:", kernel?.child.exitCode, kernel?.child.signalCode);
  client?.close();
  await kernel?.dispose();
});

const types = (msgs: Message[]) => msgs.map((m) => m.header.msg_type === 'status' ? `status:${String(m.content.execution_state)}` : m.header.msg_type);

function execute(code: string, extra: JsonObject = {}): Promise<{ reply: Message; outputs: Message[] }> {
  return client.call('shell', 'execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true, ...extra });
}

test('kernel_info: protocol 5.3, huntbook, TypeScript, between busy and idle', async () => {
  const { reply, outputs } = await client.call('shell', 'kernel_info_request', {});
  const c = reply.content;
  assert.equal(reply.header.msg_type, 'kernel_info_reply');
  assert.equal(c.status, 'ok');
  assert.equal(c.protocol_version, '5.3');
  assert.equal(c.implementation, 'huntbook');
  const li = c.language_info as JsonObject;
  assert.equal(li.name, 'typescript');
  assert.equal(li.file_extension, '.ts');
  assert.equal(li.mimetype, 'text/typescript');
  assert.equal(typeof li.version, 'string');
  assert.deepEqual(types(outputs), ['status:busy', 'status:idle']);
  assert.equal(reply.header.version, '5.3');
  assert.equal((reply.parent_header as JsonObject).msg_type, 'kernel_info_request');
});

test('execute 1+1: execute_input, execute_result "2", reply ok, counts go up', async () => {
  const first = await execute('1+1');
  assert.equal(first.reply.content.status, 'ok');
  assert.deepEqual(types(first.outputs), ['status:busy', 'execute_input', 'execute_result', 'status:idle']);
  const n = first.reply.content.execution_count as number;
  const input = first.outputs.find((m) => m.header.msg_type === 'execute_input')!;
  assert.deepEqual(input.content, { code: '1+1', execution_count: n });
  const result = first.outputs.find((m) => m.header.msg_type === 'execute_result')!;
  assert.equal((result.content.data as JsonObject)['text/plain'], '2');
  assert.equal(result.content.execution_count, n);
  const second = await execute('console.log("hi"); 3');
  assert.equal(second.reply.content.execution_count, n + 1);
  const stream = second.outputs.find((m) => m.header.msg_type === 'stream')!;
  assert.deepEqual(stream.content, { name: 'stdout', text: 'hi\n' });
});

test('silent: no execute_input, no execute_result, no count; store_history=false: no count', async () => {
  const before = (await execute('0')).reply.content.execution_count as number;
  const silent = await execute('console.log("quiet"); 5', { silent: true });
  assert.deepEqual(types(silent.outputs), ['status:busy', 'stream', 'status:idle']);
  assert.equal(silent.reply.content.execution_count, before);
  const unstored = await execute('6', { store_history: false });
  assert.equal(unstored.reply.content.execution_count, before);
  assert.ok(types(unstored.outputs).includes('execute_result'));
  const history = await client.call('shell', 'history_request', { hist_access_type: 'tail', n: 1, output: false, raw: true });
  assert.equal((history.reply.content.history as unknown[][])[0]![2], '0');
});

test('an error: error on iopub, reply status error with ename and traceback', async () => {
  const { reply, outputs } = await execute('throw new TypeError("boom")');
  assert.equal(reply.content.status, 'error');
  assert.equal(reply.content.ename, 'TypeError');
  assert.equal(reply.content.evalue, 'boom');
  assert.ok(Array.isArray(reply.content.traceback));
  assert.deepEqual(types(outputs), ['status:busy', 'execute_input', 'error', 'status:idle']);
});

test('a message with a bad signature is dropped and logged; the kernel goes on', async () => {
  const forged = newMessage(newSession('intruder'), 'execute_request', { code: 'globalThis.forged = 1', silent: false, store_history: true, user_expressions: {}, allow_stdin: false });
  await client.sendFrames('shell', encode(forged, new Signer('not the key')));
  await client.until(() => /dropped a message on shell \(msg_type 'execute_request'\): the HMAC signature does not match/.exec(kernel.stderr()) ?? undefined, 'the log line');
  const { reply } = await execute('typeof globalThis.forged');
  assert.equal(reply.content.status, 'ok');
  const result = client.published.filter((m) => (m.parent_header as JsonObject).msg_id === reply.parent_header.msg_id && m.header.msg_type === 'execute_result');
  assert.equal((result[0]!.content.data as JsonObject)['text/plain'], "'undefined'");
  assert.equal(client.published.filter((m) => (m.parent_header as JsonObject).msg_id === forged.header.msg_id).length, 0);
});

test('heartbeat echoes, also while a cell loops; interrupt stops the loop and the kernel stays usable', async () => {
  assert.equal(await ping(kernel.info, 'ping-1'), 'ping-1');
  const id = await client.send('shell', 'execute_request', { code: 'while (true) {}', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
  await client.until(() => client.published.find((m) => (m.parent_header as JsonObject).msg_id === id && m.header.msg_type === 'execute_input'), 'the loop to start');
  assert.equal(await ping(kernel.info, 'ping-2'), 'ping-2');
  const interrupt = await client.call('control', 'interrupt_request', {});
  assert.equal(interrupt.reply.content.status, 'ok');
  assert.deepEqual(types(interrupt.outputs), ['status:busy', 'status:idle']);
  const loop = await client.reply(id);
  assert.equal(loop.content.status, 'error');
  assert.equal(loop.content.ename, 'KeyboardInterrupt');
  const after = await execute('2+2');
  assert.equal(after.reply.content.status, 'ok');
  assert.equal((after.outputs.find((m) => m.header.msg_type === 'execute_result')!.content.data as JsonObject)['text/plain'], '4');
  const idle = await client.call('control', 'interrupt_request', {});
  assert.equal(idle.reply.content.status, 'ok', 'an interrupt outside a cell is harmless');
  assert.equal((await execute('5')).reply.content.status, 'ok');
});

test('interrupt stops a loop that runs after an await (SIGINT cannot); the variables stay', async () => {
  assert.equal((await execute('const keptBeforeLoop = 41')).reply.content.status, 'ok');
  const id = await client.send('shell', 'execute_request', { code: 'await Promise.resolve();\nwhile (true) {}', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
  await client.until(() => client.published.find((m) => (m.parent_header as JsonObject).msg_id === id && m.header.msg_type === 'execute_input'), 'the loop to start');
  assert.equal(await ping(kernel.info, 'ping-loop'), 'ping-loop');
  const interrupt = await client.call('control', 'interrupt_request', {});
  assert.equal(interrupt.reply.content.status, 'ok');
  const loop = await client.reply(id);
  assert.equal(loop.content.status, 'error');
  assert.equal(loop.content.ename, 'KeyboardInterrupt');
  const outputs = await client.outputs(id);
  assert.equal(outputs.find((m) => m.header.msg_type === 'error')?.content.ename, 'KeyboardInterrupt');
  // the worker's stderr goes out through the main thread, so this line comes after the loop ended
  await client.until(() => /terminating its JavaScript through the inspector/.exec(kernel.stderr()) ?? undefined, 'the log line');
  const after = await execute('keptBeforeLoop + 1');
  assert.equal(after.reply.content.status, 'ok');
  assert.equal((after.outputs.find((m) => m.header.msg_type === 'execute_result')!.content.data as JsonObject)['text/plain'], '42');
  const timers = await execute('await new Promise((r) => setTimeout(() => r("timers run"), 10))');
  assert.equal(timers.reply.content.status, 'ok', JSON.stringify(timers.reply.content));
  assert.equal((timers.outputs.find((m) => m.header.msg_type === 'execute_result')!.content.data as JsonObject)['text/plain'], "'timers run'");
});

// (over a real kernel: in-process, node:test's own handlers would fail the test on such errors)
test('an error that escapes a cell (unawaited rejection, throw in a timer) is printed; the kernel goes on', async () => {
  const { reply, outputs } = await execute('Promise.reject(new Error("nobody awaits"))\nsetTimeout(() => { throw new RangeError("in a timer") }, 0)\nawait new Promise((r) => setTimeout(r, 30))');
  assert.equal(reply.content.status, 'ok');
  const stderr = outputs.filter((m) => m.header.msg_type === 'stream' && m.content.name === 'stderr').map((m) => String(m.content.text)).join('');
  assert.match(stderr, /Unhandled promise rejection: Error: nobody awaits/);
  assert.match(stderr, /Uncaught exception: RangeError: in a timer/);
  assert.equal((await execute('7')).reply.content.status, 'ok');
});

test('x? pages the inspect text in execute_reply\'s payload (IPython\'s convention)', async () => {
  const { reply, outputs } = await execute('Math.max?');
  assert.equal(reply.content.status, 'ok');
  const payload = reply.content.payload as JsonObject[];
  assert.equal(payload.length, 1);
  assert.equal(payload[0]!.source, 'page');
  assert.equal(payload[0]!.start, 0);
  assert.match(String((payload[0]!.data as JsonObject)['text/plain']), /^Math\.max: function/);
  assert.deepEqual(types(outputs), ['status:busy', 'execute_input', 'status:idle']);
  assert.deepEqual((await execute('1')).reply.content.payload, []);
});

test('stop_on_error: a queued execute request is aborted after a failed cell', async () => {
  const opts = { silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true };
  const failing = await client.send('shell', 'execute_request', { ...opts, code: 'await new Promise((r) => setTimeout(r, 300)); throw new Error("stop here")' });
  const queued = await client.send('shell', 'execute_request', { ...opts, code: 'globalThis.ranAfterError = true' });
  assert.equal((await client.reply(failing)).content.status, 'error');
  const aborted = await client.reply(queued);
  assert.equal(aborted.content.status, 'aborted');
  assert.deepEqual(types(await client.outputs(queued)), ['status:busy', 'status:idle']);
  const check = await execute('globalThis.ranAfterError === undefined');
  assert.equal((check.outputs.find((m) => m.header.msg_type === 'execute_result')!.content.data as JsonObject)['text/plain'], 'true');
  const lenient = await client.send('shell', 'execute_request', { ...opts, stop_on_error: false, code: 'throw new Error("go on")' });
  const next = await client.send('shell', 'execute_request', { ...opts, code: '7' });
  assert.equal((await client.reply(lenient)).content.status, 'error');
  assert.equal((await client.reply(next)).content.status, 'ok');
});

test('is_complete, complete, inspect, history, comm_info, comm_open', async () => {
  const isComplete = async (code: string) => (await client.call('shell', 'is_complete_request', { code })).reply.content;
  assert.deepEqual(await isComplete('const x: number = 1'), { status: 'complete' });
  assert.deepEqual(await isComplete('function f() {'), { status: 'incomplete', indent: '  ' });
  assert.deepEqual(await isComplete('1 +* 2'), { status: 'invalid' });
  assert.deepEqual(await isComplete('%%kql\nSecurityEvent | take'), { status: 'complete' });
  assert.deepEqual(await isComplete('%kql SecurityEvent | take 1\nconst y = 2'), { status: 'complete' });
  assert.deepEqual(await isComplete('const s = `open\n'), { status: 'incomplete', indent: '  ' });
  assert.deepEqual(await isComplete('const s = "open'), { status: 'invalid' });

  await execute('const huntbookVariable = { alpha: 1 }');
  const complete = await client.call('shell', 'complete_request', { code: 'huntbookVar', cursor_pos: 11 });
  assert.equal(complete.reply.content.status, 'ok');
  assert.ok((complete.reply.content.matches as string[]).includes('huntbookVariable'));
  assert.equal(complete.reply.content.cursor_start, 0);
  assert.equal(complete.reply.content.cursor_end, 11);
  const inspect = await client.call('shell', 'inspect_request', { code: 'huntbookVariable', cursor_pos: 5, detail_level: 0 });
  assert.equal(inspect.reply.content.status, 'ok');
  assert.equal(inspect.reply.content.found, true);

  await execute('"needle-" + 1');
  const search = await client.call('shell', 'history_request', { hist_access_type: 'search', pattern: '"needle-"*', unique: true, output: true, raw: true });
  const hits = search.reply.content.history as [number, number, [string, string]][];
  assert.equal(hits.length, 1);
  assert.deepEqual(hits[0]![2], ['"needle-" + 1', "'needle-1'"]);
  const [session, line] = hits[0]!;
  const range = await client.call('shell', 'history_request', { hist_access_type: 'range', session, start: line, stop: line + 1, output: false, raw: true });
  assert.deepEqual(range.reply.content.history, [[session, line, '"needle-" + 1']]);

  assert.deepEqual((await client.call('shell', 'comm_info_request', {})).reply.content, { status: 'ok', comms: {} });
  const commId = 'c0ffee';
  const id = await client.send('shell', 'comm_open', { comm_id: commId, target_name: 'jupyter.widget', data: {} });
  const outs = await client.outputs(id);
  assert.deepEqual(types(outs), ['status:busy', 'comm_close', 'status:idle']);
  assert.equal(outs[1]!.content.comm_id, commId);
});

test('shutdown_request: replies with the restart flag and the process exits', async () => {
  const { reply, outputs } = await client.call('control', 'shutdown_request', { restart: true });
  assert.deepEqual(reply.content, { status: 'ok', restart: true });
  assert.deepEqual(types(outputs), ['status:busy', 'status:idle']);
  assert.equal(await kernel.exited, 0);
});
