/**
 * The kernel manager's side of the Jupyter wire format (ZeroMQ): a message is routing
 * identities, "<IDS|MSG>", the hex HMAC-SHA256 of the four JSON parts (header, parent_header,
 * metadata, content) with the connection file's key, those parts, then binary buffers.
 * Also the JSON shape messages take on the WebSocket (JupyterMessage) and a maker of the
 * messages the server itself sends (kernel_info_request, status, shutdown_request ...).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export type Channel = 'shell' | 'control' | 'stdin' | 'iopub';
export const CHANNELS: readonly Channel[] = ['shell', 'control', 'stdin', 'iopub'];

export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
  [key: string]: unknown;
}

/** A message as Jupyter's JSON WebSocket framing carries it. */
export interface JupyterMessage {
  channel: Channel;
  header: MessageHeader;
  parent_header: Partial<MessageHeader> | Record<string, never>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
  buffers: Buffer[];
}

const DELIMITER = Buffer.from('<IDS|MSG>', 'ascii');
export const PROTOCOL_VERSION = '5.3';

/** Signs and checks messages with a connection file's key (an empty key: no signing). */
export class MessageSigner {
  readonly #key: Buffer;
  constructor(key: string) {
    this.#key = Buffer.from(key, 'utf8');
  }

  sign(parts: readonly Buffer[]): string {
    if (this.#key.length === 0) return '';
    const h = createHmac('sha256', this.#key);
    for (const p of parts) h.update(p);
    return h.digest('hex');
  }

  verify(signature: Buffer, parts: readonly Buffer[]): boolean {
    if (this.#key.length === 0) return true;
    const expected = Buffer.from(this.sign(parts), 'ascii');
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  }
}

/** The ZeroMQ frames of a message (no routing identities: the manager's sockets are dealers). */
export function toFrames(msg: Omit<JupyterMessage, 'channel'>, signer: MessageSigner): Buffer[] {
  const parts = [msg.header, msg.parent_header ?? {}, msg.metadata ?? {}, msg.content ?? {}].map((p) => Buffer.from(JSON.stringify(p), 'utf8'));
  return [DELIMITER, Buffer.from(signer.sign(parts), 'ascii'), ...parts, ...(msg.buffers ?? [])];
}

/** A received message, or an Error saying what is wrong with it (bad signature, malformed). */
export function fromFrames(frames: readonly Buffer[], channel: Channel, signer: MessageSigner): JupyterMessage | Error {
  const at = frames.findIndex((f) => f.equals(DELIMITER));
  if (at < 0 || frames.length < at + 6) return new Error(`a message on ${channel} from the kernel is malformed (no <IDS|MSG> delimiter or fewer than 4 parts)`);
  const parts = frames.slice(at + 2, at + 6);
  if (!signer.verify(frames[at + 1]!, parts)) return new Error(`a message on ${channel} from the kernel has a bad signature`);
  try {
    const [header, parent, metadata, content] = parts.map((p) => JSON.parse(p.toString('utf8')) as Record<string, unknown>);
    if (typeof header?.msg_type !== 'string') return new Error(`a message on ${channel} from the kernel has no msg_type`);
    return {
      channel,
      header: header as MessageHeader,
      parent_header: (parent ?? {}) as JupyterMessage['parent_header'],
      metadata: metadata ?? {},
      content: content ?? {},
      buffers: frames.slice(at + 6).map((b) => Buffer.from(b)),
    };
  } catch (e) {
    return new Error(`a message on ${channel} from the kernel is not JSON: ${(e as Error).message}`);
  }
}

/** A message made by the server (to the kernel, or synthesized for clients). */
export function makeMessage(channel: Channel, msgType: string, content: Record<string, unknown>, session: string, parent: JupyterMessage['parent_header'] = {}): JupyterMessage {
  return {
    channel,
    header: { msg_id: randomUUID(), msg_type: msgType, session, username: 'huntbook', date: new Date().toISOString(), version: PROTOCOL_VERSION },
    parent_header: parent,
    metadata: {},
    content,
    buffers: [],
  };
}
