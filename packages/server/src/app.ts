/**
 * The Huntbook service: one Fastify instance with authentication and the one authorization
 * function on every route (./auth/hook.ts), the Log Analytics and Kusto query APIs, the
 * workspace API and ingestion. On first start (no workspace yet) it creates the `demo`
 * workspace filled by the sample generator, and the first token.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { WorkspaceStore, generateSample } from '@huntbook/store';
import { authorize as defaultAuthorize, type Authorizer } from './auth/authorize.ts';
import { installAuth } from './auth/hook.ts';
import { TokenStore } from './auth/tokens.ts';
import { redactingLogger } from './auth/redact.ts';
import { HttpError, sendException, sendRefusal } from './errors.ts';
import { DEFAULT_LIMITS, type QueryLimits } from './query/limits.ts';
import type { ServerContext } from './context.ts';
import { installGracefulClose } from './shutdown.ts';
import { Slots } from './slots.ts';
import { logAnalyticsRoutes } from './routes/loganalytics.ts';
import { kustoRoutes } from './routes/kusto.ts';
import { workspaceRoutes } from './routes/workspaces.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { webRoutes } from './routes/web.ts';
import websocket from '@fastify/websocket';
import { KernelManager } from './jupyter/kernels/manager.ts';
import { SessionManager } from './jupyter/sessions/manager.ts';
import { notebooksOf, type Jupyter } from './jupyter/kernels/access.ts';
import { V1_PROTOCOL } from './jupyter/kernels/ws-frames.ts';
import { kernelRoutes } from './routes/kernels.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { createContents } from './jupyter/contents/index.ts';
import { contentsRoutes } from './routes/contents.ts';
import type { NotebookFiles } from './jupyter/types.ts';
import { historyRoutes } from './routes/history.ts';

export interface ServerOptions {
  /** where workspaces and huntbook.sqlite live */
  dataDir: string;
  /** default 127.0.0.1 (used by listen) */
  host?: string;
  /** default 8080; 0 picks a free port (used by listen) */
  port?: number;
  /** PEM certificate and key: serve HTTPS */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Fastify's logger option (default off) */
  logger?: FastifyServerOptions['logger'];
  /** rows of the demo workspace made on first start (default 200000); 0 makes no demo */
  demoRows?: number;
  /** the authorization function (default: every valid token may do everything) */
  authorize?: Authorizer;
  /** query limits (defaults: 3 minutes, 500,000 rows, 64 MiB) */
  limits?: Partial<QueryLimits>;
  /** largest ingestion body in bytes, compressed or decompressed (default 1 GiB) */
  ingestBodyLimit?: number;
  /** ingestion requests reading or storing a body at once (default 4); each holds up to twice ingestBodyLimit in memory */
  ingestConcurrency?: number;
  /** ingestion requests waiting for one of those before more get 429 (default 64) */
  ingestQueue?: number;
  /** run retention on a schedule (default true) */
  retention?: boolean;
  /** the notebook templates folder shown as W/Templates/ (default: the repo's templates/) */
  templatesDir?: string;
  /** progress of the first start */
  onProgress?: (message: string) => void;
}

/** What the service knows of itself, for the CLI's banner and for tests. */
export interface HuntbookState {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** the workspace store (open until the server closes) */
  readonly workspaces: WorkspaceStore;
  readonly tokens: TokenStore;
  /** set when this start created the demo workspace */
  readonly demoCreated: boolean;
  /** the token made on first start (shown once) */
  readonly firstToken?: string;
  /** how many queries are running now (cancelled ones leave when the engine stops them) */
  running(): number;
  /** ingestion requests holding a slot and waiting for one */
  ingesting(): { running: number; queued: number };
  /** every route registered: method, url and its config (the authorization test walks these) */
  readonly routes: { method: string; url: string; action?: string; public?: boolean }[];
  /** notebooks by contents path, under the contents API's per-file locks (what the kernel manager records outputs through) */
  readonly notebooks: NotebookFiles;
  /** the URL the server listens on (set by startServer; kernels get it as HUNTBOOK_URL) */
  url?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    huntbook: HuntbookState;
  }
}

const DEFAULT_DEMO_ROWS = 200_000;

/** The demo's end: the last full hour before `now` (no event from the future). */
export function demoEnd(now: Date): Date {
  const hour = 3_600_000;
  return new Date(Math.floor(now.getTime() / hour) * hour);
}

