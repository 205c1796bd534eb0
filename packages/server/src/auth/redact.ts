/**
 * Tokens never reach the logs: a token sent as `?token=` (Jupyter's form) is part of the URL,
 * which Fastify logs with every request; these serializers write the URL with its value hidden.
 */
import type { FastifyServerOptions } from 'fastify';

/** The URL with the value of every `token` query parameter replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  return url.slice(0, q) + url.slice(q).replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

interface LoggedRequest { method: string; url: string; host?: string; socket?: { remoteAddress?: string; remotePort?: number } }

/** Fastify's logger option with the request serializer that redacts the URL (false stays false). */
export function redactingLogger(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    serializers: {
      ...base.serializers,
      req: (r: LoggedRequest) => ({ method: r.method, url: redactUrl(r.url), host: r.host, remoteAddress: r.socket?.remoteAddress, remotePort: r.socket?.remotePort }),
    },
  };
}
