/**
 * Jupyter messages over the kernel WebSocket in the JSON framing (Jupyter Server's
 * default: one JSON text frame per message, with its `channel`). Pure, so it is tested alone.
 */
import { newId } from './model.ts';

export type Channel = 'shell' | 'iopub' | 'stdin' | 'control';

export interface JupyterMessage {
  header: { msg_id: string; msg_type: string; session: string; username: string; date: string; version: string };
  parent_header: Partial<JupyterMessage['header']>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
  channel: Channel;
  buffers: unknown[];
}

export function makeMessage(channel: Channel, msgType: string, content: Record<string, unknown>, session: string, metadata: Record<string, unknown> = {}): JupyterMessage {
  return {
    header: { msg_id: newId() + newId(), msg_type: msgType, session, username: 'huntbook-web', date: new Date().toISOString(), version: '5.3' },
    parent_header: {}, metadata, content, channel, buffers: [],
  };
}

/** execute_request for a cell; metadata.cellId lets the server record the outputs into that cell. */
export function executeRequest(code: string, cellId: string, session: string): JupyterMessage {
  return makeMessage('shell', 'execute_request', {
    code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
  }, session, { cellId });
}

/** Parse one frame; undefined when it is not a Jupyter JSON message. */
export function parseMessage(data: unknown): JupyterMessage | undefined {
  if (typeof data !== 'string') return undefined;
  let m: unknown;
  try { m = JSON.parse(data); } catch { return undefined; }
  const x = m as Partial<JupyterMessage>;
  if (!x || typeof x !== 'object' || !x.header || typeof x.header.msg_type !== 'string') return undefined;
  return { parent_header: {}, metadata: {}, content: {}, buffers: [], channel: 'iopub', ...x } as JupyterMessage;
}
