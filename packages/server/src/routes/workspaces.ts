/**
 * Huntbook's own workspace API: `GET /api/workspaces` (those the caller may read),
 * `GET /api/workspaces/{w}` (info and tables: columns, rows, size, first and last
 * TimeGenerated) and `POST /api/workspaces` (create).
 */
import type { FastifyInstance } from 'fastify';
import { WORKSPACE_NAME, WorkspaceExistsError, type CreateWorkspaceOptions, type Workspace } from '@huntbook/store';
import { HttpError } from '../errors.ts';
import type { ServerContext } from '../context.ts';
import { visibleWorkspaces } from '../auth/visible.ts';

interface CreateBody { name?: unknown; description?: unknown; retentionDays?: unknown; standardTables?: unknown }

function createOptions(body: CreateBody | undefined): CreateWorkspaceOptions {
  if (!body || typeof body !== 'object') throw new HttpError(400, 'BadArgumentError', 'the body must be JSON {"name": "...", "description": "...", "retentionDays": 90, "standardTables": true}');
  const { name, description, retentionDays, standardTables } = body;
  if (typeof name !== 'string' || !WORKSPACE_NAME.test(name)) throw new HttpError(400, 'BadArgumentError', `'name' must be 1 to 63 letters, digits, '_' or '-', starting with a letter or digit${typeof name === 'string' ? `, not '${name}'` : ''}`);
  if (description !== undefined && typeof description !== 'string') throw new HttpError(400, 'BadArgumentError', "'description' must be a string");
  if (retentionDays !== undefined && !(typeof retentionDays === 'number' && Number.isInteger(retentionDays) && retentionDays > 0)) throw new HttpError(400, 'BadArgumentError', "'retentionDays' must be a positive whole number of days");
  if (standardTables !== undefined && typeof standardTables !== 'boolean' && !(Array.isArray(standardTables) && standardTables.every((t) => typeof t === 'string'))) {
    throw new HttpError(400, 'BadArgumentError', "'standardTables' must be true, false or a list of table names");
  }
  return { name, description, retentionDays, standardTables: standardTables as boolean | string[] | undefined };
}

export async function workspaceRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/api/workspaces', { config: { action: 'workspace.read', dialect: 'api' } }, async (request) => {
    return { workspaces: await visibleWorkspaces(ctx.authorize, request.principal!, await ctx.workspaces.list()) };
  });

  app.get('/api/workspaces/:w', { config: { action: 'workspace.read', workspace: { param: 'w' }, dialect: 'api' } }, async (request) => {
    const ws = request.workspace!;
    return { ...ws.info, tables: await ws.tables() };
  });

  app.post<{ Body: CreateBody }>('/api/workspaces', { config: { action: 'workspace.admin', dialect: 'api' } }, async (request, reply) => {
    const opts = createOptions(request.body);
    let ws: Workspace;
    try {
      ws = await ctx.workspaces.create(opts);
    } catch (e) {
      // the store's own checks (the name taken meanwhile, retention range, standard table names)
      if (e instanceof WorkspaceExistsError) throw new HttpError(409, 'WorkspaceExists', e.message);
      if (e instanceof RangeError || e instanceof TypeError) throw new HttpError(400, 'BadArgumentError', e.message);
      throw e;
    }
    return reply.code(201).header('location', `/api/workspaces/${encodeURIComponent(ws.info.name)}`).send(ws.info);
  });
}
