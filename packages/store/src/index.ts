export * from './sample/index.ts';
export * from './duckdb/database.ts';
export type * from './workspace/types.ts';
export { QueryLimitError, type LimitKind } from './duckdb/limits.ts';
export { ingestBatch, IngestError, ERRORS_TABLE, type IngestTarget, type IngestErrorWhere } from './ingest/index.ts';
