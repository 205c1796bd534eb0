/**
 * Kernel messages on the WebSocket /api/kernels/{id}/channels, in the two framings
 * @jupyterlab/services speaks: the default one (a JSON text frame; a binary frame of
 * big-endian uint32 count and offsets, the JSON message, then its buffers, when there are
 * buffers) and the subprotocol `v1.kernel.websocket.jupyter.org` (a binary frame of
 * little-endian uint64 count and offsets, then channel, header, parent_header, metadata,
 * content and buffers).
 */
import { CHANNELS, type Channel, type JupyterMessage } from './wire.ts';

export const V1_PROTOCOL = 'v1.kernel.websocket.jupyter.org';
export type Framing = '' | typeof V1_PROTOCOL;

/** Decodes a client's frame; throws an Error saying what is wrong. */
export function decodeClientFrame(data: Buffer, isBinary: boolean, framing: Framing): JupyterMessage {
  let msg: Partial<JupyterMessage>;
  if (!isBinary) msg = JSON.parse(data.toString('utf8')) as Partial<JupyterMessage>;
  else if (framing === V1_PROTOCOL) msg = decodeV1(data);
  else msg = decodeDefaultBinary(data);
  if (typeof msg !== 'object' || msg === null) throw new Error('a kernel message must be a JSON object');
  if (!CHANNELS.includes(msg.channel as Channel) || msg.channel === 'iopub') throw new Error(`a client message must name its channel (shell, control or stdin), not ${JSON.stringify(msg.channel)}`);
  if (typeof msg.header?.msg_type !== 'string' || typeof msg.header.msg_id !== 'string') throw new Error('a kernel message needs a header with msg_id and msg_type');
  return {
    channel: msg.channel as Channel,
    header: msg.header,
    parent_header: msg.parent_header ?? {},
    metadata: msg.metadata ?? {},
    content: msg.content ?? {},
    buffers: (msg.buffers ?? []).map((b) => Buffer.isBuffer(b) ? b : Buffer.alloc(0)),
  };
}

/** Encodes a message for a client: text when it can, binary otherwise. */
export function encodeForClient(msg: JupyterMessage, framing: Framing): string | Buffer {
  if (framing === V1_PROTOCOL) return encodeV1(msg);
  if (msg.buffers.length === 0) return JSON.stringify({ ...msg, buffers: [] });
  const json = Buffer.from(JSON.stringify({ ...msg, buffers: undefined }), 'utf8');
  const parts = [json, ...msg.buffers];
  const head = Buffer.alloc(4 * (parts.length + 1));
  head.writeUInt32BE(parts.length, 0);
  let offset = head.length;
  parts.forEach((p, i) => { head.writeUInt32BE(offset, 4 * (i + 1)); offset += p.length; });
  return Buffer.concat([head, ...parts]);
}

function decodeDefaultBinary(data: Buffer): Partial<JupyterMessage> {
  const n = data.readUInt32BE(0);
  if (n < 1 || data.length < 4 * (n + 1)) throw new Error('a binary kernel message has a bad offset table');
  const offsets = Array.from({ length: n }, (_, i) => data.readUInt32BE(4 * (i + 1)));
  const parts = offsets.map((o, i) => data.subarray(o, offsets[i + 1] ?? data.length));
  const msg = JSON.parse(parts[0]!.toString('utf8')) as Partial<JupyterMessage>;
  return { ...msg, buffers: parts.slice(1).map((b) => Buffer.from(b)) };
}

function decodeV1(data: Buffer): Partial<JupyterMessage> {
  const n = Number(data.readBigUInt64LE(0));
  if (n < 6 || data.length < 8 * (n + 1)) throw new Error(`a ${V1_PROTOCOL} message has a bad offset table`);
  const offsets = Array.from({ length: n }, (_, i) => Number(data.readBigUInt64LE(8 * (i + 1))));
  const part = (i: number) => data.subarray(offsets[i], offsets[i + 1] ?? data.length);
  const json = (i: number) => JSON.parse(part(i).toString('utf8')) as Record<string, unknown>;
  const buffers: Buffer[] = [];
  for (let i = 5; i < offsets.length - 1; i++) buffers.push(Buffer.from(part(i)));
  return { channel: part(0).toString('utf8') as Channel, header: json(1) as JupyterMessage['header'], parent_header: json(2), metadata: json(3), content: json(4), buffers };
}

function encodeV1(msg: JupyterMessage): Buffer {
  const parts: Buffer[] = [msg.channel, msg.header, msg.parent_header ?? {}, msg.metadata, msg.content].map((p, i) => Buffer.from(i === 0 ? (p as string) : JSON.stringify(p), 'utf8'));
  parts.push(...msg.buffers);
  const count = parts.length + 1;
  const head = Buffer.alloc(8 * (count + 1));
  head.writeBigUInt64LE(BigInt(count), 0);
  let offset = head.length;
  head.writeBigUInt64LE(BigInt(offset), 8);
  parts.forEach((p, i) => { offset += p.length; head.writeBigUInt64LE(BigInt(offset), 8 * (i + 2)); });
  return Buffer.concat([head, ...parts]);
}
