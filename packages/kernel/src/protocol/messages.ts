/**
 * Typed Jupyter messages (messaging protocol 5.3): the header, the message as the kernel sees
 * it once decoded, and the helper that makes a new header for a reply or a broadcast.
 */
import { randomUUID } from 'node:crypto';

export const PROTOCOL_VERSION = '5.3';

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export type JsonObject = Record<string, unknown>;

/** A decoded message: routing identities, the four JSON parts and the binary buffers. */
export interface Message<C extends JsonObject = JsonObject> {
  identities: Buffer[];
  header: Header;
  /** the request this message answers or was caused by; {} when none */
  parent_header: Header | Record<string, never>;
  metadata: JsonObject;
  content: C;
  buffers: Buffer[];
}

/** Who this kernel is in the headers it writes. */
export interface Session {
  id: string;
  username: string;
}

export function newSession(username: string): Session {
  return { id: randomUUID(), username };
}

export function newHeader(session: Session, msgType: string): Header {
  return {
    msg_id: randomUUID(),
    session: session.id,
    username: session.username,
    date: new Date().toISOString(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}

/** A message from this kernel; `parent` is the request it belongs to, if any. */
export function newMessage(
  session: Session,
  msgType: string,
  content: JsonObject,
  parent?: Message,
  identities: Buffer[] = [],
): Message {
  return {
    identities,
    header: newHeader(session, msgType),
    parent_header: parent ? parent.header : {},
    metadata: {},
    content,
    buffers: [],
  };
}

/** The reply type of a request type: execute_request -> execute_reply. */
export function replyType(requestType: string): string {
  return requestType.endsWith('_request') ? `${requestType.slice(0, -'_request'.length)}_reply` : `${requestType}_reply`;
}
