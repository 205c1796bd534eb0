/**
 * CEF (ArcSight Common Event Format), alone or behind a syslog header, into rows of the
 * Sentinel CommonSecurityLog table. One record per non-blank line.
 */
import { decodeLines, type Decoded, type RowOrReason } from './decoded.ts';
import { CEF_CUSTOM_NUMBERS, CEF_KEYS, type CefKind } from './cef-fields.ts';
import { parseSyslog } from './syslog-header.ts';
import { parseCefTime } from './time.ts';

export interface CefOptions {
  /** TimeGenerated when neither 'rt' nor a syslog header gives a time; resolves years too. */
  now?: Date;
}

const HEADER_NAMES = ['Version', 'Device Vendor', 'Device Product', 'Device Version', 'Signature ID', 'Name', 'Severity'];
const HEADER_COLUMNS = [undefined, 'DeviceVendor', 'DeviceProduct', 'DeviceVersion', 'DeviceEventClassID', 'Activity', 'LogSeverity'] as const;
const KEY = /^[A-Za-z0-9_.[\]-]+$/;
const INT32_MAX = 2147483647;

/** Decodes CEF text into CommonSecurityLog rows, one per non-blank line. */
export function decodeCef(text: string, options: CefOptions = {}): Decoded {
  const now = options.now;
  return decodeLines(text, (line) => decodeCefLine(line, now));
}

/** Decodes one CEF line (with or without a syslog header). */
export function decodeCefLine(line: string, now: Date | undefined): RowOrReason {
  const at = line.indexOf('CEF:');
  if (at < 0) return { reason: "not a CEF line: no 'CEF:' marker" };
  const row: Record<string, unknown> = { SourceSystem: 'OpsManager' };
  let headerTime: string | undefined;
  const prefix = line.slice(0, at).trim();
  if (prefix !== '') {
    const sys = parseSyslog(prefix, now ?? new Date());
    if ('reason' in sys) return { reason: `syslog header before 'CEF:': ${sys.reason}` };
    if (sys.parts.host !== undefined) row.Computer = sys.parts.host;
    headerTime = sys.parts.time;
  }
  const header = splitHeader(line.slice(at + 4));
  if (header.length < 7) {
    return { reason: `CEF header needs 7 '|'-separated fields (${HEADER_NAMES.join('|')}) before the extension, found ${header.length}` };
  }
  if (!/^\s*\d+\s*$/.test(header[0]!)) return { reason: `CEF version '${header[0]}' is not a number` };
  for (let i = 1; i < 7; i++) {
    const v = header[i]!;
    if (v !== '') row[HEADER_COLUMNS[i]!] = v;
  }
  const pairs = splitExtension(header[7] ?? '');
  if (typeof pairs === 'string') return { reason: pairs };
  const extra: string[] = [];
  const when = now ?? new Date();
  for (const [key, value] of pairs) {
    const problem = place(row, key, value, extra, when);
    if (problem) return { reason: problem };
  }
  if (extra.length > 0) row.AdditionalExtensions = extra.join(';');
  const time = (row.TimeGenerated as string | undefined) ?? headerTime ?? now?.toISOString();
  if (time !== undefined) row.TimeGenerated = time;
  return { row };
}

/** Puts one extension pair into its column (or AdditionalExtensions); returns a reason when its value does not fit. */
function place(row: Record<string, unknown>, key: string, value: string, extra: string[], now: Date): string | undefined {
  if (key === 'rt') {
    const t = parseCefTime(value, now);
    if (t === undefined) return `extension rt='${value}' is not a time (epoch milliseconds, 'Mar 01 2024 12:00:00' or ISO 8601)`;
    row.ReceiptTime = value;
    row.TimeGenerated = t;
    return undefined;
  }
  if (key === 'deviceDirection') {
    // the specification's 0 and 1; Sentinel shows the words
    if (value !== '') row.CommunicationDirection = value === '0' ? 'Inbound' : value === '1' ? 'Outbound' : value;
    return undefined;
  }
  if (key === 'externalId') {
    row.ExtID = value;
    const n = asInteger(value);
    if (n !== undefined && Math.abs(n) <= INT32_MAX) row.ExternalID = n;
    return undefined;
  }
  const custom = CEF_CUSTOM_NUMBERS[key];
  if (custom) {
    const n = asInteger(value);
    if (n === undefined) return `extension ${key}='${value}' is not an integer (${custom[0]})`;
    row[Math.abs(n) <= INT32_MAX ? custom[0] : custom[1]] = n;
    return undefined;
  }
  const target = Object.hasOwn(CEF_KEYS, key) ? CEF_KEYS[key] : undefined;
  if (!target) {
    extra.push(`${key}=${value}`);
    return undefined;
  }
  if (value === '') return undefined;
  const [column, kind] = target;
  const v = convert(value, kind, now);
  if (v === undefined) return `extension ${key}='${value}' is not ${KIND_WORDS[kind]} (${column})`;
  row[column] = v;
  return undefined;
}

const KIND_WORDS: Record<CefKind, string> = {
  string: 'text', int: 'a 32-bit integer', long: 'an integer', real: 'a number', datetime: 'a time',
};

function convert(value: string, kind: CefKind, now: Date): unknown {
  switch (kind) {
    case 'string': return value;
    case 'int': {
      const n = asInteger(value);
      return n !== undefined && Math.abs(n) <= INT32_MAX ? n : undefined;
    }
    case 'long': return asInteger(value);
    case 'real': {
      const n = value.trim() === '' ? NaN : Number(value);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'datetime': return parseCefTime(value, now);
  }
}

function asInteger(value: string): number | undefined {
  if (!/^\s*[-+]?\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Splits 'Version|Vendor|...|Severity|Extension' on unescaped pipes: 7 header fields, then the rest. */
function splitHeader(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (out.length === 7) return [...out, s.slice(i)];
    if (c === '\\' && (s[i + 1] === '|' || s[i + 1] === '\\')) {
      cur += s[i + 1];
      i++;
    } else if (c === '|') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  if (out.length === 7) return [...out, ''];
  out.push(cur);
  return out;
}

/**
 * Splits the extension into [key, value] pairs. A key is the word before an unescaped '=';
 * a value runs to the space before the next key. Unescapes \\ \= \n \r \| in values.
 */
export function splitExtension(s: string): [string, string][] | string {
  const text = s.replace(/^\s+/, '');
  if (text.trim() === '') return [];
  const marks: { keyStart: number; eq: number }[] = [];
  for (let p = text.indexOf('='); p >= 0; p = text.indexOf('=', p + 1)) {
    if (escaped(text, p)) continue;
    const keyStart = text.lastIndexOf(' ', p - 1) + 1;
    const last = marks[marks.length - 1];
    if (last !== undefined && keyStart <= last.eq) continue;
    if (KEY.test(text.slice(keyStart, p))) marks.push({ keyStart, eq: p });
  }
  if (marks.length === 0 || marks[0]!.keyStart !== 0) {
    return `CEF extension must be key=value pairs separated by spaces, found '${text.slice(0, 30)}'`;
  }
  return marks.map((m, i) => {
    const end = i + 1 < marks.length ? marks[i + 1]!.keyStart : text.length;
    const raw = text.slice(m.eq + 1, end).replace(/\s+$/, '');
    return [text.slice(m.keyStart, m.eq), unescapeValue(raw)];
  });
}

function escaped(s: string, p: number): boolean {
  let n = 0;
  for (let i = p - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

function unescapeValue(v: string): string {
  return v.replace(/\\([\\=|nr])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}
