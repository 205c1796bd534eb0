/**
 * The workspace contract: what `server` and `cli` use of a workspace. A workspace is a named
 * data store with its own DuckDB file (`<data dir>/workspaces/<name>/data.duckdb`); its
 * metadata (id, description, retention) lives in `<data dir>/huntbook.sqlite`.
 */
import type { Column, DatabaseSchema, KType } from '@huntbook/kql';
import type { QueryOptions, QueryResult } from '../duckdb/database.ts';

export interface WorkspaceInfo {
  /** stable id (a UUID); APIs accept the id or the name */
  readonly id: string;
  /** [A-Za-z0-9][A-Za-z0-9_-]{0,62}; unique, case-insensitive */
  readonly name: string;
  readonly description: string;
  /** rows older than this by TimeGenerated are removed by applyRetention() */
  readonly retentionDays: number;
  /** ISO 8601 */
  readonly createdAt: string;
}

export interface CreateWorkspaceOptions {
  name: string;
  description?: string;
  /** default 90 */
  retentionDays?: number;
  /** create standard Sentinel tables at birth: true for all of them, or a list of names */
  standardTables?: boolean | readonly string[];
  /** fill the new database file before the workspace opens it (the demo's sample data); runs after the standard tables exist */
  populate?: (dbPath: string) => Promise<void>;
}

export interface TableInfo {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly rows: number;
  /** estimated bytes on disk */
  readonly bytes: number;
  /** min / max TimeGenerated (contract datetime strings), null when empty or absent */
  readonly firstTime: string | null;
  readonly lastTime: string | null;
}

/** Query limits, like Kusto's. Each limit, when hit, has a clear KqlError (HB004) or a partial flag. */
export interface RunOptions extends QueryOptions {
  /** aborts the query (client went away): DuckDB's interrupt */
  signal?: AbortSignal;
  /** default 180000 (3 minutes) */
  timeoutMs?: number;
  /** default 500000: more rows are cut and the result is marked partial */
  maxRows?: number;
  /** default 64 MiB of result JSON: more is cut and the result is marked partial */
  maxBytes?: number;
}

export interface RunResult extends QueryResult {
  /** set when the result was cut by maxRows or maxBytes */
  readonly partial?: { readonly reason: 'rows' | 'bytes'; readonly limit: number; readonly message: string };
}

export type IngestFormat = 'csv' | 'json' | 'ndjson' | 'parquet' | 'syslog' | 'cef' | 'winevent';

/** What to ingest: files (format from the extension or `format`, .gz decompressed), bytes, or records. */
export type IngestSource =
  | { readonly kind: 'files'; readonly paths: readonly string[] }
  | { readonly kind: 'bytes'; readonly data: Uint8Array; readonly name?: string }
  | { readonly kind: 'records'; readonly records: readonly Record<string, unknown>[] };

export interface IngestOptions {
  /** default: from the file name (.csv, .json, .ndjson/.jsonl, .parquet, .log/.syslog, .cef, .evtx.json ...) */
  format?: IngestFormat;
  /** 'reject' (default): a bad record rejects the whole batch; 'quarantine': bad records go to HuntbookIngestionErrors */
  errors?: 'reject' | 'quarantine';
  /** append the _CL suffix to a new custom table's name (Log Analytics' convention) */
  customLog?: boolean;
}

export interface IngestReport {
  readonly table: string;
  readonly rows: number;
  readonly quarantined: number;
  readonly addedColumns: readonly Column[];
  /** columns whose type was widened by this batch: from -> to */
  readonly widened: readonly { readonly name: string; readonly from: KType; readonly to: KType }[];
  readonly ms: number;
}

export interface Workspace {
  readonly info: WorkspaceInfo;
  /** Run KQL. Queries run concurrently on a pool of connections (a cap, then a queue) and see committed data only. */
  query(kql: string, options?: RunOptions): Promise<RunResult>;
  /** the engine's view of the tables (cached; changes after ingestion that adds tables or columns) */
  schema(): Promise<DatabaseSchema>;
  tables(): Promise<TableInfo[]>;
  /** One atomic batch: all rows visible or none. Throws IngestError (record number + reason) when rejected. */
  ingest(table: string, source: IngestSource, options?: IngestOptions): Promise<IngestReport>;
  /** Delete rows older than retentionDays by TimeGenerated, in every table that has it. */
  applyRetention(now?: Date): Promise<{ table: string; deleted: number }[]>;
  close(): Promise<void>;
}
