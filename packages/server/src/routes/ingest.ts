/**
 * Ingestion over HTTP:
 * - `POST /api/workspaces/{w}/tables/{t}/ingest`: the body is a file in any supported
 *   format (`?format=`, else Content-Type, else sniffed), gzip accepted; `?errors=quarantine`
 *   keeps going past bad records; `?customLog=true` gives a new table the _CL suffix.
 *   Answers 200 with the ingest report.
 * - `POST /dataCollectionRules/{ruleId}/streams/{stream}?api-version=2023-01-01`: the Azure
 *   Monitor Logs Ingestion API, as `@azure/monitor-ingestion` sends it (the rule id names the
 *   workspace, the stream `Custom-<Table>` the table, a gzip JSON array body); 204 like Azure.
 * Bodies are read raw from the stream (no JSON parser, so gzip works), up to the ingest limit.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { IngestOptions } from '@huntbook/store';
import { HttpError } from '../errors.ts';
import { bodyFormat, readBody } from '../body.ts';
import type { ServerContext } from '../context.ts';

const API_VERSIONS = ['2023-01-01', '2021-11-01-preview'];

function bool(v: unknown, name: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === 'true' || v === '1' || v === '') return true;
  if (v === 'false' || v === '0') return false;
  throw new HttpError(400, 'BadArgumentError', `${name} must be true or false, not '${String(v)}'`);
}

/** An IngestError from the store, as a 400 with where it happened (record, line, column). */
function ingestFailure(e: unknown): unknown {
  if (e instanceof Error && e.name === 'IngestError') {
    const x = e as Error & { record?: number; line?: number; column?: string; reason?: string };
    const where = [x.record !== undefined ? `record ${x.record}` : '', x.line !== undefined ? `line ${x.line}` : '', x.column !== undefined ? `column '${x.column}'` : ''].filter(Boolean).join(', ');
    // InvalidRecord names a record; a batch refused as a whole (a bad table name, an empty file list ...) is IngestionRejected
    const code = x.record !== undefined || x.line !== undefined ? 'InvalidRecord' : 'IngestionRejected';
    return new HttpError(400, code, e.message, {}, { record: x.record, line: x.line, column: x.column, reason: x.reason, where });
  }
  return e;
}

export async function ingestRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  // Bodies stay raw streams here: the handler reads, decompresses and limits them after authorization.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { bodyLimit: ctx.ingestBodyLimit }, (_request, payload, done) => done(null, payload));

  const bytes = (request: FastifyRequest) => readBody(request.body as Readable, request.headers['content-encoding'], ctx.ingestBodyLimit);

  /** Runs a batch holding an ingestion slot, from reading the body to storing it; 429 when too many wait. */
  const withSlot = async <T>(work: () => Promise<T>): Promise<T> => {
    const slot = ctx.ingestSlots.acquire();
    if (!slot) throw new HttpError(429, 'TooManyRequests', `too many ingestion requests: ${ctx.ingestSlots.size} are running and ${ctx.ingestSlots.maxQueued} waiting; try again later`, { 'retry-after': '1' });
    const release = await slot;
    try {
      return await work();
    } catch (e) {
      throw ingestFailure(e);
    } finally {
      release();
    }
  };

  app.post<{ Params: { w: string; t: string }; Querystring: Record<string, string | undefined> }>(
    '/api/workspaces/:w/tables/:t/ingest',
    { config: { action: 'workspace.ingest', workspace: { param: 'w' }, dialect: 'api' }, bodyLimit: ctx.ingestBodyLimit },
    async (request) => {
      const q = request.query;
      const errors = q.errors;
      if (errors !== undefined && errors !== 'reject' && errors !== 'quarantine') throw new HttpError(400, 'BadArgumentError', `errors must be reject or quarantine, not '${errors}'`);
      const customLog = bool(q.customLog, 'customLog');
      if (request.body === undefined) throw new HttpError(400, 'BadRequest', 'the request has no body: send the file to ingest');
      return withSlot(async () => {
        const data = await bytes(request);
        const options: IngestOptions = { format: bodyFormat(q.format, request.headers['content-type'], data), errors: errors as IngestOptions['errors'], customLog };
        return request.workspace!.ingest(request.params.t, { kind: 'bytes', data }, options);
      });
    },
  );

  app.post<{ Params: { ruleId: string; stream: string }; Querystring: Record<string, string | undefined> }>(
    '/dataCollectionRules/:ruleId/streams/:stream',
    { config: { action: 'workspace.ingest', workspace: { param: 'ruleId' }, dialect: 'api' }, bodyLimit: ctx.ingestBodyLimit },
    async (request, reply) => {
      // @azure/monitor-ingestion sends the name percent-encoded: api%2Dversion
      const version = request.query['api-version'] ?? request.query['api%2Dversion'] ?? request.query['api%2dversion'];
      if (version === undefined) throw new HttpError(400, 'MissingApiVersionParameter', "the api-version query parameter is required (api-version=2023-01-01)");
      if (!API_VERSIONS.includes(version)) throw new HttpError(400, 'InvalidApiVersionParameter', `api-version '${version}' is not supported: use ${API_VERSIONS.join(' or ')}`);
      const m = /^(?:Custom|Microsoft)-(.+)$/.exec(request.params.stream);
      if (!m) throw new HttpError(400, 'InvalidStream', `stream '${request.params.stream}' must be Custom-<Table>`);
      if (request.body === undefined) throw new HttpError(400, 'BadRequest', 'the request has no body: send a JSON array of records');
      await withSlot(async () => request.workspace!.ingest(m[1]!, { kind: 'bytes', data: await bytes(request) }, { format: 'json' }));
      return reply.code(204).send();
    },
  );
}
