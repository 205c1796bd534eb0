/**
 * The kernel manager's side of the Jupyter wire format (ZeroMQ). Framing and HMAC-SHA256
 * signing are the kernel package's (@huntbook/kernel's Signer, encode, decode): one
 * implementation for both ends.
 * Also the JSON shape messages take on the WebSocket (JupyterMessage) and a maker of the
 * messages the server itself sends (kernel_info_request, status, shutdown_request ...).
 */
import { randomUUID } from 'node:crypto';
import { Signer, encode, decode, type WireMessage } from '@huntbook/kernel';

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

export const PROTOCOL_VERSION = '5.3';

/** Signs and checks messages with a connection file's key: the kernel package's one implementation. */
export { Signer as MessageSigner };

/** The ZeroMQ frames of a message (no routing identities: the manager's sockets are dealers). */
export function toFrames(msg: Omit<JupyterMessage, 'channel'>, signer: Signer): Buffer[] {
  return encode({
    identities: [],
    header: msg.header as unknown as WireMessage['header'],
    parent_header: (msg.parent_header ?? {}) as WireMessage['parent_header'],
    metadata: msg.metadata ?? {},
    content: msg.content ?? {},
    buffers: msg.buffers ?? [],
  }, signer);
}

/** A received message, or an Error saying what is wrong with it (bad signature, malformed). */
export function fromFrames(frames: readonly Buffer[], channel: Channel, signer: Signer): JupyterMessage | Error {
  try {
    const m = decode(frames, signer);
    return {
      channel,
      header: m.header as unknown as MessageHeader,
      parent_header: m.parent_header as JupyterMessage['parent_header'],
      metadata: m.metadata,
      content: m.content,
      buffers: m.buffers.map((b) => Buffer.from(b)),
    };
  } catch (e) {
    return new Error(`a message on ${channel} from the kernel was refused: ${(e as Error).message}`);
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
