/**
 * What the kernel and session routes share: the managers, the kernel a request names (404
 * when there is none, 403 when the one authorize() says the caller may not use it), the
 * workspace a notebook path is in, and notebook path decisions.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../../context.ts';
import type { Action } from '../../auth/authorize.ts';
import { HttpError } from '../../errors.ts';
import type { NotebookFiles } from '../types.ts';
import type { Kernel } from './kernel.ts';
import type { KernelManager } from './manager.ts';
import type { SessionManager } from '../sessions/manager.ts';

export interface Jupyter {
  kernels: KernelManager;
  sessions: SessionManager;
  /** the contents side's notebooks, once it is there */
  notebooks(): NotebookFiles | undefined;
}

/** The notebooks of a context, when the contents side provides them. */
export function notebooksOf(ctx: ServerContext): NotebookFiles | undefined {
  return ctx.notebooks;
}

/** May the caller use this kernel? */
export async function mayUse(ctx: ServerContext, request: FastifyRequest, kernel: Kernel): Promise<{ allowed: boolean; reason?: string }> {
  return ctx.authorize(request.principal!, 'kernel.use', { kind: 'kernel', id: kernel.id, owner: kernel.owner });
}

/** The kernel of an id the caller may use; HttpError 404 or 403 otherwise. */
export async function usableKernel(ctx: ServerContext, jupyter: Jupyter, request: FastifyRequest, id: string): Promise<Kernel> {
  const kernel = jupyter.kernels.get(id);
  if (!kernel) throw new HttpError(404, 'KernelNotFound', `no kernel with id '${id}' (GET /api/kernels lists yours)`);
  const d = await mayUse(ctx, request, kernel);
  if (!d.allowed) throw new HttpError(403, 'Forbidden', `not allowed to use kernel '${id}'${d.reason ? `: ${d.reason}` : ''}`);
  return kernel;
}

/** The workspace and in-workspace path of a contents path; workspace undefined at the root or when unknown. */
export async function splitPath(ctx: ServerContext, jupyter: Jupyter, path: string): Promise<{ workspace?: string; rest: string }> {
  const clean = path.replace(/^\/+/, '');
  const named = jupyter.notebooks()?.workspaceOf(clean) ?? (clean.includes('/') ? clean.split('/')[0] : undefined);
  const rest = clean.split('/').slice(1).join('/');
  if (named && (await ctx.workspaces.get(named))) return { workspace: named, rest };
  return { rest };
}

/** Refuses (403) when the caller may not do `action` on the notebook path. */
export async function checkPath(ctx: ServerContext, request: FastifyRequest, action: Action, workspace: string, rest: string): Promise<void> {
  const d = await ctx.authorize(request.principal!, action, { kind: 'notebook', workspace, path: rest });
  if (!d.allowed) throw new HttpError(403, 'Forbidden', `not allowed to ${action} ${workspace}/${rest}${d.reason ? `: ${d.reason}` : ''}`);
}

/** The workspace a new kernel queries: the one of its notebook path, else the first there is. */
export async function kernelWorkspace(ctx: ServerContext, jupyter: Jupyter, path: string | undefined): Promise<string | undefined> {
  if (path) {
    const { workspace } = await splitPath(ctx, jupyter, path);
    if (workspace) return workspace;
  }
  return (await ctx.workspaces.list())[0]?.name;
}

/**
 * A request's JSON body. @jupyterlab/services sends JSON as text/plain (a string body gets
 * that type from fetch's Request), so a string body is parsed here; empty means {}.
 */
export function jsonBody(body: unknown, shape: string): Record<string, unknown> {
  let v = body;
  if (typeof v === 'string') {
    if (v.trim() === '') return {};
    try {
      v = JSON.parse(v);
    } catch (e) {
      throw new HttpError(400, 'BadRequest', `the body is not JSON (${(e as Error).message}); expected ${shape}`);
    }
  }
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new HttpError(400, 'BadRequest', `the body must be a JSON object: ${shape}`);
  return v as Record<string, unknown>;
}

/**
 * In a route plugin's scope: JSON and text bodies arrive as strings (for jsonBody), and an
 * empty one is no error (@jupyterlab/services sends DELETE and POST with
 * `Content-Type: application/json` and no body).
 */
export function acceptJupyterBodies(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));
}
