/**
 * Ingestion: files, bytes or records into a table of a workspace's DuckDB database, one atomic
 * batch at a time, with the schema growing and widening as the data asks (see widen.ts).
 */
export { ingestBatch, validateTableName, type IngestTarget } from './batch.ts';
export { IngestError, type IngestErrorWhere } from './errors.ts';
export { widen, resolveExisting } from './widen.ts';
export { formatOfName } from './source.ts';
export { ERRORS_TABLE } from './quarantine.ts';
