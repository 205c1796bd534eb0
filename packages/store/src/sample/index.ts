export { generateSample, allocateRows, DEFAULT_END, SAMPLE_TABLES, type SampleOptions } from './generate.ts';
export { loadSentinelSchemas, findSchemaDir, type TableSchema } from './schemas.ts';
export { ORG, USERS, HOSTS } from './org.ts';
export { kustoTypeToDuckDb, normalizeKustoType, KUSTO_TO_DUCKDB, type KustoType } from '../types.ts';
