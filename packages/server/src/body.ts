/**
 * Reading an ingestion body: the raw request stream (Fastify passes it through untouched on
 * the ingest routes), decompressed when `Content-Encoding` says gzip or deflate and whenever
 * the bytes (still) start with the gzip magic, with a size limit on the wire bytes and on each
 * decompressed layer, checked while streaming (413 past it), and the format from `?format=`,
 * the Content-Type or the first bytes.
 */
import { Readable, type Transform } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import type { IngestFormat } from '@huntbook/store';
import { HttpError } from './errors.ts';

const FORMATS: readonly IngestFormat[] = ['csv', 'json', 'ndjson', 'parquet', 'syslog', 'cef', 'winevent'];

function tooLarge(limit: number, what: string): HttpError {
  return new HttpError(413, 'PayloadTooLarge', `the ${what} is larger than the limit of ${limit.toLocaleString('en-US')} bytes; send it in several batches`);
}

/**
 * Reads a stream up to `limit` bytes. Past it, reading stops without destroying the stream: a
 * request's socket must stay open so the 413 reaches the client (the reply closes the connection).
 */
async function collect(stream: Readable, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream.iterator({ destroyOnReturn: false })) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) throw tooLarge(limit, what);
    chunks.push(b);
  }
  return Buffer.concat(chunks, size);
}

/** Layers of gzip a body may have: a `.csv.gz` file sent with `Content-Encoding: gzip` has two. */
const MAX_GZIP_LAYERS = 2;

function isGzip(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

async function decompress(data: Buffer, inflate: Transform, limit: number, what: string): Promise<Buffer> {
  Readable.from([data]).pipe(inflate);
  try {
    return await collect(inflate, limit, 'decompressed body');
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError(400, 'BadRequest', `the body is not valid ${what} data: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The request body as bytes, decompressed: the Content-Encoding first, then any gzip file
 * inside (sent as identity, or gzip within gzip), each layer streamed through the limit, so
 * what the store reads is never gzip and never larger than the limit.
 */
export async function readBody(stream: Readable, contentEncoding: string | undefined, limit: number): Promise<Buffer> {
  let data = await collect(stream, limit, 'request body');
  const enc = (contentEncoding ?? '').trim().toLowerCase();
  let layers = 0;
  if (enc === 'gzip' || enc === 'x-gzip') {
    data = await decompress(data, createGunzip(), limit, 'gzip');
    layers++;
  } else if (enc === 'deflate') {
    data = await decompress(data, createInflate(), limit, 'deflate');
  } else if (enc !== '' && enc !== 'identity') {
    throw new HttpError(415, 'UnsupportedMediaType', `Content-Encoding '${contentEncoding}' is not supported: send gzip, deflate or identity`);
  }
  while (isGzip(data)) {
    if (++layers > MAX_GZIP_LAYERS) throw new HttpError(400, 'BadRequest', `the body is gzip inside gzip more than ${MAX_GZIP_LAYERS} times: send the file gzipped once`);
    data = await decompress(data, createGunzip(), limit, 'gzip');
  }
  return data;
}

/** The format of a body: `?format=` first, then the Content-Type, then the first bytes. */
export function bodyFormat(explicit: unknown, contentType: string | undefined, data: Uint8Array): IngestFormat {
  if (explicit !== undefined) {
    if (typeof explicit !== 'string' || !(FORMATS as readonly string[]).includes(explicit.toLowerCase())) {
      throw new HttpError(400, 'BadArgumentError', `format '${String(explicit)}' is not one of ${FORMATS.join(', ')}`);
    }
    return explicit.toLowerCase() as IngestFormat;
  }
  const ct = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (ct === 'text/csv') return 'csv';
  if (ct === 'application/x-ndjson' || ct === 'application/ndjson' || ct === 'application/jsonl' || ct === 'application/x-jsonlines') return 'ndjson';
  if (ct === 'application/vnd.apache.parquet' || ct === 'application/x-parquet') return 'parquet';
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x41 && data[2] === 0x52 && data[3] === 0x31) return 'parquet'; // PAR1
  let i = 0;
  while (i < data.length && (data[i] === 0x20 || data[i] === 0x0a || data[i] === 0x0d || data[i] === 0x09 || data[i] === 0xef || data[i] === 0xbb || data[i] === 0xbf)) i++;
  if (data[i] === 0x5b) return 'json'; // [
  if (data[i] === 0x7b) return 'ndjson'; // {
  if (ct === 'application/json') return 'json';
  if (ct === '' || ct === 'text/plain' || ct === 'application/octet-stream') {
    throw new HttpError(400, 'BadArgumentError', 'cannot tell the format of the body: add ?format=csv|json|ndjson|parquet|syslog|cef|winevent or a Content-Type (text/csv, application/json, application/x-ndjson)');
  }
  throw new HttpError(415, 'UnsupportedMediaType', `Content-Type '${ct}' is not an ingestion format: use ?format=csv|json|ndjson|parquet|syslog|cef|winevent`);
}
