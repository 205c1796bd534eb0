/**
 * A graceful close: running queries are cancelled, connections with no request in progress
 * (keep-alive ones, and ones a client opened but never used, which Node's own idle check
 * keeps until the headers timeout) are closed at once, and requests in progress get a grace
 * period to finish before their connections are closed too.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

export function installGracefulClose(app: FastifyInstance, inflight: Set<AbortController>, graceMs = 10_000): void {
  const sockets = new Set<Socket>();
  const busy = new Map<Socket, number>();
  let timer: NodeJS.Timeout | undefined;

  app.addHook('onReady', async () => {
    app.server.on(app.huntbook.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => { sockets.delete(socket); busy.delete(socket); });
    });
  });
  app.addHook('onRequest', async (request, reply) => {
    const socket = request.raw.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    reply.raw.once('close', () => {
      const n = (busy.get(socket) ?? 1) - 1;
      if (n > 0) busy.set(socket, n);
      else busy.delete(socket);
    });
  });
  app.addHook('preClose', async () => {
    for (const c of inflight) c.abort();
    for (const s of sockets) if (!busy.has(s)) s.destroy();
    timer = setTimeout(() => { for (const s of sockets) s.destroy(); }, graceMs);
    timer.unref();
  });
  app.addHook('onClose', async () => { if (timer) clearTimeout(timer); });
}
