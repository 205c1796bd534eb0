export { generateSample, allocateRows, DEFAULT_END, SAMPLE_TABLES, type SampleOptions, type SampleResult } from './generate.ts';
export { sampleAnswerKey, STORY_IDS, STORY_QUERIES, type AnswerKey, type StoryAnswer, type StoryEntity, type EntityType } from './stories/index.ts';
export { loadSentinelSchemas, findSchemaDir, type TableSchema } from './schemas.ts';
export { ORG, USERS, HOSTS } from './org.ts';
export { kustoTypeToDuckDb, normalizeKustoType, KUSTO_TO_DUCKDB, type KustoType } from '../types.ts';
