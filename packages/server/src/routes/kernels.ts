/**
 * Jupyter Server's kernel APIs: GET /api/kernelspecs[/{name}], /api/kernels (list, start),
 * /api/kernels/{id} (model, shut down), interrupt, restart, the WebSocket
 * /api/kernels/{id}/channels, and Huntbook's own GET /api/kernels/{id}/logs (text/plain).
 * A kernel is used only by the principal that started it (the one authorize() decides).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import { HttpError, sendException } from '../errors.ts';
import { kernelSpecs, DEFAULT_KERNEL } from '../jupyter/kernels/specs.ts';
import { NoSuchKernelSpec } from '../jupyter/kernels/manager.ts';
import { acceptJupyterBodies, jsonBody, kernelWorkspace, mayUse, usableKernel, type Jupyter } from '../jupyter/kernels/access.ts';
import { bridge } from '../jupyter/kernels/bridge.ts';

type IdParams = { Params: { id: string } };
const use = { action: 'kernel.use' as const, dialect: 'api' as const };

/** Starts a kernel for the caller (404 for an unknown kernelspec). */
export async function startKernel(ctx: ServerContext, jupyter: Jupyter, request: FastifyRequest, name: unknown, path: string | undefined) {
  if (name !== undefined && typeof name !== 'string') throw new HttpError(400, 'BadRequest', "'name' must be a kernelspec name (a string)");
  try {
    return await jupyter.kernels.start(name || DEFAULT_KERNEL, request.principal!.name, await kernelWorkspace(ctx, jupyter, path));
  } catch (e) {
    if (e instanceof NoSuchKernelSpec) throw new HttpError(404, 'KernelSpecNotFound', e.message);
    throw new HttpError(500, 'KernelStartFailed', `starting a kernel failed: ${(e as Error).message}`);
  }
}

export async function kernelRoutes(app: FastifyInstance, ctx: ServerContext, jupyter: Jupyter): Promise<void> {
  acceptJupyterBodies(app);
  app.get('/api/kernelspecs', { config: use }, async () => ({ default: DEFAULT_KERNEL, kernelspecs: Object.fromEntries(kernelSpecs()) }));

  app.get<{ Params: { name: string } }>('/api/kernelspecs/:name', { config: use }, async (request) => {
    const spec = kernelSpecs().get(request.params.name);
    if (!spec) throw new HttpError(404, 'KernelSpecNotFound', `no kernelspec named '${request.params.name}' (GET /api/kernelspecs lists them)`);
    return spec;
  });

  app.get('/api/kernels', { config: use }, async (request) => {
    const mine = [];
    for (const k of jupyter.kernels.list()) if ((await mayUse(ctx, request, k)).allowed) mine.push(k.model());
    return mine;
  });

  app.post('/api/kernels', { config: use }, async (request, reply) => {
    const body = jsonBody(request.body, '{"name": "huntbook", "path": "..."}');
    const kernel = await startKernel(ctx, jupyter, request, body.name, typeof body.path === 'string' ? body.path : undefined);
    return reply.code(201).header('location', `/api/kernels/${kernel.id}`).send(kernel.model());
  });

  app.get<IdParams>('/api/kernels/:id', { config: use }, async (request) => (await usableKernel(ctx, jupyter, request, request.params.id)).model());

  app.delete<IdParams>('/api/kernels/:id', { config: use }, async (request, reply) => {
    const kernel = await usableKernel(ctx, jupyter, request, request.params.id);
    await jupyter.kernels.shutdown(kernel.id);
    return reply.code(204).send();
  });

  app.post<IdParams>('/api/kernels/:id/interrupt', { config: use }, async (request, reply) => {
    const kernel = await usableKernel(ctx, jupyter, request, request.params.id);
    if (kernel.state === 'dead') throw new HttpError(409, 'KernelDead', `kernel '${kernel.id}' is dead: restart it`);
    await kernel.interrupt();
    return reply.code(204).send();
  });

  app.post<IdParams>('/api/kernels/:id/restart', { config: use }, async (request) => {
    const kernel = await usableKernel(ctx, jupyter, request, request.params.id);
    try {
      await kernel.restart();
    } catch (e) {
      throw new HttpError(500, 'KernelRestartFailed', `restarting kernel '${kernel.id}' failed: ${(e as Error).message}`);
    }
    return kernel.model();
  });

  app.get<IdParams>('/api/kernels/:id/logs', { config: use }, async (request, reply) => {
    const kernel = await usableKernel(ctx, jupyter, request, request.params.id);
    return reply.type('text/plain; charset=utf-8').send(kernel.log.text());
  });

  app.get<IdParams>('/api/kernels/:id/channels', {
    websocket: true,
    config: use,
    // before the upgrade: an unknown kernel is a 404, another's a 403 (HTTP answers, no socket)
    preHandler: async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
      try {
        await usableKernel(ctx, jupyter, request, request.params.id);
      } catch (e) {
        return sendException(request, reply, e);
      }
    },
  }, (socket, request) => {
    const kernel = jupyter.kernels.get(request.params.id);
    if (!kernel) { socket.close(1011, 'the kernel is gone'); return; }
    bridge(socket, request, kernel, jupyter, ctx);
  });
}
