/**
 * Splits JSON text into records with their line numbers: a JSON array of objects, NDJSON
 * (one object per line), or a sequence of pretty-printed objects. Each record is parsed on
 * its own, so one broken record does not hide the others.
 */

/** One JSON record: its value, or why it could not be read. */
export interface JsonRecord {
  line: number;
  raw: string;
  value?: unknown;
  reason?: string;
}

/** Splits and parses the records of a JSON array, NDJSON or concatenated JSON text. */
export function jsonRecords(text: string): JsonRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const first = /\S/.exec(src);
  if (!first) return [];
  if (first[0] === '[') return arrayRecords(src, first.index);
  const firstLine = src.slice(first.index, nextNewline(src, first.index)).trim();
  return firstLine === '{' ? valueSequence(src, first.index) : lineRecords(src);
}

function nextNewline(s: string, from: number): number {
  const i = s.indexOf('\n', from);
  return i < 0 ? s.length : i;
}

/** Line number (1-based) of a character offset. */
function lineAt(s: string, offset: number, cache: { at: number; line: number }): number {
  for (let i = cache.at; i < offset; i++) if (s.charCodeAt(i) === 10) cache.line++;
  cache.at = offset;
  return cache.line;
}

function parse(raw: string, line: number): JsonRecord {
  try {
    return { line, raw, value: JSON.parse(raw) };
  } catch (e) {
    return { line, raw, reason: `broken JSON: ${(e as Error).message}` };
  }
}

function lineRecords(src: string): JsonRecord[] {
  const out: JsonRecord[] = [];
  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    if (t.trim() !== '') out.push(parse(t, i + 1));
  }
  return out;
}

/** End offset (exclusive) of the JSON value starting at `start`, or -1 when it never closes. */
function valueEnd(s: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < s.length; i++) {
    const c = s[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) return i + 1;
      }
    } else if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth <= 0) return i + 1;
    } else if (depth === 0 && (c === ',' || /\s/.test(c))) {
      return i; // a bare scalar ends at a separator
    }
  }
  return depth === 0 && !inString ? s.length : -1;
}

function arrayRecords(src: string, open: number): JsonRecord[] {
  const out: JsonRecord[] = [];
  const cache = { at: 0, line: 1 };
  let i = open + 1;
  for (;;) {
    while (i < src.length && /\s/.test(src[i]!)) i++;
    if (i >= src.length) {
      out.push({ line: lineAt(src, Math.min(i, src.length), cache), raw: '', reason: "broken JSON: the array is not closed with ']'" });
      return out;
    }
    if (src[i] === ']') break;
    const end = valueEnd(src, i);
    const line = lineAt(src, i, cache);
    if (end < 0) {
      out.push({ line, raw: src.slice(i, i + 200), reason: 'broken JSON: the record is not closed before the end of the input' });
      return out;
    }
    out.push(parse(src.slice(i, end), line));
    i = end;
    while (i < src.length && /\s/.test(src[i]!)) i++;
    if (src[i] === ',') i++;
    else if (i >= src.length) {
      out.push({ line: lineAt(src, i, cache), raw: '', reason: "broken JSON: the array is not closed with ']'" });
      return out;
    } else if (src[i] !== ']') {
      out.push({ line: lineAt(src, i, cache), raw: src.slice(i, i + 200), reason: `broken JSON: expected ',' or ']' after a record, found '${src.slice(i, i + 10)}'` });
      return out;
    }
  }
  const tail = src.slice(i + 1);
  if (tail.trim() !== '') {
    const at = i + 1 + (/\S/.exec(tail)?.index ?? 0);
    out.push({ line: lineAt(src, at, cache), raw: src.slice(at, at + 200), reason: 'broken JSON: text after the closing ]' });
  }
  return out;
}

function valueSequence(src: string, startAt: number): JsonRecord[] {
  const out: JsonRecord[] = [];
  const cache = { at: 0, line: 1 };
  let i = startAt;
  while (i < src.length) {
    const line = lineAt(src, i, cache);
    const end = valueEnd(src, i);
    if (end < 0) {
      out.push({ line, raw: src.slice(i, i + 200), reason: 'broken JSON: the record is not closed before the end of the input' });
      return out;
    }
    out.push(parse(src.slice(i, end), line));
    i = end;
    while (i < src.length && /[\s,]/.test(src[i]!)) i++;
  }
  return out;
}
