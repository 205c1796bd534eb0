/**
 * Finding malformed records in JavaScript when DuckDB's reader fails (its messages do not
 * always name the right record): NDJSON line by line, CSV record by record (quotes may span
 * lines), a JSON array by counting its top-level elements. Also returns the good records'
 * text, so quarantine can go on with them.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Part } from './source.ts';

export interface BadRecord { record: number; line: number; reason: string; raw: string }

export interface Scan {
  bad: BadRecord[];
  /** the good records as text of the same format (CSV with its header) */
  goodText: string;
  /** source record number of each good record, in order */
  goodNumbers: number[];
}

export function readText(part: Part): string {
  const raw = readFileSync(part.path);
  return (part.gzip ? gunzipSync(raw) : raw).toString('utf8').replace(/^\uFEFF/, '');
}

export function scanNdjson(text: string): Scan {
  const bad: BadRecord[] = [];
  const good: string[] = [];
  const goodNumbers: number[] = [];
  const lines = text.split('\n');
  let record = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (!line.trim()) continue;
    record++;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      bad.push({ record, line: i + 1, reason: `malformed JSON: ${(e as Error).message}`, raw: line });
      continue;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      bad.push({ record, line: i + 1, reason: `a record must be a JSON object, not ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`, raw: line });
      continue;
    }
    good.push(line);
    goodNumbers.push(record);
  }
  return { bad, goodText: good.length ? `${good.join('\n')}\n` : '', goodNumbers };
}

/** CSV records (RFC 4180: "" escapes a quote, quoted fields may hold newlines); the header is not a record. */
export function scanCsv(text: string): Scan {
  const bad: BadRecord[] = [];
  const good: string[] = [];
  const goodNumbers: number[] = [];
  let header: string | undefined;
  let expected = 0;
  let record = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let fields = 1;
  let inQuotes = false;
  let blank = true;
  const end = (stop: number, unterminated: boolean) => {
    const raw = text.slice(start, stop).replace(/\r$/, '');
    if (header === undefined) {
      header = raw;
      expected = fields;
    } else if (!(blank && raw === '')) {
      record++;
      if (unterminated) bad.push({ record, line: startLine, reason: 'a quoted field is not closed', raw });
      else if (fields !== expected) bad.push({ record, line: startLine, reason: `expected ${expected} fields (the header's count), found ${fields}`, raw });
      else { good.push(raw); goodNumbers.push(record); }
    }
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      } else if (ch === '\n') line++;
      continue;
    }
    if (ch === '"') { inQuotes = true; blank = false; } else if (ch === ',') { fields++; blank = false; } else if (ch === '\n') {
      end(i, false);
      line++;
      start = i + 1;
      startLine = line;
      fields = 1;
      blank = true;
    } else if (ch !== '\r') blank = false;
  }
  if (start < text.length) end(text.length, inQuotes);
  return { bad, goodText: header === undefined ? '' : `${[header, ...good].join('\n')}\n`, goodNumbers };
}

/** A JSON array: a syntax error is located by counting the top-level elements before it. */
export function scanJsonArray(text: string): Scan & { fatal?: BadRecord } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = Number(/position (\d+)/.exec(msg)?.[1] ?? text.length);
    const { record, line } = elementAt(text, pos);
    return { bad: [], goodText: '', goodNumbers: [], fatal: { record, line, reason: `malformed JSON: ${msg}`, raw: '' } };
  }
  if (!Array.isArray(v)) return { bad: [], goodText: '', goodNumbers: [], fatal: { record: 1, line: 1, reason: 'expected a JSON array of objects', raw: '' } };
  const bad: BadRecord[] = [];
  const good: string[] = [];
  const goodNumbers: number[] = [];
  v.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) bad.push({ record: i + 1, line: 0, reason: `a record must be a JSON object, not ${r === null ? 'null' : Array.isArray(r) ? 'an array' : typeof r}`, raw: JSON.stringify(r) ?? '' });
    else { good.push(JSON.stringify(r)); goodNumbers.push(i + 1); }
  });
  return { bad, goodText: good.length ? `${good.join('\n')}\n` : '', goodNumbers };
}

function elementAt(text: string, pos: number): { record: number; line: number } {
  let depth = 0;
  let inString = false;
  let record = 1;
  let line = 1;
  for (let i = 0; i < Math.min(pos, text.length); i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) record++;
  }
  return { record, line };
}
