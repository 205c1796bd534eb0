/**
 * The browser app (packages/web/dist, built and committed, so no build at run time): `/` and
 * the app's own paths answer index.html, `/assets/*` the bundles. These routes are public (the
 * sign-in page loads before any token); the app then calls the API with its token.
 *
 * The fallback to index.html is for the app's paths only (`/lab`, `/tree`, `/nb/...` — what
 * Jupyter prints and what users type), not a catch-all: a `/*` route would answer unknown
 * `/api` and `/v1` URLs itself, bypassing the service's authentication and its 404.
 *
 * Every answer carries a Content-Security-Policy: scripts and workers only from this origin
 * (Monaco's workers are module chunks; blob: is allowed for workers only), styles inline for
 * Monaco, frames only from this origin, blob: or data: (notebook HTML renders in sandboxed
 * iframes), connections to this origin and its WebSockets; plus nosniff and no referrer.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { distDir } from '@huntbook/web';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** The app's own paths that load index.html (everything else unknown stays the service's 404). */
export const APP_PATHS = ['/', '/index.html', '/lab', '/lab/*', '/tree', '/tree/*', '/nb/*'];

function secure(reply: FastifyReply): void {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
}

export async function webRoutes(app: FastifyInstance, options: { dir?: string } = {}): Promise<void> {
  const root = options.dir ?? distDir;
  const built = existsSync(join(root, 'index.html'));
  await app.register(fastifyStatic, { root, serve: false });

  const index = async (_request: unknown, reply: FastifyReply) => {
    secure(reply);
    if (!built) {
      return reply.code(503).type('text/plain; charset=utf-8')
        .send(`the web app is not built: ${join(root, 'index.html')} is missing (run \`npm run build:web\`); the API works without it`);
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', root, { maxAge: 0, immutable: false });
  };
  for (const url of APP_PATHS) app.get(url, { config: { public: true } }, index);

  app.get<{ Params: { '*': string } }>('/assets/*', { config: { public: true } }, async (request, reply) => {
    secure(reply);
    // hashed file names: cached for good; @fastify/send refuses paths leaving the folder
    return reply.sendFile(request.params['*'], join(root, 'assets'), { maxAge: 365 * 24 * 3600 * 1000, immutable: true });
  });
}
