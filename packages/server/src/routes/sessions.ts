/**
 * Jupyter Server's session API: GET/POST /api/sessions, GET/PATCH/DELETE /api/sessions/{id}.
 * A session binds a path (a notebook) to a kernel ({name}: a new one, {id}: one the caller
 * may use); POST for a path that has a session returns that session. Deleting a session
 * shuts its kernel down (as Jupyter Server does), unless another session uses it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { acceptJupyterBodies, checkPath, jsonBody, mayUse, splitPath, usableKernel, type Jupyter } from '../jupyter/kernels/access.ts';
import type { Session } from '../jupyter/sessions/manager.ts';
import { startKernel } from './kernels.ts';

interface SessionBody { path?: unknown; name?: unknown; type?: unknown; kernel?: { name?: unknown; id?: unknown } | null; notebook?: { path?: unknown } }
type IdParams = { Params: { id: string } };
const use = { action: 'kernel.use' as const, dialect: 'api' as const };

function bodyOf(body: unknown): SessionBody {
  const b = jsonBody(body, '{"path": "...", "name": "...", "type": "notebook", "kernel": {"name": "huntbook"}}') as SessionBody;
  for (const f of ['path', 'name', 'type'] as const) if (b[f] !== undefined && typeof b[f] !== 'string') throw new HttpError(400, 'BadRequest', `'${f}' must be a string`);
  if (b.kernel !== undefined && b.kernel !== null && typeof b.kernel !== 'object') throw new HttpError(400, 'BadRequest', "'kernel' must be {\"name\": ...} or {\"id\": ...}");
  return b;
}

export async function sessionRoutes(app: FastifyInstance, ctx: ServerContext, jupyter: Jupyter): Promise<void> {
  acceptJupyterBodies(app);
  const { sessions, kernels } = jupyter;

  /** the session of an id whose kernel the caller may use */
  async function usableSession(request: FastifyRequest, id: string): Promise<Session> {
    const s = sessions.get(id);
    if (!s) throw new HttpError(404, 'SessionNotFound', `no session with id '${id}' (GET /api/sessions lists yours)`);
    await usableKernel(ctx, jupyter, request, s.kernelId);
    return s;
  }

  /** the kernel a body asks for: an existing one ({id}) or a new one ({name}) */
  async function kernelFor(request: FastifyRequest, kernel: SessionBody['kernel'], path: string) {
    if (kernel && typeof kernel.id === 'string' && kernel.id) return usableKernel(ctx, jupyter, request, kernel.id);
    return startKernel(ctx, jupyter, request, kernel?.name, path);
  }

  async function mayRead(request: FastifyRequest, path: string): Promise<void> {
    const { workspace, rest } = await splitPath(ctx, jupyter, path);
    if (workspace) await checkPath(ctx, request, 'notebook.read', workspace, rest);
  }

  /** shut a kernel down when no session uses it any more */
  async function release(kernelId: string): Promise<void> {
    if (!sessions.list().some((s) => s.kernelId === kernelId)) await kernels.shutdown(kernelId);
  }

  app.get('/api/sessions', { config: use }, async (request) => {
    const mine = [];
    for (const s of sessions.list()) {
      const k = kernels.get(s.kernelId);
      if (k && (await mayUse(ctx, request, k)).allowed) mine.push(sessions.model(s));
    }
    return mine;
  });

  app.post('/api/sessions', { config: use }, async (request, reply) => {
    const b = bodyOf(request.body);
    const path = typeof b.path === 'string' ? b.path : typeof b.notebook?.path === 'string' ? b.notebook.path : undefined;
    if (path === undefined || path === '') throw new HttpError(400, 'BadRequest', "'path' is required: the notebook (or file) the session is for");
    await mayRead(request, path);
    let s = sessions.byPath(path);
    if (s) {
      await usableKernel(ctx, jupyter, request, s.kernelId);
    } else {
      const kernel = await kernelFor(request, b.kernel, path);
      // another request may have made one for this path while the kernel started
      s = sessions.byPath(path) ?? sessions.create({ path, name: typeof b.name === 'string' ? b.name : '', type: typeof b.type === 'string' ? b.type : 'notebook', kernelId: kernel.id });
      if (s.kernelId !== kernel.id && !b.kernel?.id) await kernels.shutdown(kernel.id);
    }
    return reply.code(201).header('location', `/api/sessions/${s.id}`).send(sessions.model(s));
  });

  app.get<IdParams>('/api/sessions/:id', { config: use }, async (request) => sessions.model(await usableSession(request, request.params.id)));

  app.patch<IdParams>('/api/sessions/:id', { config: use }, async (request) => {
    const s = await usableSession(request, request.params.id);
    const b = bodyOf(request.body);
    if (typeof b.path === 'string' && b.path !== s.path) {
      if (!b.path) throw new HttpError(400, 'BadRequest', "'path' must not be empty");
      const other = sessions.byPath(b.path);
      if (other && other.id !== s.id) throw new HttpError(409, 'SessionExists', `the path '${b.path}' has a session already (${other.id})`);
      await mayRead(request, b.path);
      s.path = b.path;
    }
    if (typeof b.name === 'string') s.name = b.name;
    if (typeof b.type === 'string') s.type = b.type;
    if (b.kernel && (typeof b.kernel.id === 'string' || typeof b.kernel.name === 'string') && b.kernel.id !== s.kernelId) {
      const old = s.kernelId;
      const kernel = await kernelFor(request, b.kernel, s.path);
      s.kernelId = kernel.id;
      await release(old);
    }
    return sessions.model(s);
  });

  app.delete<IdParams>('/api/sessions/:id', { config: use }, async (request, reply) => {
    const s = await usableSession(request, request.params.id);
    sessions.delete(s.id);
    await release(s.kernelId);
    return reply.code(204).send();
  });
}
