/**
 * format_datetime / format_timespan: the format (a constant string) is read here and turned
 * into a concatenation of SQL pieces, one per .NET-style specifier (yyyy, MM, dd, HH, hh, mm,
 * ss, f..fffffff, F..FFFFFFF, tt, d..dddddddd for timespans).
 */
import { UnsupportedFeature } from '../../../errors.ts';
import { str } from '../quote.ts';
import { litString, type Arg, type ScalarEmitter } from '../types.ts';

interface Token { readonly spec?: string; readonly text?: string }

/** Split a format into runs of the same specifier letter and literal text. */
function tokenize(fmt: string, letters: string, pos: number, fn: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (letters.includes(c)) {
      let j = i;
      while (j < fmt.length && fmt[j] === c) j++;
      out.push({ spec: fmt.slice(i, j) });
      i = j;
    } else if (c === "'" || c === '"') {
      const end = fmt.indexOf(c, i + 1);
      if (end < 0) throw new UnsupportedFeature(`${fn}() with an unterminated quoted text in the format`, pos);
      out.push({ text: fmt.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '\\' && i + 1 < fmt.length) {
      out.push({ text: fmt[i + 1]! });
      i += 2;
    } else if (/[A-Za-z%]/.test(c)) {
      throw new UnsupportedFeature(`${fn}() with the format specifier '${c}'`, pos);
    } else {
      out.push({ text: c });
      i++;
    }
  }
  return out;
}

const pad = (sql: string, n: number): string => (n <= 1 ? `CAST(${sql} AS VARCHAR)` : `lpad(CAST(${sql} AS VARCHAR), ${n}, '0')`);

/** Fraction pieces from the 7-digit fraction text `frac7`. */
function fraction(spec: string, frac7: string, pos: number, fn: string): string {
  if (spec.length > 7) throw new UnsupportedFeature(`${fn}() with more than 7 fraction digits`, pos);
  const digits = `substr(${frac7}, 1, ${spec.length})`;
  return spec[0] === 'f' ? digits : `rtrim(${digits}, '0')`;
}

/** Concatenate tokens; a '.' right before F.. disappears when the F part is empty (as in .NET). */
function assemble(tokens: Token[], piece: (spec: string) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.text === '.' && next?.spec?.[0] === 'F') {
      const f = piece(next.spec);
      parts.push(`(CASE WHEN ${f} = '' THEN '' ELSE '.' || ${f} END)`);
      i++;
      continue;
    }
    parts.push(t.spec ? piece(t.spec) : str(t.text!));
  }
  return parts.length ? `(${parts.join(' || ')})` : "''";
}

function constantFormat(a: Arg | undefined, fn: string, pos: number): string {
  const f = litString(a);
  if (f === undefined) throw new UnsupportedFeature(`${fn}() with a format that is not a constant string`, pos);
  return f;
}

function formatDatetime(args: Arg[], _t: unknown, call: { pos?: number }): string {
  const pos = call.pos ?? 0;
  const fmt = constantFormat(args[1], 'format_datetime', pos);
  const dt = args[0]!.sql;
  const ns = `epoch_ns(${dt})`;
  const date = `(DATE '1970-01-01' + CAST(((${ns}) - ((((${ns}) % 86400000000000) + 86400000000000) % 86400000000000)) // 86400000000000 AS INTEGER))`;
  const tod = `((((${ns}) % 86400000000000) + 86400000000000) % 86400000000000)`;
  const hour = `(${tod} // 3600000000000)`;
  const frac7 = `lpad(CAST(((((${ns}) % 1000000000) + 1000000000) % 1000000000) // 100 AS VARCHAR), 7, '0')`;
  const piece = (spec: string): string => {
    const n = spec.length;
    switch (spec[0]) {
      case 'y': return n <= 2 ? pad(`year(${date}) % 100`, n) : pad(`year(${date})`, n);
      case 'M': if (n <= 2) return pad(`month(${date})`, n); break;
      case 'd': if (n <= 2) return pad(`day(${date})`, n); break;
      case 'H': if (n <= 2) return pad(hour, n); break;
      case 'h': if (n <= 2) return pad(`((${hour} + 11) % 12 + 1)`, n); break;
      case 'm': if (n <= 2) return pad(`((${tod} // 60000000000) % 60)`, n); break;
      case 's': if (n <= 2) return pad(`((${tod} // 1000000000) % 60)`, n); break;
      case 't': if (n <= 2) return `(CASE WHEN ${hour} < 12 THEN ${str(n === 1 ? 'A' : 'AM')} ELSE ${str(n === 1 ? 'P' : 'PM')} END)`; break;
      case 'f': case 'F': return fraction(spec, frac7, pos, 'format_datetime');
    }
    throw new UnsupportedFeature(`format_datetime() with the format specifier '${spec}'`, pos);
  };
  const body = assemble(tokenize(fmt, 'yMdHhmstfF', pos, 'format_datetime'), piece);
  return `COALESCE(CASE WHEN ${dt} IS NOT NULL THEN ${body} END, '')`;
}

function formatTimespan(args: Arg[], _t: unknown, call: { pos?: number }): string {
  const pos = call.pos ?? 0;
  const fmt = constantFormat(args[1], 'format_timespan', pos);
  const x = args[0]!.sql;
  const ab = `abs(${x})`;
  const frac7 = `lpad(CAST(${ab} % 10000000 AS VARCHAR), 7, '0')`;
  const piece = (spec: string): string => {
    const n = spec.length;
    switch (spec[0]) {
      case 'd': if (n <= 8) return pad(`${ab} // 864000000000`, n); break;
      case 'h': case 'H': if (n <= 2) return pad(`(${ab} // 36000000000) % 24`, n); break;
      case 'm': if (n <= 2) return pad(`(${ab} // 600000000) % 60`, n); break;
      case 's': if (n <= 2) return pad(`(${ab} // 10000000) % 60`, n); break;
      case 'f': case 'F': return fraction(spec, frac7, pos, 'format_timespan');
    }
    throw new UnsupportedFeature(`format_timespan() with the format specifier '${spec}'`, pos);
  };
  const body = assemble(tokenize(fmt, 'dhHmsfF', pos, 'format_timespan'), piece);
  return `COALESCE(CASE WHEN ${x} < 0 THEN '-' || ${body} WHEN ${x} >= 0 THEN ${body} END, '')`;
}

export const datetimeFormatFunctions: Record<string, ScalarEmitter> = {
  format_datetime: (args, t, call) => formatDatetime(args, t, call),
  format_timespan: (args, t, call) => formatTimespan(args, t, call),
};
