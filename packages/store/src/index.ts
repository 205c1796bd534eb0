export * from './sample/index.ts';
export * from './duckdb/database.ts';
