/**
 * The result every format decoder returns: rows keyed by the target table's column names,
 * and one error per record that could not be read (never a throw, never a half-filled row).
 */

/** One record that could not be decoded. */
export interface DecodeError {
  /** 1-based index of the record among the input's records (blank lines are not records). */
  record: number;
  /** 1-based line where the record starts. */
  line: number;
  /** What is wrong, in words a user can act on. */
  reason: string;
  /** The record's text as it was read (one line, or one JSON value). */
  raw: string;
}

/** Rows for the target table and the records that were refused. */
export interface Decoded {
  records: Record<string, unknown>[];
  errors: DecodeError[];
}

/** A record-level decode outcome: a row, or the reason there is none. */
export type RowOrReason = { row: Record<string, unknown> } | { reason: string };

/** One line of input with its 1-based line number. */
export interface Line {
  line: number;
  text: string;
}

/** Splits text into lines (LF or CRLF), dropping a leading byte order mark and blank lines. */
export function nonBlankLines(text: string): Line[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: Line[] = [];
  const parts = src.split('\n');
  for (let i = 0; i < parts.length; i++) {
    let t = parts[i]!;
    if (t.endsWith('\r')) t = t.slice(0, -1);
    if (t.trim() === '') continue;
    out.push({ line: i + 1, text: t });
  }
  return out;
}

/** Runs a per-line decoder over every non-blank line and gathers rows and errors. */
export function decodeLines(text: string, decodeLine: (text: string) => RowOrReason): Decoded {
  const result: Decoded = { records: [], errors: [] };
  const lines = nonBlankLines(text);
  for (let k = 0; k < lines.length; k++) {
    const { line, text: t } = lines[k]!;
    const r = decodeLine(t);
    if ('row' in r) result.records.push(r.row);
    else result.errors.push({ record: k + 1, line, reason: r.reason, raw: t });
  }
  return result;
}
