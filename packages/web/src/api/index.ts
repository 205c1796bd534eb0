/// <reference lib="dom" />
/**
 * The app's one HTTP client and its sign-in state. Every component talks to the server
 * through these (OUTPUTS and TEMPLATES too):
 *
 *   api<T>(path: string, init?: ApiInit): Promise<T>
 *       fetch `path` (same origin) with `Authorization: token <t>`; a plain-object `body` is
 *       sent as JSON; the answer is parsed as JSON (undefined for 204 / empty; text when
 *       init.as === 'text'). A non-2xx answer throws ApiError {status, code, message} made
 *       from the server's error shape ({error: {code, message}} or Jupyter's {message, reason}).
 *       On 401 it asks to sign in again (the app shows a modal over the page, nothing is
 *       lost) and retries once the user has given a token; the promise waits meanwhile.
 *   getToken(): string | undefined            the token in use (remembered in localStorage)
 *   signIn(token: string): Promise<void>      checks the token (GET /api/workspaces), keeps it
 *   signOut(): void                           forgets the token
 *   currentWorkspace(): string | undefined    the chosen workspace (remembered in localStorage)
 *   setWorkspace(name: string): void
 *   onAuthChange(fn: (s: AuthState) => void): () => void   sign-in state changes; returns unsubscribe
 *   onWorkspaceChange(fn: (ws: string | undefined) => void): () => void
 *   authState(): AuthState
 *   wsUrl(path: string, query?: Record<string, string>): string   a ws:/wss: URL with ?token=
 */

export interface ApiInit extends Omit<RequestInit, 'body'> {
  /** a plain object or array is sent as JSON; strings, FormData and Blobs as they are */
  body?: unknown;
  /** how to read the answer (default 'json') */
  as?: 'json' | 'text' | 'blob';
  /** use this token instead of the signed-in one, and do not ask again on 401 (sign-in checks) */
  token?: string;
}

/** A refusal or failure answered by the server (or the network). */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly code?: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface AuthState {
  /** a token is kept */
  signedIn: boolean;
  /** a request got 401 while signed in: the app should ask for a token again (modal) */
  reauth: boolean;
}

const TOKEN_KEY = 'huntbook.token';
const WORKSPACE_KEY = 'huntbook.workspace';

function storage(): Storage | undefined {
  try { return globalThis.localStorage; } catch { return undefined; }
}

let token: string | undefined = storage()?.getItem(TOKEN_KEY) ?? undefined;
let reauth = false;
let waiting: (() => void)[] = [];
const authListeners = new Set<(s: AuthState) => void>();
const workspaceListeners = new Set<(ws: string | undefined) => void>();

export function authState(): AuthState {
  return { signedIn: token !== undefined, reauth };
}

function emitAuth(): void {
  const s = authState();
  for (const fn of authListeners) fn(s);
}

export function onAuthChange(fn: (s: AuthState) => void): () => void {
  authListeners.add(fn);
  return () => { authListeners.delete(fn); };
}

export function getToken(): string | undefined {
  return token;
}

/** Check a token against the server and keep it; resumes requests that waited on a 401. */
export async function signIn(candidate: string): Promise<void> {
  const t = candidate.trim();
  if (t === '') throw new ApiError(0, 'paste a token (make one with `huntbook token create`)');
  await api('/api/workspaces', { token: t });
  token = t;
  storage()?.setItem(TOKEN_KEY, t);
  reauth = false;
  const resume = waiting;
  waiting = [];
  emitAuth();
  for (const r of resume) r();
}

export function signOut(): void {
  token = undefined;
  storage()?.removeItem(TOKEN_KEY);
  reauth = false;
  emitAuth();
}

export function currentWorkspace(): string | undefined {
  return storage()?.getItem(WORKSPACE_KEY) ?? undefined;
}

export function setWorkspace(name: string): void {
  storage()?.setItem(WORKSPACE_KEY, name);
  for (const fn of workspaceListeners) fn(name);
}

export function onWorkspaceChange(fn: (ws: string | undefined) => void): () => void {
  workspaceListeners.add(fn);
  return () => { workspaceListeners.delete(fn); };
}

/** Wait until the user signs in again (the app shows the modal while reauth is true). */
function askToSignInAgain(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!reauth) { reauth = true; emitAuth(); }
  });
}

/** The message and code of an error answer, whatever shape the server used. */
export function errorFromBody(status: number, body: unknown, fallback: string): ApiError {
  const b = body as { error?: { code?: unknown; message?: unknown } | string; message?: unknown; reason?: unknown } | undefined;
  if (b && typeof b === 'object') {
    if (b.error && typeof b.error === 'object' && typeof b.error.message === 'string') {
      return new ApiError(status, b.error.message, typeof b.error.code === 'string' ? b.error.code : undefined);
    }
    if (typeof b.message === 'string' && b.message !== '') return new ApiError(status, b.message, typeof b.reason === 'string' ? b.reason : undefined);
    if (typeof b.error === 'string') return new ApiError(status, b.error);
  }
  return new ApiError(status, fallback);
}

function isPlainBody(body: unknown): boolean {
  return body !== null && typeof body === 'object' && !(body instanceof FormData) && !(body instanceof Blob)
    && !(body instanceof ArrayBuffer) && !(body instanceof URLSearchParams);
}

export async function api<T = unknown>(path: string, init: ApiInit = {}): Promise<T> {
  const { body, as = 'json', token: own, ...rest } = init;
  const headers = new Headers(rest.headers);
  const t = own ?? token;
  if (t !== undefined) headers.set('Authorization', `token ${t}`);
  let sent: BodyInit | undefined;
  if (body !== undefined) {
    if (isPlainBody(body)) { headers.set('Content-Type', 'application/json'); sent = JSON.stringify(body); }
    else sent = body as BodyInit;
  }
  let res: Response;
  try {
    res = await fetch(path, { ...rest, headers, body: sent });
  } catch (e) {
    throw new ApiError(0, `cannot reach the server for ${rest.method ?? 'GET'} ${path}: ${(e as Error).message}`);
  }
  if (res.status === 401 && own === undefined && token !== undefined) {
    await askToSignInAgain();
    return api<T>(path, init);
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    let parsed: unknown;
    try { parsed = JSON.parse(text); } catch { parsed = undefined; }
    throw errorFromBody(res.status, parsed, `${rest.method ?? 'GET'} ${path} failed: ${res.status} ${res.statusText}${text && parsed === undefined ? `: ${text.slice(0, 200)}` : ''}`);
  }
  if (as === 'blob') return (await res.blob()) as T;
  const text = await res.text();
  if (as === 'text') return text as T;
  if (text === '') return undefined as T;
  return JSON.parse(text) as T;
}

/** A WebSocket URL on this origin with the token as Jupyter's `token` query parameter. */
export function wsUrl(path: string, query: Record<string, string> = {}): string {
  const u = new URL(path, globalThis.location.href);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  if (token !== undefined) u.searchParams.set('token', token);
  return u.toString();
}

/** Take `?token=` from the address (as Jupyter does) and remove it from the address bar. */
export function tokenFromAddress(): string | undefined {
  const u = new URL(globalThis.location.href);
  const t = u.searchParams.get('token');
  if (t === null) return undefined;
  u.searchParams.delete('token');
  globalThis.history.replaceState(globalThis.history.state, '', u.pathname + u.search + u.hash);
  return t;
}
