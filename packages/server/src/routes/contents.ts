/**
 * Jupyter Server's contents API, /api/contents (see jupyter/contents/): GET a model, PUT to
 * save or upload, POST a new untitled entry or a copy, PATCH to rename, DELETE, and
 * checkpoints at .../checkpoints[/id]. Errors carry Jupyter's top-level `message` (what
 * @jupyterlab/services shows) beside Huntbook's `error: {code, message}`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.ts';
import type { Principal } from '../auth/tokens.ts';
import type { ContentsCore } from '../jupyter/contents/index.ts';
import { getModel, type GetOptions } from '../jupyter/contents/read.ts';
import { save } from '../jupyter/contents/save.ts';
import { copyInto, newUntitled } from '../jupyter/contents/create.ts';
import { deletePath, renamePath } from '../jupyter/contents/move.ts';
import { createCheckpoint, deleteCheckpoint, listCheckpoints, restoreCheckpoint } from '../jupyter/contents/checkpoints.ts';

/** The largest contents body (a notebook with its outputs, or an upload chunk). */
const CONTENTS_BODY_LIMIT = 256 * 1024 * 1024;

const BASE = '/api/contents';

/** What the URL names: a path, its checkpoints, or one checkpoint. */
interface Target {
  path: string;
  checkpoints: boolean;
  id?: string;
}

function target(request: FastifyRequest): Target {
  const raw = (request.params as Record<string, string | undefined>)['*'] ?? '';
  const m = /^(?:(.*)\/)?checkpoints(?:\/([^/]+))?$/.exec(raw);
  if (m) return { path: m[1] ?? '', checkpoints: true, id: m[2] };
  return { path: raw, checkpoints: false };
}

function location(path: string): string {
  return `${BASE}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

function flag(q: Record<string, unknown>, key: string, dflt: boolean): boolean {
  const v = q[key];
  if (v === undefined) return dflt;
  if (v === '0' || v === '1') return v === '1';
  throw new HttpError(400, 'BadQuery', `the query parameter ${key}=${String(v)} must be 0 or 1`);
}

function getOptions(q: Record<string, unknown>): GetOptions {
  const type = q.type;
  if (type !== undefined && type !== 'notebook' && type !== 'file' && type !== 'directory') throw new HttpError(400, 'BadQuery', `type=${String(type)} is not one of notebook, file, directory`);
  const format = q.format;
  if (format !== undefined && format !== 'text' && format !== 'base64') throw new HttpError(400, 'BadQuery', `format=${String(format)} is not one of text, base64`);
  return { content: flag(q, 'content', true), hash: flag(q, 'hash', false), type: type as GetOptions['type'], format: format as GetOptions['format'] };
}

function bodyObject(body: unknown, what: string): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'BadModel', `the body of ${what} must be a JSON object`);
  return body as Record<string, unknown>;
}

function notHere(method: string, t: Target): HttpError {
  return new HttpError(405, 'MethodNotAllowed', `${method} is not available on ${t.id !== undefined ? 'a checkpoint' : 'checkpoints'} of '${t.path}'`);
}

export async function contentsRoutes(app: FastifyInstance, core: ContentsCore): Promise<void> {
  // Clients send JSON with any content type (or none, or an empty body): parse it here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: CONTENTS_BODY_LIMIT }, (_req, text, done) => {
    const s = String(text);
    if (s.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(s));
    } catch (e) {
      done(new HttpError(400, 'BadJson', `the body is not JSON: ${(e as Error).message}`), undefined);
    }
  });
  // Jupyter's error shape: {message, reason}; @jupyterlab/services reads `message`.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
    try {
      const b = JSON.parse(payload) as { error?: { code?: string; message?: string } };
      if (b?.error?.message !== undefined) return JSON.stringify({ message: b.error.message, reason: b.error.code ?? null, ...b });
    } catch {
      // not JSON: leave it
    }
    return payload;
  });

  const who = (r: FastifyRequest): Principal => r.principal!;
  const at = (path: string, where = 'the URL path') => core.layout.resolve(path, where);
  const read = { action: 'notebook.read' as const, dialect: 'api' as const };
  const write = { action: 'notebook.write' as const, dialect: 'api' as const };

  const get = async (request: FastifyRequest, reply: FastifyReply) => {
    const t = target(request);
    if (t.checkpoints) {
      if (t.id !== undefined) throw notHere('GET', t);
      return reply.send(await listCheckpoints(core, who(request), at(t.path)));
    }
    return reply.send(await getModel(core, who(request), at(t.path), getOptions(request.query as Record<string, unknown>)));
  };
  app.get(BASE, { config: read }, get);
  app.get(`${BASE}/*`, { config: read }, get);

  const post = async (request: FastifyRequest, reply: FastifyReply) => {
    const t = target(request);
    if (t.checkpoints && t.id === undefined) {
      const cp = await createCheckpoint(core, who(request), at(t.path));
      return reply.code(201).header('location', `${location(t.path)}/checkpoints/${cp.id}`).send(cp);
    }
    if (t.checkpoints) {
      await restoreCheckpoint(core, who(request), at(t.path), t.id!);
      return reply.code(204).send();
    }
    const body = bodyObject(request.body, `POST ${BASE}/${t.path}`);
    const model = body.copy_from !== undefined
      ? await copyInto(core, who(request), at(t.path), body.copy_from)
      : await newUntitled(core, who(request), at(t.path), body);
    return reply.code(201).header('location', location(model.path)).send(model);
  };
  app.post(BASE, { config: write, bodyLimit: CONTENTS_BODY_LIMIT }, post);
  app.post(`${BASE}/*`, { config: write, bodyLimit: CONTENTS_BODY_LIMIT }, post);

  app.put(`${BASE}/*`, { config: write, bodyLimit: CONTENTS_BODY_LIMIT }, async (request, reply) => {
    const t = target(request);
    if (t.checkpoints) throw notHere('PUT', t);
    const { model, created } = await save(core, who(request), at(t.path), request.body);
    if (created) reply.code(201).header('location', location(model.path));
    return reply.send(model);
  });

  app.patch(`${BASE}/*`, { config: write }, async (request, reply) => {
    const t = target(request);
    if (t.checkpoints) throw notHere('PATCH', t);
    const body = bodyObject(request.body, `PATCH ${BASE}/${t.path}`);
    const model = await renamePath(core, who(request), at(t.path), body.path);
    return reply.header('location', location(model.path)).send(model);
  });

  app.delete(`${BASE}/*`, { config: write }, async (request, reply) => {
    const t = target(request);
    if (t.checkpoints && t.id === undefined) throw notHere('DELETE', t);
    if (t.checkpoints) await deleteCheckpoint(core, who(request), at(t.path), t.id!);
    else await deletePath(core, who(request), at(t.path));
    return reply.code(204).send();
  });
}
