/**
 * Authentication and authorization for every route, through Fastify hooks on the root
 * instance (so they cover every route and the 404 handler):
 * - onRoute: a route must declare the action it needs (`config.action`) or be explicitly
 *   public (`config.public`); anything else fails at startup (fail closed).
 * - onRequest: the token (`Authorization: Bearer <t>`, `Authorization: token <t>` or
 *   `?token=<t>`, Jupyter's forms) must be valid, else 401 with WWW-Authenticate.
 * - preHandler (after the body is parsed, before any handler): the route's workspace is
 *   looked up and `authorize(principal, action, resource)` decides; 403 when not allowed,
 *   404 for an unknown workspace the caller may otherwise act on.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Workspace } from '@huntbook/store';
import { ACTIONS, type Action, type Authorizer, type Resource } from './authorize.ts';
import type { Principal, TokenStore } from './tokens.ts';
import { HttpError, sendRefusal, type Dialect } from '../errors.ts';

/** Where a route names its workspace. */
export type WorkspaceRef =
  | { readonly param: string }
  | { readonly body: string; readonly optional?: boolean }
  | ((request: FastifyRequest) => string | undefined);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the action this route needs; every non-public route must declare one */
    action?: Action;
    /** the route answers without a token (only for what clients fetch before signing in) */
    public?: boolean;
    /** where the route names the workspace it acts on; absent: the service as a whole */
    workspace?: WorkspaceRef;
    /** the protocol of the route, for error shapes */
    dialect?: Dialect;
  }
  interface FastifyRequest {
    /** the caller, set by the onRequest hook */
    principal?: Principal;
    /** the workspace the route acts on, set by the preHandler hook */
    workspace?: Workspace;
  }
}

export interface AuthOptions {
  tokens: TokenStore;
  authorize: Authorizer;
  /** a workspace by name or id */
  getWorkspace(ref: string): Promise<Workspace | undefined>;
}

/** The token a request presents, or undefined. */
export function presentedToken(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (typeof h === 'string') {
    const m = /^(?:Bearer|token)[ \t]+(\S+)[ \t]*$/i.exec(h);
    return m ? m[1] : undefined;
  }
  const q = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof q === 'string' && q !== '' ? q : undefined;
}

function workspaceRefOf(ref: WorkspaceRef, request: FastifyRequest): { ref: string | undefined; optional: boolean } {
  if (typeof ref === 'function') return { ref: ref(request), optional: false };
  if ('param' in ref) {
    const v = (request.params as Record<string, unknown> | undefined)?.[ref.param];
    return { ref: typeof v === 'string' ? v : undefined, optional: false };
  }
  const body = request.body;
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[ref.body] : undefined;
  return { ref: typeof v === 'string' && v !== '' ? v : undefined, optional: ref.optional === true };
}

/** Install the hooks on the root instance, before any route is registered. */
export function installAuth(app: FastifyInstance, options: AuthOptions): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const cfg = route.config ?? {};
    const where = `${String(route.method)} ${route.url}`;
    if (cfg.public === true) {
      if (cfg.action !== undefined) throw new Error(`route ${where} is public and declares an action: choose one`);
      return;
    }
    if (cfg.action === undefined || !(ACTIONS as readonly string[]).includes(cfg.action)) {
      throw new Error(`route ${where} declares no known action (config.action): every route needs one, or config.public`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.public === true) return;
    const token = presentedToken(request);
    const challenge = 'Bearer realm="huntbook"';
    if (token === undefined) {
      return sendRefusal(request, reply, new HttpError(401, 'Unauthorized', 'this endpoint needs a token: Authorization: Bearer <token> (make one with `huntbook token create`)', { 'www-authenticate': challenge }));
    }
    const principal = options.tokens.verify(token);
    if (!principal) {
      return sendRefusal(request, reply, new HttpError(401, 'Unauthorized', 'the token is not valid (unknown or revoked)', { 'www-authenticate': `${challenge}, error="invalid_token"` }));
    }
    request.principal = principal;
  });

  app.addHook('preHandler', async (request, reply) => {
    const cfg = request.routeOptions.config ?? {};
    if (cfg.public === true) return;
    // Fail closed: no principal or no action here means a hook or a route is missing.
    if (!request.principal || cfg.action === undefined) {
      if (request.is404) return; // the not-found handler answers 404 to authenticated callers
      return sendRefusal(request, reply, new HttpError(500, 'InternalServerError', `route ${request.method} ${request.routeOptions.url ?? request.url} has no authorization rule`));
    }
    let resource: Resource = { kind: 'service' };
    let missing: string | undefined;
    if (cfg.workspace) {
      const { ref, optional } = workspaceRefOf(cfg.workspace, request);
      if (ref === undefined) {
        if (!optional) return sendRefusal(request, reply, new HttpError(400, 'BadRequest', 'the request names no workspace (database)'));
      } else {
        const ws = await options.getWorkspace(ref);
        request.workspace = ws;
        resource = { kind: 'workspace', ref, id: ws?.info.id, name: ws?.info.name };
        if (!ws) missing = ref;
      }
    }
    const decision = await options.authorize(request.principal, cfg.action, resource);
    if (!decision.allowed) {
      return sendRefusal(request, reply, new HttpError(403, 'Forbidden', `not allowed to ${cfg.action}${resource.kind === 'workspace' ? ` on workspace '${resource.ref}'` : ''}${decision.reason ? `: ${decision.reason}` : ''}`));
    }
    if (missing !== undefined) {
      return sendRefusal(request, reply, new HttpError(404, 'WorkspaceNotFound', `no workspace named '${missing}' (or with that id)`));
    }
  });
}
