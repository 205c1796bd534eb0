/**
 * Turns an IngestSource into parts that DuckDB's readers can read: files as they are (csv,
 * json, ndjson, parquet; gzip read natively, except parquet which is unpacked to a temp file),
 * bytes written to a temp file, records and the decoders' output (syslog, CEF, Windows events)
 * staged as NDJSON in a temp file. Formats come from options.format, the file name, or the
 * first bytes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, readSync, closeSync } from 'node:fs';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { IngestFormat, IngestSource } from '../workspace/types.ts';
import { IngestError } from './errors.ts';
import { decoderFor, type DecodeError } from './decoders.ts';

export type ReadFormat = 'csv' | 'json' | 'ndjson' | 'parquet';

export interface Part {
  /** how errors name this part (file path, 'body', 'records'); undefined when it is the whole batch */
  label?: string;
  /** the file DuckDB reads */
  path: string;
  format: ReadFormat;
  /** the file is gzip (DuckDB decompresses it: compression='gzip') */
  gzip: boolean;
  /** records the decoder could not read (syslog, CEF, Windows events), numbered within the part */
  decodeErrors: DecodeError[];
  /** for decoded parts: the source record number of each staged record (the decoder skips bad ones) */
  recordNumbers?: number[];
}

const GZIP = [0x1f, 0x8b];

/** Format from a file name (after .gz is stripped), or undefined. */
export function formatOfName(name: string): IngestFormat | undefined {
  const n = name.toLowerCase().replace(/\.gz$/, '');
  if (n.endsWith('.csv')) return 'csv';
  if (n.endsWith('.ndjson') || n.endsWith('.jsonl')) return 'ndjson';
  if (n.endsWith('.evtx.json') || n.endsWith('.winevent.json') || n.endsWith('.evtx.ndjson')) return 'winevent';
  if (n.endsWith('.json')) return 'json';
  if (n.endsWith('.parquet')) return 'parquet';
  if (n.endsWith('.log') || n.endsWith('.syslog')) return 'syslog';
  if (n.endsWith('.cef')) return 'cef';
  return undefined;
}

function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === GZIP[0] && head[1] === GZIP[1];
}

/** Content sniff for bytes without a usable name: parquet magic, '[' a JSON array, '{' NDJSON, else CSV. */
function formatOfContent(head: Uint8Array): ReadFormat {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return 'parquet';
  const text = Buffer.from(head).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) return 'ndjson';
  return 'csv';
}

/** A .json file may hold an array or one object per line: the first character decides. */
function jsonOrNdjson(head: Uint8Array): ReadFormat {
  const text = Buffer.from(head).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('[') ? 'json' : 'ndjson';
}

/** The first bytes of a gzip stream (a truncated stream is fine). */
function gunzipHead(data: Uint8Array): Uint8Array {
  try {
    return gunzipSync(data.subarray(0, 65536), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).subarray(0, 4096);
  } catch (e) {
    throw new IngestError(`not a readable gzip stream: ${(e as Error).message}`);
  }
}

function readHead(path: string, n = 4096): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** Parts of a source plus a cleanup for the temp files made on the way. */
export class Staging {
  private dir: string | undefined;
  private count = 0;

  /** A new temp file path with the given suffix. */
  file(suffix: string): string {
    this.dir ??= mkdtempSync(join(tmpdir(), 'huntbook-ingest-'));
    return join(this.dir, `part${++this.count}${suffix}`);
  }

  cleanup(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

/** Records as an NDJSON temp file (dates as ISO text, bigints as numbers). */
export function stageRecords(staging: Staging, records: readonly Record<string, unknown>[]): string {
  const path = staging.file('.ndjson');
  const lines: string[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      throw new IngestError(`a record must be a JSON object, not ${r === null ? 'null' : Array.isArray(r) ? 'an array' : typeof r}`, { record: i + 1 });
    }
    lines[i] = JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v));
  }
  writeFileSync(path, lines.length ? `${lines.join('\n')}\n` : '');
  return path;
}

export async function partsOf(source: IngestSource, format: IngestFormat | undefined, staging: Staging): Promise<Part[]> {
  switch (source.kind) {
    case 'records':
      return [{ path: stageRecords(staging, source.records), format: 'ndjson', gzip: false, decodeErrors: [] }];
    case 'bytes': {
      const data = source.data;
      const gz = isGzip(data);
      const f = format ?? (source.name ? formatOfName(source.name) : undefined);
      const inner = gz ? gunzipHead(data) : data.subarray(0, 4096);
      const fmt: IngestFormat = f ?? formatOfContent(inner);
      const ext = fmt === 'json' || fmt === 'ndjson' || fmt === 'csv' || fmt === 'parquet' ? `.${fmt}` : '.txt';
      const path = staging.file(gz ? `${ext}.gz` : ext);
      writeFileSync(path, data);
      return [await part(path, fmt, gz, source.name, staging)];
    }
    case 'files': {
      if (source.paths.length === 0) throw new IngestError('no files to ingest');
      const parts: Part[] = [];
      const label = (p: string) => (source.paths.length > 1 ? p : basename(p));
      for (const p of source.paths) {
        let head: Uint8Array;
        try {
          head = readHead(p);
        } catch (e) {
          throw new IngestError(`cannot read the file: ${(e as Error).message}`, { file: p });
        }
        const gz = isGzip(head);
        const fmt = format ?? formatOfName(p);
        if (fmt === undefined) {
          throw new IngestError(`unknown format: name the format (csv, json, ndjson, parquet, syslog, cef, winevent) or use one of the extensions .csv .json .ndjson .jsonl .parquet .log .syslog .cef .evtx.json (optionally .gz)`, { file: p });
        }
        parts.push(await part(p, fmt, gz, label(p), staging));
      }
      return parts;
    }
  }
}

async function part(path: string, fmt: IngestFormat, gz: boolean, label: string | undefined, staging: Staging): Promise<Part> {
  if (fmt === 'syslog' || fmt === 'cef' || fmt === 'winevent') {
    const raw = readFileSync(path);
    const text = (gz ? gunzipSync(raw) : raw).toString('utf8');
    const decoded = decoderFor(fmt)(text);
    const bad = new Set(decoded.errors.map((e) => e.record));
    const recordNumbers: number[] = [];
    for (let n = 1; recordNumbers.length < decoded.records.length; n++) if (!bad.has(n)) recordNumbers.push(n);
    return { label, path: stageRecords(staging, decoded.records), format: 'ndjson', gzip: false, decodeErrors: decoded.errors, recordNumbers };
  }
  if (fmt === 'parquet' && gz) {
    const out = staging.file('.parquet');
    writeFileSync(out, gunzipSync(readFileSync(path)));
    return { label, path: out, format: 'parquet', gzip: false, decodeErrors: [] };
  }
  let f: ReadFormat = fmt;
  if (fmt === 'json') {
    const head = gz ? gunzipHead(readHead(path, 65536)) : readHead(path);
    f = jsonOrNdjson(head);
  }
  return { label, path, format: f, gzip: gz, decodeErrors: [] };
}
