/**
 * Query history per user and workspace, for the app's Logs tab: `GET /api/workspaces/{w}/history`
 * (newest first), `POST /api/workspaces/{w}/history` (one query that ran: its text, time range,
 * rows, duration or error) and `DELETE /api/workspaces/{w}/history` (forget it all). Each user's
 * history of a workspace is a JSON file `<data dir>/history/<workspace id>/<sha256 of the user>.json`
 * (names never become paths), written whole to a temp file and renamed, one write at a time per
 * file, and cut to the newest MAX_ENTRIES. Running a query already needs 'workspace.query', so
 * keeping its history needs the same.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.ts';

export const MAX_ENTRIES = 200;
const MAX_QUERY_CHARS = 64 * 1024;

export interface HistoryEntry {
  readonly id: string;
  readonly query: string;
  /** the ISO 8601 duration or interval the query ran with, when one was picked */
  readonly timespan?: string;
  /** ISO 8601 time the query ran */
  readonly at: string;
  readonly rows?: number;
  readonly durationMs?: number;
  /** the error it ended with */
  readonly error?: string;
}

interface HistoryBody { query?: unknown; timespan?: unknown; rows?: unknown; durationMs?: unknown; error?: unknown }

function entryOf(body: HistoryBody | undefined, now: Date): HistoryEntry {
  if (!body || typeof body !== 'object') throw new HttpError(400, 'BadArgumentError', 'the body must be JSON {"query": "...", "timespan": "PT1H", "rows": 10, "durationMs": 12, "error": "..."}');
  const { query, timespan, rows, durationMs, error } = body;
  if (typeof query !== 'string' || query.trim() === '') throw new HttpError(400, 'BadArgumentError', "'query' must be the KQL text that ran");
  if (query.length > MAX_QUERY_CHARS) throw new HttpError(400, 'BadArgumentError', `'query' is ${query.length} characters; history keeps queries up to ${MAX_QUERY_CHARS}`);
  if (timespan !== undefined && timespan !== null && (typeof timespan !== 'string' || timespan.length > 100)) throw new HttpError(400, 'BadArgumentError', "'timespan' must be an ISO 8601 duration or interval string");
  const count = (v: unknown, name: string) => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new HttpError(400, 'BadArgumentError', `'${name}' must be a number of 0 or more`);
    return v;
  };
  if (error !== undefined && error !== null && typeof error !== 'string') throw new HttpError(400, 'BadArgumentError', "'error' must be a string");
  const entry: HistoryEntry = {
    id: randomUUID(), query, at: now.toISOString(),
    ...(typeof timespan === 'string' && timespan !== '' ? { timespan } : {}),
    ...(count(rows, 'rows') !== undefined ? { rows: count(rows, 'rows') } : {}),
    ...(count(durationMs, 'durationMs') !== undefined ? { durationMs: count(durationMs, 'durationMs') } : {}),
    ...(typeof error === 'string' && error !== '' ? { error: error.slice(0, 2000) } : {}),
  };
  return entry;
}

export async function historyRoutes(app: FastifyInstance, dataDir: string): Promise<void> {
  const config = { action: 'workspace.query', workspace: { param: 'w' }, dialect: 'api' } as const;
  /** the write in progress per file, so two posts never interleave */
  const writing = new Map<string, Promise<unknown>>();

  const fileOf = (request: FastifyRequest) => {
    const user = createHash('sha256').update(request.principal!.name, 'utf8').digest('hex');
    const ws = request.workspace!.info.id;
    const dir = /^[A-Za-z0-9_-]{1,100}$/.test(ws) ? ws : createHash('sha256').update(ws).digest('hex');
    return join(dataDir, 'history', dir, `${user}.json`);
  };

  const read = async (file: string): Promise<HistoryEntry[]> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    try {
      const parsed = JSON.parse(text) as { history?: unknown };
      return Array.isArray(parsed.history) ? (parsed.history as HistoryEntry[]) : [];
    } catch (e) {
      throw new HttpError(500, 'HistoryUnreadable', `the query history file ${file} is not JSON: ${(e as Error).message}`);
    }
  };

  const update = (file: string, change: (h: HistoryEntry[]) => HistoryEntry[]): Promise<HistoryEntry[]> => {
    const run = (writing.get(file) ?? Promise.resolve()).catch(() => {}).then(async () => {
      const next = change(await read(file));
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
      await writeFile(tmp, JSON.stringify({ history: next }), 'utf8');
      await rename(tmp, file);
      return next;
    });
    writing.set(file, run);
    void run.finally(() => { if (writing.get(file) === run) writing.delete(file); }).catch(() => {});
    return run;
  };

  app.get<{ Params: { w: string } }>('/api/workspaces/:w/history', { config }, async (request) => ({ history: await read(fileOf(request)) }));

  app.post<{ Params: { w: string }; Body: HistoryBody }>('/api/workspaces/:w/history', { config }, async (request, reply) => {
    const entry = entryOf(request.body, new Date());
    await update(fileOf(request), (h) => {
      // running the same query again moves it to the top instead of repeating it
      const rest = h.filter((e) => !(e.query === entry.query && (e.timespan ?? '') === (entry.timespan ?? '')));
      return [entry, ...rest].slice(0, MAX_ENTRIES);
    });
    return reply.code(201).send(entry);
  });

  app.delete<{ Params: { w: string } }>('/api/workspaces/:w/history', { config }, async (request, reply) => {
    const file = fileOf(request);
    await (writing.get(file) ?? Promise.resolve()).catch(() => {});
    await rm(file, { force: true });
    return reply.code(204).send();
  });
}
