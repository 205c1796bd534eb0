/**
 * The one place that calls the text decoders of ./formats/ (syslog, CEF, Windows event JSON):
 * each turns text into records keyed by its standard table's column names, plus errors.
 */
import { decodeCef, decodeSyslog, decodeWindowsEvents, type Decoded, type DecodeError } from './formats/index.ts';

export type { Decoded, DecodeError };
export type Decoder = (text: string) => Decoded;

/** The standard table each decoder writes. */
export const DECODED_TABLE = { syslog: 'Syslog', cef: 'CommonSecurityLog', winevent: 'SecurityEvent' } as const;

export function decoderFor(format: 'syslog' | 'cef' | 'winevent'): Decoder {
  switch (format) {
    case 'syslog': return (t) => decodeSyslog(t);
    case 'cef': return (t) => decodeCef(t);
    case 'winevent': return (t) => decodeWindowsEvents(t);
  }
}