/** Make the first workspace and token when the data dir has none. */
async function firstStart(store: WorkspaceStore, tokens: TokenStore, rows: number, say: (m: string) => void): Promise<{ demoCreated: boolean; firstToken?: string }> {
  let demoCreated = false;
  if (rows > 0 && (await store.list()).length === 0) {
    const t0 = performance.now();
    say(`first start: creating workspace 'demo' with ${rows.toLocaleString('en-US')} generated rows ...`);
    await store.create({
      name: 'demo',
      description: 'Generated security logs (the week before it was made) with attack stories woven in (huntbook sample, seed 1)',
      standardTables: true,
      // the week of data ends at the last full hour, so hunts with ago(1d) / ago(7d) find the stories
      populate: async (dbPath) => { await generateSample({ db: dbPath, rows, seed: 1, end: demoEnd(new Date()) }); },
    });
    say(`workspace 'demo' ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    demoCreated = true;
  }
  const firstToken = tokens.count() === 0 ? tokens.create('first').token : undefined;
  return { demoCreated, firstToken };
}

export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const say = options.onProgress ?? (() => {});
  const store = await WorkspaceStore.open(options.dataDir);
  let tokens: TokenStore | undefined;
  let stopRetention: (() => void) | undefined;
  try {
    tokens = TokenStore.open(options.dataDir);
    const first = await firstStart(store, tokens, options.demoRows ?? DEFAULT_DEMO_ROWS, say);

    const app = Fastify({
      logger: redactingLogger(options.logger ?? false),
      bodyLimit: 16 * 1024 * 1024,
      ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
    }) as unknown as FastifyInstance;

    const authorizer = options.authorize ?? defaultAuthorize;
    const contents = createContents({ dataDir: options.dataDir, workspaces: store, authorize: authorizer, templatesDir: options.templatesDir });
    const ctx: ServerContext = {
      workspaces: store,
      authorize: authorizer,
      notebooks: contents.notebooks,
      limits: { ...DEFAULT_LIMITS, ...options.limits },
      ingestBodyLimit: options.ingestBodyLimit ?? 1024 * 1024 * 1024,
      ingestSlots: new Slots(options.ingestConcurrency ?? 4, options.ingestQueue ?? 64),
      inflight: new Set(),
    };
    const routes: HuntbookState['routes'] = [];
    app.decorate('huntbook', {
      dataDir: options.dataDir, host: options.host ?? '127.0.0.1', port: options.port ?? 8080, tls: options.tls !== undefined,
      workspaces: store, tokens, ...first, routes, running: () => ctx.inflight.size,
      ingesting: () => ({ running: ctx.ingestSlots.running, queued: ctx.ingestSlots.queued }),
      notebooks: contents.notebooks,
    } satisfies HuntbookState);

    app.addHook('onRoute', (r) => {
      for (const m of [r.method].flat()) routes.push({ method: m, url: r.url, action: r.config?.action, public: r.config?.public });
    });
    installGracefulClose(app, ctx.inflight);
    installAuth(app, { tokens, authorize: ctx.authorize, getWorkspace: async (ref) => store.get(ref) });
    app.setErrorHandler((e, request, reply) => sendException(request, reply, e));
    app.setNotFoundHandler((request, reply) => sendRefusal(request, reply, new HttpError(404, 'NotFound', `no route ${request.method} ${request.url.split('?')[0]}`)));

    await app.register(async (scope) => logAnalyticsRoutes(scope, ctx));
    await app.register(async (scope) => kustoRoutes(scope, ctx));
    await app.register(async (scope) => workspaceRoutes(scope, ctx));
    await app.register(async (scope) => ingestRoutes(scope, ctx));
    await app.register(async (scope) => historyRoutes(scope, options.dataDir));
    await app.register(async (scope) => webRoutes(scope));
    await app.register(async (scope) => contentsRoutes(scope, contents.core));

    // Jupyter kernels and sessions; WebSockets speak JSON, or Jupyter's v1 binary subprotocol when offered
    const kernels = new KernelManager({
      dataDir: options.dataDir, tokens,
      url: () => app.huntbook.url ?? `${options.tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${options.port ?? 8080}`,
      notebooks: () => notebooksOf(ctx),
    });
    const jupyter: Jupyter = { kernels, sessions: new SessionManager((id) => kernels.get(id)), notebooks: () => notebooksOf(ctx) };
    await app.register(websocket, { options: { maxPayload: 64 * 1024 * 1024, handleProtocols: (protocols) => (protocols.has(V1_PROTOCOL) ? V1_PROTOCOL : false) } });
    await app.register(async (scope) => kernelRoutes(scope, ctx, jupyter));
    await app.register(async (scope) => sessionRoutes(scope, ctx, jupyter));
    app.addHook('preClose', async () => { await kernels.shutdownAll(); });

    if (options.retention !== false) stopRetention = store.startRetention();
    const ownTokens = tokens;
    app.addHook('onClose', async () => {
      stopRetention?.();
      ownTokens.close();
      await store.close();
    });
    await app.ready();
    return app;
  } catch (e) {
    stopRetention?.();
    tokens?.close();
    await store.close();
    throw e;
  }
}

/** Create the server and listen on its host and port; returns the base URL. */
export async function startServer(options: ServerOptions): Promise<{ app: FastifyInstance; url: string }> {
  const app = await createServer(options);
  try {
    await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8080 });
  } catch (e) {
    await app.close();
    throw e;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : options.port ?? 8080;
  const host = options.host ?? '127.0.0.1';
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `${options.tls ? 'https' : 'http'}://${shown}:${port}`;
  app.huntbook.url = url;
  return { app, url };
}
