/**
 * Error replies in the caller's protocol: the OneAPI shape `{error: {code, message,
 * innererror}}` for Log Analytics and Huntbook's own routes, Kusto's `{error: {code, message,
 * @type, @message, @permanent}}` for /v1/rest and /v2/rest. Query and ingestion errors are
 * rendered by the protocol modules; this file covers the service's own refusals (401, 403,
 * 404, 413, 429 ...) and picks the renderer for an exception.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { laError } from './protocols/loganalytics.ts';
import { kustoError } from './protocols/kusto.ts';

/** Which protocol a route speaks, for its error shape. */
export type Dialect = 'loganalytics' | 'kusto1' | 'kusto2' | 'api';

/** A refusal by the service itself, with its HTTP status and a stable code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** more about where it happened (record number, line, column), as the OneAPI innererror */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The dialect of a request: the route's own, or guessed from the URL for unknown routes. */
export function dialectOf(request: FastifyRequest): Dialect {
  const d = request.routeOptions.config?.dialect;
  if (d) return d;
  const url = request.url;
  if (url.startsWith('/v2/rest/')) return 'kusto2';
  if (url.startsWith('/v1/rest/')) return 'kusto1';
  if (url.startsWith('/v1/')) return 'loganalytics';
  return 'api';
}

/** The body of a service refusal in a dialect. */
export function refusalBody(dialect: Dialect, code: string, message: string, details?: Record<string, unknown>): unknown {
  if (dialect === 'kusto1' || dialect === 'kusto2') {
    return { error: { code, message, '@type': `Huntbook.${code}`, '@message': message, '@permanent': code !== 'TooManyRequests' && code !== 'ServiceUnavailable', ...(details ? { '@context': details } : {}) } };
  }
  return { error: { code, message, ...(details ? { innererror: { code, ...details } } : {}) } };
}

/** Send an HttpError in the request's dialect. */
export function sendRefusal(request: FastifyRequest, reply: FastifyReply, e: HttpError): FastifyReply {
  for (const [k, v] of Object.entries(e.headers)) reply.header(k, v);
  // refused before its body was read (401, 403, 413 ...): don't read it, close the connection after the reply
  if (!request.raw.complete) reply.header('connection', 'close');
  return reply.code(e.status).send(refusalBody(dialectOf(request), e.code, e.message, e.details));
}

/** Send any error: service refusals as they are, the rest through the protocol's renderer. */
export function sendException(request: FastifyRequest, reply: FastifyReply, e: unknown): FastifyReply {
  if (e instanceof HttpError) return sendRefusal(request, reply, e);
  const limit = (e as { limit?: unknown } | null)?.limit;
  if (limit === 'queue') return sendRefusal(request, reply, new HttpError(429, 'TooManyRequests', (e as Error).message, { 'retry-after': '1' }));
  if (limit === 'closed') return sendRefusal(request, reply, new HttpError(503, 'ServiceUnavailable', (e as Error).message, { 'retry-after': '5' }));
  const d = dialectOf(request);
  const r = d === 'kusto1' || d === 'kusto2' ? kustoError(e, d === 'kusto1' ? 1 : 2) : laError(e);
  if (r.status >= 500) request.log.error({ err: e }, 'request failed');
  return reply.code(r.status).send(r.body);
}
