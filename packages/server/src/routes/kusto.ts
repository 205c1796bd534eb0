/**
 * Kusto REST: `POST /v1/rest/query`, `POST /v2/rest/query`, `POST /v1/rest/mgmt` with
 * `{db, csl, properties}`; the database is a workspace. `GET /v1/rest/auth/metadata` is
 * public and answers 404 so azure-kusto-data falls back to its default cloud settings.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Workspace } from '@huntbook/store';
import { kustoMgmt, kustoV1Response, kustoV2Response } from '../protocols/kusto.ts';
import { HttpError } from '../errors.ts';
import { kustoProperties, runContext } from '../query/limits.ts';
import type { ServerContext } from '../context.ts';
import { visibleWorkspaces } from '../auth/visible.ts';

interface KustoBody { db?: unknown; csl?: unknown; properties?: unknown }

function cslOf(request: FastifyRequest<{ Body: KustoBody }>): string {
  const body = request.body;
  if (!body || typeof body !== 'object') throw new HttpError(400, 'BadRequest', 'the body must be JSON {"db": "...", "csl": "..."}');
  if (typeof body.csl !== 'string' || body.csl.trim() === '') throw new HttpError(400, 'BadRequest', "the request needs 'csl' (the query or command text)");
  return body.csl;
}

export async function kustoRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/v1/rest/auth/metadata', { config: { public: true, dialect: 'kusto1' } }, async (_request, reply) => {
    return reply.code(404).send({ error: { code: 'NotFound', message: 'no cloud metadata: use the default settings' } });
  });

  const query = (version: 1 | 2) => async (request: FastifyRequest<{ Body: KustoBody }>, reply: FastifyReply) => {
    const csl = cslOf(request);
    const ws = request.workspace!;
    const props = kustoProperties(request.body.properties);
    const clientRequestId = request.headers['x-ms-client-request-id'];
    const rc = runContext(request, reply, ctx, { askedMs: props.askedMs, parameters: props.parameters });
    try {
      const result = await ws.query(csl, rc.options);
      return version === 2
        ? kustoV2Response(result, { database: ws.info.name, clientRequestId: typeof clientRequestId === 'string' ? clientRequestId : undefined })
        : kustoV1Response(result);
    } finally {
      rc.done();
    }
  };
  app.post('/v1/rest/query', { config: { action: 'workspace.query', workspace: { body: 'db' }, dialect: 'kusto1' } }, query(1));
  app.post('/v2/rest/query', { config: { action: 'workspace.query', workspace: { body: 'db' }, dialect: 'kusto2' } }, query(2));

  app.post<{ Body: KustoBody }>('/v1/rest/mgmt', { config: { action: 'workspace.read', workspace: { body: 'db', optional: true }, dialect: 'kusto1' } }, async (request) => {
    const csl = cslOf(request);
    const principal = request.principal!;
    // other databases a command names are read through the same authorization function
    const readable = async (ws: Workspace | undefined): Promise<Workspace | undefined> =>
      ws && (await visibleWorkspaces(ctx.authorize, principal, [ws.info])).length ? ws : undefined;
    const visible = await visibleWorkspaces(ctx.authorize, principal, await ctx.workspaces.list());
    return kustoMgmt(csl, { database: request.workspace, workspaces: visible, getWorkspace: async (name) => readable(await ctx.workspaces.get(name)) });
  });
}
