/**
 * The Jupyter wire format: a multipart ZeroMQ message of routing identities, the "<IDS|MSG>"
 * delimiter, an HMAC-SHA256 signature (hex) over header, parent_header, metadata and content,
 * those four JSON parts, then binary buffers. Signatures are checked in constant time; an empty
 * key means no signing and no checking.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Header, JsonObject, Message } from './messages.ts';

export const DELIMITER = Buffer.from('<IDS|MSG>', 'ascii');

export type WireErrorCode = 'bad-signature' | 'malformed';

/** A message that cannot be accepted; msgType is set when its header could be read. */
export class WireError extends Error {
  override name = 'WireError';
  constructor(readonly code: WireErrorCode, message: string, readonly msgType?: string) {
    super(message);
  }
}

/** Signs and checks with the connection file's key. */
export class Signer {
  readonly #key: Buffer;
  constructor(key: string) {
    this.#key = Buffer.from(key, 'utf8');
  }

  get enabled(): boolean {
    return this.#key.length > 0;
  }

  /** hex HMAC-SHA256 of the parts, '' when the key is empty */
  sign(parts: readonly Buffer[]): string {
    if (!this.enabled) return '';
    const h = createHmac('sha256', this.#key);
    for (const p of parts) h.update(p);
    return h.digest('hex');
  }

  /** true when the signature matches (always true without a key); constant time */
  verify(signature: Buffer, parts: readonly Buffer[]): boolean {
    if (!this.enabled) return true;
    const expected = Buffer.from(this.sign(parts), 'ascii');
    if (signature.length !== expected.length) return false;
    return timingSafeEqual(signature, expected);
  }
}

/** The frames to send for a message. */
export function encode(msg: Message, signer: Signer): Buffer[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => Buffer.from(JSON.stringify(p), 'utf8'));
  return [...msg.identities, DELIMITER, Buffer.from(signer.sign(parts), 'ascii'), ...parts, ...msg.buffers];
}

/** Decodes received frames; throws WireError for a bad signature or a malformed message. */
export function decode(frames: readonly Buffer[], signer: Signer): Message {
  const at = frames.findIndex((f) => f.equals(DELIMITER));
  if (at < 0) throw new WireError('malformed', 'no <IDS|MSG> delimiter in the message');
  if (frames.length < at + 6) {
    throw new WireError('malformed', `expected a signature and 4 JSON parts after <IDS|MSG>, got ${frames.length - at - 1} frames`);
  }
  const parts = frames.slice(at + 2, at + 6);
  const msgType = peekMsgType(parts[0]!);
  if (!signer.verify(frames[at + 1]!, parts)) {
    throw new WireError('bad-signature', 'the HMAC signature does not match the message', msgType);
  }
  const [header, parent, metadata, content] = parts.map((p, i) => parseObject(p, PART_NAMES[i]!, msgType));
  if (typeof header!.msg_type !== 'string' || typeof header!.msg_id !== 'string') {
    throw new WireError('malformed', 'the header has no msg_type or msg_id string', msgType);
  }
  return {
    identities: frames.slice(0, at),
    header: header as unknown as Header,
    parent_header: parent as Message['parent_header'],
    metadata: metadata!,
    content: content!,
    buffers: frames.slice(at + 6),
  };
}

const PART_NAMES = ['header', 'parent_header', 'metadata', 'content'];

function parseObject(buf: Buffer, part: string, msgType: string | undefined): JsonObject {
  let v: unknown;
  try {
    v = JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw new WireError('malformed', `the ${part} is not JSON: ${(e as Error).message}`, msgType);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new WireError('malformed', `the ${part} is not a JSON object`, msgType);
  return v as JsonObject;
}

/** The msg_type of a header part, for logging a message that is refused; undefined when unreadable. */
function peekMsgType(header: Buffer): string | undefined {
  try {
    const h = JSON.parse(header.toString('utf8')) as { msg_type?: unknown };
    return typeof h.msg_type === 'string' ? h.msg_type : undefined;
  } catch {
    return undefined;
  }
}
