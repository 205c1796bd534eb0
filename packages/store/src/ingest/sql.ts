/** Quoting helpers for the ingestion SQL: every identifier and literal from user data goes through these. */

/** A DuckDB identifier: double-quoted, quotes doubled. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A DuckDB string literal: single-quoted, quotes doubled. */
export function str(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A TIMESTAMP_NS literal of a JS date (UTC). */
export function timestampNs(d: Date): string {
  return `CAST(${str(d.toISOString().replace('T', ' ').replace('Z', ''))} AS TIMESTAMP_NS)`;
}

/** First line of a DuckDB error, without its "Xxx Error: " prefix. */
export function duckMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0]!.replace(/^[A-Za-z ]+Error: /, '').trim();
}
