/**
 * Reading an ingestion body: the raw request stream (Fastify passes it through untouched on
 * the ingest routes), decompressed when `Content-Encoding` says gzip or deflate or the bytes
 * start with the gzip magic, with a size limit on both the wire bytes and the decompressed
 * bytes (413 past it), and the format from `?format=`, the Content-Type or the first bytes.
 */
import { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import type { IngestFormat } from '@huntbook/store';
import { HttpError } from './errors.ts';

const FORMATS: readonly IngestFormat[] = ['csv', 'json', 'ndjson', 'parquet', 'syslog', 'cef', 'winevent'];

function tooLarge(limit: number, what: string): HttpError {
  return new HttpError(413, 'PayloadTooLarge', `the ${what} is larger than the limit of ${limit.toLocaleString('en-US')} bytes (--ingest-body-limit); send it in several batches`);
}

async function collect(stream: Readable, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) {
      stream.destroy();
      throw tooLarge(limit, what);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks, size);
}

/** The request body as bytes, decompressed. */
export async function readBody(stream: Readable, contentEncoding: string | undefined, limit: number): Promise<Buffer> {
  const raw = await collect(stream, limit, 'request body');
  const enc = (contentEncoding ?? '').trim().toLowerCase();
  const gzipMagic = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  let inflate;
  if (enc === 'gzip' || enc === 'x-gzip' || (enc === '' && gzipMagic)) inflate = createGunzip();
  else if (enc === 'deflate') inflate = createInflate();
  else if (enc !== '' && enc !== 'identity') throw new HttpError(415, 'UnsupportedMediaType', `Content-Encoding '${contentEncoding}' is not supported: send gzip, deflate or identity`);
  if (!inflate) return raw;
  Readable.from([raw]).pipe(inflate);
  try {
    return await collect(inflate, limit, 'decompressed body');
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError(400, 'BadRequest', `the body is not valid ${enc || 'gzip'} data: ${e instanceof Error ? e.message : String(e)}`);
  }
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
