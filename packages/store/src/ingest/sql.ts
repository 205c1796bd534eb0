/**
 * Quoting helpers for the ingestion SQL: every identifier and literal from user data goes through
 * these. The quoting itself is the store's one implementation (duckdb/schema.ts).
 */
import { quoteIdent, quoteString } from '../duckdb/schema.ts';
import { cleanDuckDbMessage } from '../duckdb/runner.ts';

/** A DuckDB identifier: double-quoted, quotes doubled. */
export const ident = quoteIdent;

/** A DuckDB string literal: single-quoted, quotes doubled. */
export const str = quoteString;

/** A TIMESTAMP_NS literal of a JS date (UTC). */
export function timestampNs(d: Date): string {
  return `CAST(${str(d.toISOString().replace('T', ' ').replace('Z', ''))} AS TIMESTAMP_NS)`;
}

/** First line of a DuckDB error, without its "Xxx Error: " prefix. */
export function duckMessage(e: unknown): string {
  return cleanDuckDbMessage(e).trim();
}
