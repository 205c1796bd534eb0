export * from './sample/index.ts';
export * from './duckdb/database.ts';
export type * from './workspace/types.ts';
export { QueryLimitError, type LimitKind } from './duckdb/limits.ts';
export { ingestBatch, IngestError, ERRORS_TABLE, type IngestTarget, type IngestErrorWhere } from './ingest/index.ts';
export { WorkspaceStore, resolveDataDir, type StoreOptions } from './workspace/store.ts';
export type { EngineOptions } from './workspace/workspace.ts';
export { WORKSPACE_NAME, DEFAULT_RETENTION_DAYS, WorkspaceExistsError } from './workspace/names.ts';
