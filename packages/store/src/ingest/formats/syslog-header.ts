/**
 * Reads one syslog line, RFC 3164 (BSD, with or without '<PRI>', as in /var/log files) or
 * RFC 5424, into its parts. Shared by the Syslog decoder and by CEF lines that arrive
 * behind a syslog header.
 */
import { formatIso, inferYear, monthOf, parseIso, utcMillis } from './time.ts';

/** The parts of a syslog line; absent parts were absent or NILVALUE ('-'). */
export interface SyslogParts {
  format: 'rfc3164' | 'rfc5424';
  pri?: number;
  /** UTC ISO 8601. */
  time?: string;
  host?: string;
  app?: string;
  procId?: string;
  msgId?: string;
  /** Structured data as written ('[id k="v"][id2 ...]'). */
  structuredData?: string;
  msg: string;
}

export type SyslogParse = { parts: SyslogParts } | { reason: string };

const BSD_TIME = /^([A-Za-z]{3}) {1,2}(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?= |$)/;
const ISO_TOKEN = /^\d{4}-\d{2}-\d{2}T\S+(?= |$)/;
const TAG = /^([^\s[\]:]{1,64})(?:\[([^\]\s]*)\])?:(?: |$)/;

/** Reads a syslog line; `now` resolves the year of BSD timestamps. */
export function parseSyslog(line: string, now: Date): SyslogParse {
  let rest = line;
  let pri: number | undefined;
  if (rest.startsWith('<')) {
    const m = /^<(\d{1,3})>/.exec(rest);
    if (!m) return { reason: `'${rest.slice(0, 6)}' is not a syslog priority: expected '<' 0..191 '>'` };
    pri = Number(m[1]);
    if (pri > 191) return { reason: `syslog priority <${pri}> is out of range 0..191` };
    rest = rest.slice(m[0].length);
    if (/^1 /.test(rest)) return parse5424(rest.slice(2), pri);
  }
  return parse3164(rest, pri, now);
}

function parse3164(text: string, pri: number | undefined, now: Date): SyslogParse {
  let time: string | undefined;
  let rest: string;
  const bsd = BSD_TIME.exec(text);
  const iso = bsd ? null : ISO_TOKEN.exec(text);
  if (bsd) {
    const mo = monthOf(bsd[1]!);
    const ms = mo === undefined ? undefined
      : bsd[3] ? utcMillis(+bsd[3], mo, +bsd[2]!, +bsd[4]!, +bsd[5]!, +bsd[6]!)
      : inferYear(mo, +bsd[2]!, +bsd[4]!, +bsd[5]!, +bsd[6]!, now);
    if (ms === undefined) return { reason: `'${bsd[0]}' is not a valid date and time` };
    time = formatIso(ms, bsd[7] ?? '');
    rest = text.slice(bsd[0].length);
  } else if (iso) {
    time = parseIso(iso[0]);
    if (time === undefined) return { reason: `'${iso[0]}' is not a valid RFC 3339 timestamp` };
    rest = text.slice(iso[0].length);
  } else {
    const what = pri === undefined ? 'not a syslog line: expected <PRI> or a timestamp' : `expected a timestamp after <${pri}>`;
    return { reason: `${what} like 'Mar  1 12:00:00' or '2024-03-01T12:00:00Z' at the start, found '${text.slice(0, 20)}'` };
  }
  rest = rest.replace(/^ +/, '');
  const parts: SyslogParts = { format: 'rfc3164', msg: '' };
  if (pri !== undefined) parts.pri = pri;
  if (time !== undefined) parts.time = time;
  // the host is the next word unless that word is already the tag ('sshd[42]:', 'kernel:')
  const word = /^\S+/.exec(rest)?.[0];
  if (word !== undefined && !TAG.test(rest)) {
    parts.host = word;
    rest = rest.slice(word.length).replace(/^ /, '');
  }
  const tag = TAG.exec(rest);
  if (tag) {
    parts.app = tag[1]!;
    if (tag[2]) parts.procId = tag[2];
    rest = rest.slice(tag[0].length);
  }
  parts.msg = rest;
  return { parts };
}

function parse5424(text: string, pri: number): SyslogParse {
  const head = /^(\S+) (\S+) (\S+) (\S+) (\S+) /.exec(text);
  if (!head) return { reason: 'RFC 5424 header is incomplete: expected VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA' };
  const [, ts, host, app, procId, msgId] = head as unknown as [string, string, string, string, string, string];
  const parts: SyslogParts = { format: 'rfc5424', pri, msg: '' };
  if (ts !== '-') {
    const time = parseIso(ts);
    if (time === undefined) return { reason: `'${ts}' is not a valid RFC 5424 timestamp` };
    parts.time = time;
  }
  if (host !== '-') parts.host = host;
  if (app !== '-') parts.app = app;
  if (procId !== '-') parts.procId = procId;
  if (msgId !== '-') parts.msgId = msgId;
  let rest = text.slice(head[0].length);
  if (rest.startsWith('-')) {
    rest = rest.slice(1);
  } else if (rest.startsWith('[')) {
    const end = structuredDataEnd(rest);
    if (typeof end === 'string') return { reason: end };
    parts.structuredData = rest.slice(0, end);
    rest = rest.slice(end);
  } else {
    return { reason: `RFC 5424 structured data must be '-' or start with '[', found '${rest.slice(0, 20)}'` };
  }
  if (rest !== '' && !rest.startsWith(' ')) return { reason: `expected a space after the structured data, found '${rest.slice(0, 20)}'` };
  rest = rest.slice(1);
  parts.msg = rest.charCodeAt(0) === 0xfeff ? rest.slice(1) : rest;
  return { parts };
}

/** Index just after the last SD-ELEMENT, or a reason when the brackets or quotes do not close. */
function structuredDataEnd(s: string): number | string {
  let i = 0;
  while (s[i] === '[') {
    let quoted = false;
    i++;
    for (;;) {
      if (i >= s.length) return `structured data is not closed: ${quoted ? 'a quoted value' : "an element '['"} runs to the end of the line`;
      const c = s[i]!;
      if (quoted) {
        if (c === '\\') i++;
        else if (c === '"') quoted = false;
      } else if (c === '"') {
        quoted = true;
      } else if (c === ']') {
        break;
      }
      i++;
    }
    i++;
  }
  return i;
}
