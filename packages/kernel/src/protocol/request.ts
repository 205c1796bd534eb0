/** One request being answered: its message, and how to reply to it and publish on its behalf. */
import type { JsonObject, Message } from './messages.ts';

export interface Request {
  msg: Message;
  /** the socket it came on */
  channel: 'shell' | 'control';
  /** sends the reply (msg_type derived from the request's) to the sender */
  reply(content: JsonObject): Promise<void>;
  /** publishes on iopub with this request as parent */
  publish(msgType: string, content: JsonObject): Promise<void>;
}
