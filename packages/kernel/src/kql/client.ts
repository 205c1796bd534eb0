/**
 * The kernel's only way to data: the server's Log Analytics query API over HTTP, with the token
 * from the environment (the kernel never opens a database, so access rules hold in notebooks).
 *
 *   POST {HUNTBOOK_URL}/v1/workspaces/{workspace}/query   Authorization: Bearer {HUNTBOOK_TOKEN}
 *        Prefer: include-render=true[, wait=N]             body {"query": "..."}
 *   GET  {HUNTBOOK_URL}/v1/workspaces/{workspace}/metadata  (the schema, for completions)
 *
 * Failures are thrown as KqlConnectionError (what to set, which URL could not be reached) or
 * KqlQueryError (the server's message, with Kusto's diagnostic innermost in `innererror`).
 */
import type { Connection, RenderInfo, ResultColumn } from '../types.ts';
import { KqlConnectionError, KqlQueryError } from './errors.ts';

const ENV = { url: 'HUNTBOOK_URL', token: 'HUNTBOOK_TOKEN', workspace: 'HUNTBOOK_WORKSPACE' } as const;

/**
 * The connection from HUNTBOOK_URL, HUNTBOOK_TOKEN and HUNTBOOK_WORKSPACE (`workspace`, as
 * `-workspace` gives it, overrides the last). A missing variable is an error that names it.
 */
export function connectionFromEnv(options: { workspace?: string; env?: NodeJS.ProcessEnv } = {}): Connection {
  const env = options.env ?? process.env;
  const url = env[ENV.url]?.trim();
  const token = env[ENV.token]?.trim();
  const workspace = options.workspace ?? env[ENV.workspace]?.trim();
  const missing = [!url && ENV.url, !token && ENV.token, !workspace && ENV.workspace].filter(Boolean);
  if (missing.length) {
    throw new KqlConnectionError(
      `the kernel does not know which Huntbook server to query: set ${missing.join(', ')} in the kernel's environment`
      + ` (the server sets them when it starts a kernel; from Jupyter's own tools, export them before starting it${missing.includes(ENV.workspace) ? ', or pass -workspace' : ''})`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url!);
  } catch {
    throw new KqlConnectionError(`${ENV.url} is '${url}', not a URL (expected e.g. http://127.0.0.1:8080)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new KqlConnectionError(`${ENV.url} is '${url}': only http and https URLs are supported`);
  }
  return { url: url!.replace(/\/+$/, ''), token: token!, workspace: workspace! };
}

export interface QueryResponse {
  columns: ResultColumn[];
  /** rows as the Log Analytics API sends them (dynamic values as JSON text) */
  rows: unknown[][];
  render?: RenderInfo;
  partial?: { code: string; message: string };
}

/** Kusto's diagnostic of a failed query, positions in the text that was sent. */
export interface Diagnostic {
  code: string;
  message: string;
  line?: number;
  column?: number;
  start?: number;
  length?: number;
}

/** A refused or failed query before its positions are mapped to the cell (magic.ts does that). */
export class ServerQueryError extends Error {
  constructor(message: string, readonly code: string, readonly status: number, readonly diagnostic?: Diagnostic) {
    super(message);
  }
}

function workspacePath(conn: Connection, what: 'query' | 'metadata'): string {
  return `${conn.url}/v1/workspaces/${encodeURIComponent(conn.workspace)}/${what}`;
}

async function send(url: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    if (init.signal?.aborted) throw e; // interrupted: the Executor reports it
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (e as Error).message;
    throw new KqlConnectionError(`could not reach the Huntbook server at ${url} (${why}); check ${ENV.url} and that \`huntbook serve\` is running`);
  }
  const text = await response.text();
  try {
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  } catch {
    throw new KqlQueryError(`the server at ${url} answered HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`, 'BadResponse', response.status);
  }
}

/** Run a query; the server's answer as columns, rows and render. */
export async function postQuery(conn: Connection, query: string, options: { timeout?: number; signal?: AbortSignal } = {}): Promise<QueryResponse> {
  const prefer = ['include-render=true', ...(options.timeout !== undefined ? [`wait=${options.timeout}`] : [])].join(', ');
  const url = workspacePath(conn, 'query');
  const { status, body } = await send(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${conn.token}`, 'content-type': 'application/json', prefer },
    body: JSON.stringify({ query }),
    signal: options.signal,
  });
  const b = body as { tables?: { columns: ResultColumn[]; rows: unknown[][] }[]; render?: RenderInfo; error?: ErrorBody };
  if (status < 200 || status >= 300 || !b?.tables) throw serverError(url, status, b?.error);
  const t = b.tables[0] ?? { columns: [], rows: [] };
  const render = b.render && b.render.visualization ? b.render : undefined;
  const partial = b.error ? { code: deepest(b.error).code ?? b.error.code ?? 'PartialError', message: deepest(b.error).message ?? b.error.message ?? 'partial result' } : undefined;
  return { columns: t.columns.map((c) => ({ name: c.name, type: c.type })), rows: t.rows, render, partial };
}

/** The workspace's tables and columns, in @huntbook/kql's schema shape. */
export async function getSchema(conn: Connection, signal?: AbortSignal): Promise<{ name: string; tables: { name: string; columns: ResultColumn[] }[] }> {
  const url = workspacePath(conn, 'metadata');
  const { status, body } = await send(url, { headers: { authorization: `Bearer ${conn.token}` }, signal });
  const b = body as { tables?: { name: string; columns: ResultColumn[] }[]; error?: ErrorBody };
  if (status !== 200 || !b?.tables) throw serverError(url, status, b?.error);
  return { name: conn.workspace, tables: b.tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) })) };
}

interface ErrorBody {
  code?: string;
  message?: string;
  line?: number;
  column?: number;
  pos?: number;
  start?: number;
  length?: number;
  innererror?: ErrorBody;
}

/** The innermost `innererror`: Kusto's own diagnostic when there is one. */
function deepest(e: ErrorBody): ErrorBody {
  let d = e;
  while (d.innererror && typeof d.innererror === 'object') d = d.innererror;
  return d;
}

function serverError(url: string, status: number, error: ErrorBody | undefined): ServerQueryError {
  if (!error) return new ServerQueryError(`the server at ${url} answered HTTP ${status} without a result or an error`, 'BadResponse', status);
  const d = deepest(error);
  const line = d.line;
  const column = d.column ?? d.pos;
  const diagnostic = line !== undefined ? { code: d.code ?? error.code ?? 'Error', message: d.message ?? error.message ?? '', line, column, start: d.start, length: d.length } : undefined;
  const code = d.code ?? error.code ?? `HTTP${status}`;
  return new ServerQueryError(error.message ?? d.message ?? `HTTP ${status}`, code, status, diagnostic);
}
