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

/**
 * execute_request for a cell; metadata.cellId lets the server record the outputs into that cell.
 * The msg_id names the cell too (`<hex>_cell_<cell id>`): the kernel copies the request's header
 * into every reply and iopub message, so a page that did not send the request (the same notebook
 * after a reload) can tell which cell the kernel is busy with.
 */
export function executeRequest(code: string, cellId: string, session: string): JupyterMessage {
  const msg = makeMessage('shell', 'execute_request', {
    code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
  }, session, { cellId });
  msg.header.msg_id = `${newId()}${newId()}_cell_${cellId}`;
  return msg;
}

/** The cell an execute_request's msg_id names (see executeRequest); undefined for other clients' ids. */
export function cellOfRequest(msgId: unknown): string | undefined {
  if (typeof msgId !== 'string') return undefined;
  return /^[0-9a-f]+_cell_(.+)$/.exec(msgId)?.[1];
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
