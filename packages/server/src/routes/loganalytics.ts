/**
 * The Log Analytics query API: `POST|GET /v1/workspaces/{id}/query` with `query` and an
 * optional `timespan`, and `GET /v1/workspaces/{id}/metadata`. The wire format is the
 * protocols module's; this file reads the request, applies the time range and the limits.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { laMetadataResponse, laQueryResponse } from '../protocols/loganalytics.ts';
import { parsePrefer } from '../protocols/prefer.ts';
import { HttpError } from '../errors.ts';
import { runContext } from '../query/limits.ts';
import { parseTimespan, scopeQuery } from '../query/timespan.ts';
import type { ServerContext } from '../context.ts';

interface QueryInput { query?: unknown; timespan?: unknown }

export async function logAnalyticsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const queryConfig = { action: 'workspace.query', workspace: { param: 'id' }, dialect: 'loganalytics' } as const;

  const run = async (request: FastifyRequest, reply: FastifyReply, input: QueryInput) => {
    const ws = request.workspace!;
    if (typeof input.query !== 'string' || input.query.trim() === '') {
      throw new HttpError(400, 'BadArgumentError', "the request needs a 'query' (KQL text)");
    }
    if (input.timespan !== undefined && input.timespan !== null && typeof input.timespan !== 'string') {
      throw new HttpError(400, 'BadArgumentError', "'timespan' must be an ISO 8601 duration or interval string");
    }
    const prefer = parsePrefer(request.headers.prefer as string | undefined);
    const now = new Date();
    let text = input.query;
    let mapError = (e: unknown) => e;
    if (typeof input.timespan === 'string' && input.timespan.trim() !== '') {
      const scoped = scopeQuery(input.query, parseTimespan(input.timespan, now), await ws.schema());
      text = scoped.text;
      mapError = scoped.mapError;
    }
    const rc = runContext(request, reply, ctx, { askedMs: prefer.wait !== undefined ? prefer.wait * 1000 : undefined, now });
    try {
      const result = await ws.query(text, rc.options);
      const applied = [prefer.wait !== undefined ? `wait=${prefer.wait}` : '', prefer.includeStatistics ? 'include-statistics=true' : '', prefer.includeRender ? 'include-render=true' : ''].filter(Boolean);
      if (applied.length) reply.header('preference-applied', applied.join(','));
      return laQueryResponse(result, prefer);
    } catch (e) {
      throw mapError(e);
    } finally {
      rc.done();
    }
  };

  app.post<{ Params: { id: string }; Body: QueryInput }>('/v1/workspaces/:id/query', { config: queryConfig }, async (request, reply) => {
    const body = request.body;
    if (!body || typeof body !== 'object') throw new HttpError(400, 'BadArgumentError', 'the body must be JSON {"query": "...", "timespan": "P1D"}');
    return run(request, reply, body);
  });

  app.get<{ Params: { id: string }; Querystring: QueryInput }>('/v1/workspaces/:id/query', { config: queryConfig }, async (request, reply) => run(request, reply, request.query));

  app.get<{ Params: { id: string } }>('/v1/workspaces/:id/metadata', { config: { action: 'workspace.read', workspace: { param: 'id' }, dialect: 'loganalytics' } }, async (request) => laMetadataResponse(request.workspace!));
}
