/**
 * Decoders for log formats that map onto standard Sentinel tables: syslog into Syslog, CEF
 * into CommonSecurityLog and Windows event JSON into SecurityEvent. Pure functions from text
 * to rows keyed by the table's column names, plus one error per unreadable record.
 */
export type { Decoded, DecodeError } from './decoded.ts';
export { decodeSyslog, type SyslogOptions } from './syslog.ts';
export { decodeCef, type CefOptions } from './cef.ts';
export { decodeWindowsEvents } from './windows.ts';
