/**
 * One WebSocket client of a kernel (/api/kernels/{id}/channels): client messages go to the
 * kernel on shell, control or stdin (in the order sent); iopub goes to every client; replies
 * and stdin requests go to the client whose session asked. An execute_request carrying
 * metadata.cellId, sent through a notebook's session, starts the recording of its outputs into
 * that cell (when the caller may write the notebook). Closing the socket never stops the kernel.
 */
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { ServerContext } from '../../context.ts';
import type { Kernel } from './kernel.ts';
import { splitPath, type Jupyter } from './access.ts';
import { decodeClientFrame, encodeForClient, V1_PROTOCOL, type Framing } from './ws-frames.ts';
import { makeMessage, type JupyterMessage } from './wire.ts';

export function bridge(socket: WebSocket, request: FastifyRequest, kernel: Kernel, jupyter: Jupyter, ctx: ServerContext): void {
  const framing: Framing = socket.protocol === V1_PROTOCOL ? V1_PROTOCOL : '';
  const query = request.query as Record<string, unknown>;
  /** the sessions this client speaks for: ?session_id= and every header.session it sent */
  const sessions = new Set<string>(typeof query.session_id === 'string' && query.session_id ? [query.session_id] : []);
  const toClient = (msg: JupyterMessage) => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(encodeForClient(msg, framing));
  };
  kernel.connections++;
  const unsubscribe = kernel.onMessage((msg) => {
    if (msg.channel === 'iopub') toClient(msg);
    else if (typeof msg.parent_header.session === 'string' && sessions.has(msg.parent_header.session)) toClient(msg);
  });
  if (kernel.state === 'dead') toClient(makeMessage('iopub', 'status', { execution_state: 'dead' }, kernel.session));

  let chain: Promise<void> = Promise.resolve();
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    let msg: JupyterMessage;
    try {
      msg = decodeClientFrame(Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer), isBinary, framing);
    } catch (e) {
      kernel.log.line(`a message from a client was refused: ${(e as Error).message}`);
      return;
    }
    if (typeof msg.header.session === 'string') sessions.add(msg.header.session);
    chain = chain.then(async () => {
      if (msg.channel === 'shell' && msg.header.msg_type === 'execute_request') await startRecording(msg, request, kernel, jupyter, ctx);
      await kernel.send(msg);
    }).catch((e: unknown) => {
      kernel.log.line(`sending ${msg.header.msg_type} to the kernel failed: ${(e as Error).message}`);
    });
  });
  socket.on('close', () => {
    unsubscribe();
    kernel.connections = Math.max(0, kernel.connections - 1);
  });
}

async function startRecording(msg: JupyterMessage, request: FastifyRequest, kernel: Kernel, jupyter: Jupyter, ctx: ServerContext): Promise<void> {
  const cellId = msg.metadata.cellId;
  const recorder = jupyter.kernels.recorder(kernel.id);
  const notebooks = jupyter.notebooks();
  if (typeof cellId !== 'string' || !recorder || !notebooks) return;
  for (const path of jupyter.sessions.pathsOfKernel(kernel.id)) {
    if (!path.endsWith('.ipynb')) continue;
    const { workspace, rest } = await splitPath(ctx, jupyter, path);
    if (!workspace) continue;
    const nb = await notebooks.readNotebook(path).catch(() => undefined);
    if (!nb?.cells.some((c) => c.id === cellId)) continue;
    const d = await ctx.authorize(request.principal!, 'notebook.write', { kind: 'notebook', workspace, path: rest });
    if (!d.allowed) {
      kernel.log.line(`outputs of cell ${cellId} are not recorded into ${path}: ${d.reason ?? 'not allowed'}`);
      return;
    }
    recorder.begin(msg.header.msg_id, path, cellId);
    return;
  }
}
