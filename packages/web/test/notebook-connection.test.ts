/**
 * The notebook's kernel connection and the following of other pages' runs, with a socket
 * object standing in for the browser's WebSocket (the real one is driven in e2e-*.test.ts):
 * a cell run before the kernel is ready waits and goes once it is idle; the status on open is
 * the server's word; iopub of requests this page did not send makes it re-read the notebook
 * (debounced), tells the running cell from the request's msg_id, and reads again at idle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { KernelConnection, type SocketLike, type KernelStatus } from '../src/notebook/connection.ts';
import { RunFollower } from '../src/notebook/follower.ts';
import { cellOfRequest, executeRequest, makeMessage, type JupyterMessage } from '../src/notebook/messages.ts';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  readyState = 0;
  sent: JupyterMessage[] = [];
  send(data: string): void { this.sent.push(JSON.parse(data) as JupyterMessage); }
  close(): void { this.readyState = 3; }
  open(): void { this.readyState = 1; this.onopen?.({}); }
  receive(msg: JupyterMessage): void { this.onmessage?.({ data: JSON.stringify(msg) }); }
}

function connect(probe?: () => Promise<string>) {
  const sockets: FakeSocket[] = [];
  const statuses: KernelStatus[] = [];
  const conn = new KernelConnection(() => 'ws://x', 'sess', { onStatus: (s) => statuses.push(s), onReconnect: () => {}, probe },
    () => { const s = new FakeSocket(); sockets.push(s); return s; });
  return { conn, sockets, statuses };
}

const status = (state: string, parent: Partial<JupyterMessage['header']> = {}) => {
  const m = makeMessage('iopub', 'status', { execution_state: state }, 'kernel');
  m.parent_header = parent;
  return m;
};
const executes = (s: FakeSocket) => s.sent.filter((m) => m.header.msg_type === 'execute_request');

test('a cell run before the kernel is ready waits in the queue and is sent, in order, once it is idle', async () => {
  let answer!: (s: string) => void;
  const { conn, sockets } = connect(() => new Promise((r) => { answer = r; }));
  const events: string[] = [];
  const h = (name: string) => ({ onIopub: () => {}, onReply: () => events.push(`reply ${name}`), onSent: () => events.push(`sent ${name}`) });
  conn.execute('1', 'a', h('a'));
  conn.execute('2', 'b', h('b'));
  assert.equal(conn.queued, 2, 'nothing is sent before the socket opens');
  const sock = sockets[0]!;
  sock.open();
  assert.equal(conn.status, 'connecting', 'until the server says what the kernel does');
  assert.deepEqual(executes(sock), [], 'not sent while the state is unknown');
  sock.receive(status('starting'));
  assert.deepEqual(executes(sock), [], 'not sent while the kernel starts');
  sock.receive(status('idle'));
  answer('busy');
  await sleep(0);
  assert.equal(conn.status, 'idle', 'a status message is newer than the probe');
  assert.deepEqual(executes(sock).map((m) => m.metadata.cellId), ['a', 'b']);
  assert.deepEqual(events, ['sent a', 'sent b']);
  assert.equal(conn.queued, 0);
  const reply = makeMessage('shell', 'execute_reply', { status: 'ok', execution_count: 1 }, 'kernel');
  reply.parent_header = executes(sock)[0]!.header;
  sock.receive(reply);
  assert.deepEqual(events, ['sent a', 'sent b', 'reply a'], 'the reply reaches the queued request');
  conn.execute('3', 'c', h('c'));
  assert.deepEqual(events.at(-1), 'sent c', 'sent at once when ready');
  conn.dispose();
});

test('the status on open is the server\'s (busy after a reload), and a restart drops what still waits', async () => {
  const { conn, sockets } = connect(() => Promise.resolve('busy'));
  sockets[0]!.open();
  await sleep(0);
  assert.equal(conn.status, 'busy');
  sockets[0]!.receive(status('restarting'));
  const dropped: string[] = [];
  conn.execute('1', 'a', { onIopub: () => {}, onReply: () => {}, onDropped: (why) => dropped.push(why) });
  assert.equal(conn.queued, 1);
  conn.forgetPending();
  assert.deepEqual(dropped, ['the kernel restarted: the cell was not sent']);
  sockets[0]!.receive(status('idle'));
  assert.deepEqual(executes(sockets[0]!), [], 'a dropped cell never goes');
  conn.dispose();
  assert.throws(() => conn.execute('1', 'a', { onIopub: () => {}, onReply: () => {} }), /the notebook was closed/);
});

test('an execute_request\'s msg_id names its cell; other ids name none', () => {
  const m = executeRequest('1', 'my-cell_2', 's');
  assert.equal(cellOfRequest(m.header.msg_id), 'my-cell_2');
  assert.notEqual(executeRequest('1', 'my-cell_2', 's').header.msg_id, m.header.msg_id, 'ids stay unique');
  assert.equal(cellOfRequest('3f2a0c7e-8b1d-4d47-9a57-2a4b1f0e9c11'), undefined);
  assert.equal(cellOfRequest(undefined), undefined);
});

test('runs of another page: outputs re-read the notebook (debounced), the cell shows running until idle', async () => {
  let reads = 0;
  const running: string[][] = [];
  const f = new RunFollower({ reload: () => { reads++; }, onRunning: (c) => running.push([...c]), debounceMs: 20, settleMs: 60 });
  const parent = executeRequest('x', 'long', 'old-page').header;
  const out = (text: string) => { const m = makeMessage('iopub', 'stream', { name: 'stdout', text }, 'kernel'); m.parent_header = parent; return m; };
  f.handle(out('tick 2\n'));
  f.handle(out('tick 3\n'));
  assert.deepEqual([...f.cells], ['long']);
  assert.equal(reads, 0, 'not at once: the server batches its writes');
  await sleep(50);
  assert.equal(reads, 1, 'one read for both outputs');
  // a status of a request that is no execute_request (kernel_info of this page) changes nothing
  f.handle(status('idle', { msg_id: 'k1', msg_type: 'kernel_info_request' }));
  assert.deepEqual([...f.cells], ['long']);
  f.handle(status('idle', parent));
  assert.deepEqual([...f.cells], []);
  await sleep(120);
  assert.equal(reads, 3, 'read at idle, and again once the server\'s last write has landed');
  assert.deepEqual(running, [['long'], []]);

  // another client's run (no cell in its msg_id) is followed without a cell
  f.handle(status('busy', { msg_id: 'plain-uuid', msg_type: 'execute_request' }));
  assert.equal(f.unnamedActive, true);
  assert.deepEqual([...f.cells], []);
  f.handle(status('restarting'));
  assert.equal(f.unnamedActive, false, 'a restart ends every run');
  f.dispose();
});
