/** The wire format: signing, encoding and decoding, refusing bad signatures and malformed frames. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { decode, encode, DELIMITER, Signer, WireError } from '../src/protocol/wire.ts';
import { newMessage, newSession, replyType } from '../src/protocol/messages.ts';
import { parseConnectionInfo, endpoint } from '../src/protocol/connection.ts';
import { globToRegExp, History } from '../src/protocol/history.ts';
import { toCodePoints, toUtf16 } from '../src/protocol/cursor.ts';

const KEY = 'a0436f6c-1916-498b-8eb9-e81ab9368e84';
const session = newSession('tester');

test('encode signs header, parent_header, metadata and content with HMAC-SHA256 (hex)', () => {
  const msg = newMessage(session, 'execute_request', { code: '1+1' }, undefined, [Buffer.from('client-id')]);
  const frames = encode(msg, new Signer(KEY));
  assert.equal(frames[0]!.toString(), 'client-id');
  assert.ok(frames[1]!.equals(DELIMITER));
  const h = createHmac('sha256', KEY);
  for (const f of frames.slice(3, 7)) h.update(f);
  assert.equal(frames[2]!.toString(), h.digest('hex'));
  assert.deepEqual(JSON.parse(frames[3]!.toString()), msg.header);
  assert.deepEqual(JSON.parse(frames[6]!.toString()), { code: '1+1' });
  assert.equal(msg.header.version, '5.3');
});

test('decode reads back identities, parts and buffers', () => {
  const parent = newMessage(session, 'kernel_info_request', {});
  const msg = newMessage(session, 'kernel_info_reply', { status: 'ok' }, parent, [Buffer.from('a'), Buffer.from('b')]);
  msg.buffers = [Buffer.from([1, 2, 3])];
  const signer = new Signer(KEY);
  const back = decode(encode(msg, signer), signer);
  assert.deepEqual(back.identities.map(String), ['a', 'b']);
  assert.deepEqual(back.header, msg.header);
  assert.deepEqual(back.parent_header, parent.header);
  assert.deepEqual(back.content, { status: 'ok' });
  assert.deepEqual([...back.buffers[0]!], [1, 2, 3]);
});

test('a wrong signature, a tampered content or another key is refused with the msg_type', () => {
  const signer = new Signer(KEY);
  const frames = encode(newMessage(session, 'execute_request', { code: 'x' }), signer);
  const tampered = [...frames];
  tampered[5] = Buffer.from(JSON.stringify({ code: 'rm -rf' })); // [<IDS|MSG>, signature, header, parent, metadata, content]
  for (const bad of [tampered, encode(newMessage(session, 'execute_request', {}), new Signer('other key'))]) {
    assert.throws(() => decode(bad, signer), (e: unknown) => e instanceof WireError && e.code === 'bad-signature' && e.msgType === 'execute_request');
  }
  const truncated = [...frames];
  truncated[1] = Buffer.from(frames[1]!.toString().slice(0, 10));
  assert.throws(() => decode(truncated, signer), /signature does not match/);
  const unsigned = [...frames];
  unsigned[1] = Buffer.alloc(0);
  assert.throws(() => decode(unsigned, signer), /signature does not match/);
});

test('an empty key neither signs nor checks', () => {
  const none = new Signer('');
  const frames = encode(newMessage(session, 'status', { execution_state: 'idle' }), none);
  assert.equal(frames[1]!.toString(), '');
  frames[1] = Buffer.from('whatever');
  assert.equal(decode(frames, none).header.msg_type, 'status');
});

test('malformed messages say what is wrong', () => {
  const signer = new Signer('');
  assert.throws(() => decode([Buffer.from('id'), Buffer.from('{}')], signer), /no <IDS\|MSG> delimiter/);
  assert.throws(() => decode([DELIMITER, Buffer.from(''), Buffer.from('{}')], signer), /expected a signature and 4 JSON parts/);
  assert.throws(() => decode([DELIMITER, Buffer.from(''), Buffer.from('{nope'), Buffer.from('{}'), Buffer.from('{}'), Buffer.from('{}')], signer), /the header is not JSON/);
  assert.throws(() => decode([DELIMITER, Buffer.from(''), Buffer.from('{"msg_type":"x","msg_id":"1"}'), Buffer.from('{}'), Buffer.from('[]'), Buffer.from('{}')], signer), /the metadata is not a JSON object/);
  assert.throws(() => decode([DELIMITER, Buffer.from(''), Buffer.from('{}'), Buffer.from('{}'), Buffer.from('{}'), Buffer.from('{}')], signer), /no msg_type or msg_id/);
});

test('reply types and connection files', () => {
  assert.equal(replyType('execute_request'), 'execute_reply');
  const info = parseConnectionInfo({ ip: '127.0.0.1', transport: 'tcp', shell_port: 1, control_port: 2, iopub_port: 3, stdin_port: 4, hb_port: 5, key: 'k', signature_scheme: 'hmac-sha256' }, 'conn.json');
  assert.equal(endpoint(info, 'iopub'), 'tcp://127.0.0.1:3');
  assert.equal(endpoint({ ...info, transport: 'ipc', ip: '/tmp/k' }, 'hb'), 'ipc:///tmp/k-5');
  assert.throws(() => parseConnectionInfo({ ...info, signature_scheme: 'hmac-md5' }, 'conn.json'), /conn.json: signature_scheme "hmac-md5" is not supported/);
  assert.throws(() => parseConnectionInfo({ ...info, hb_port: 'x' }, 'conn.json'), /conn.json: hb_port must be an integer port/);
});

test('history: tail, range, glob search with n and unique, outputs', () => {
  const h = new History();
  ['1+1', 'x = 2', '1+1', 'print(3)'].forEach((code, i) => h.add(i + 1, code));
  h.setOutput(1, '2');
  assert.deepEqual(h.query({ hist_access_type: 'tail', n: 2 }), [[1, 3, '1+1'], [1, 4, 'print(3)']]);
  assert.deepEqual(h.query({ hist_access_type: 'range', session: 1, start: 2, stop: 3 }), [[1, 2, 'x = 2']]);
  assert.deepEqual(h.query({ hist_access_type: 'range', session: 0, start: 1, stop: 2, output: true }), [[1, 1, ['1+1', '2']]]);
  assert.deepEqual(h.query({ hist_access_type: 'search', pattern: '1?1' }), [[1, 1, '1+1'], [1, 3, '1+1']]);
  assert.deepEqual(h.query({ hist_access_type: 'search', pattern: '1?1', unique: true }), [[1, 3, '1+1']]);
  assert.deepEqual(h.query({ hist_access_type: 'search', pattern: '*', n: 1 }), [[1, 4, 'print(3)']]);
  assert.throws(() => h.query({ hist_access_type: 'everything' }), /hist_access_type must be/);
  assert.ok(globToRegExp('[a-c]x*').test('bx.y'));
  assert.ok(!globToRegExp('a.b').test('axb'));
});

test('cursor positions convert between code points and UTF-16', () => {
  const s = 'a😀b';
  assert.equal(toUtf16(s, 2), 3);
  assert.equal(toCodePoints(s, 3), 2);
  assert.equal(toUtf16(s, 99), s.length);
});
