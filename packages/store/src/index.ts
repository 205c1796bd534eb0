export * from './sample/index.ts';
export * from './duckdb/database.ts';
export type * from './workspace/types.ts';
export { QueryLimitError, type LimitKind } from './duckdb/limits.ts';
