/**
 * Syslog (RFC 3164, RFC 5424 and /var/log lines) into rows of the Sentinel Syslog table.
 * One record per non-blank line. Facility and severity names are those Sentinel writes
 * (rsyslog's names: 'authpriv', 'local0', 'err', 'warning', ...).
 */
import { isIP } from 'node:net';
import { decodeLines, type Decoded, type RowOrReason } from './decoded.ts';
import { parseSyslog, type SyslogParts } from './syslog-header.ts';

/** Facility names by code, as rsyslog and the Azure Monitor Agent spell them. */
export const FACILITIES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'ntp', 'audit', 'alert', 'clock', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
] as const;

/** Severity names by code, as Sentinel's SeverityLevel column holds them. */
export const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

export interface SyslogOptions {
  /** Resolves the year of timestamps that have none; defaults to the current time. */
  now?: Date;
  /** Computer and HostName when a line names no host. */
  defaultHost?: string;
}

/** Decodes syslog text into Syslog rows, one per non-blank line. */
export function decodeSyslog(text: string, options: SyslogOptions = {}): Decoded {
  const now = options.now ?? new Date();
  return decodeLines(text, (line) => {
    const r = parseSyslog(line, now);
    return 'reason' in r ? r : toRow(r.parts, options.defaultHost);
  });
}

/** Maps the parts of one syslog line to Syslog columns. */
export function syslogRow(p: SyslogParts, defaultHost?: string): Record<string, unknown> {
  const row: Record<string, unknown> = { SourceSystem: 'Linux' };
  if (p.time !== undefined) {
    row.TimeGenerated = p.time;
    row.EventTime = p.time;
  }
  const host = p.host ?? defaultHost;
  if (host !== undefined && host !== '') {
    row.Computer = host;
    row.HostName = host;
    if (isIP(host)) row.HostIP = host;
  }
  if (p.pri !== undefined) {
    row.Facility = FACILITIES[p.pri >> 3];
    row.SeverityLevel = SEVERITIES[p.pri & 7];
  }
  if (p.app !== undefined) row.ProcessName = p.app;
  if (p.procId !== undefined && /^\d{1,10}$/.test(p.procId) && Number(p.procId) <= 2147483647) row.ProcessID = Number(p.procId);
  row.SyslogMessage = messageOf(p);
  return row;
}

/** RFC 5424 MSGID and structured data have no column: they stay in front of the message. */
function messageOf(p: SyslogParts): string {
  return [p.msgId, p.structuredData, p.msg].filter((x) => x !== undefined && x !== '').join(' ');
}

function toRow(p: SyslogParts, defaultHost?: string): RowOrReason {
  return { row: syslogRow(p, defaultHost) };
}
