/**
 * IngestError: why a batch was rejected, and where (file, record number 1-based within the
 * file's records, source line, column). Nothing of a rejected batch is stored.
 */
export interface IngestErrorWhere {
  /** 1-based record number within the file (or the batch, for bytes and records) */
  record?: number;
  /** the file the record came from, when the batch has files */
  file?: string;
  /** 1-based line in the source text, when it differs from the record number */
  line?: number;
  /** the column whose value could not be stored */
  column?: string;
}

export class IngestError extends Error {
  override readonly name = 'IngestError';
  readonly record?: number;
  readonly file?: string;
  readonly line?: number;
  readonly column?: string;
  readonly reason: string;

  constructor(reason: string, where: IngestErrorWhere = {}) {
    super(describe(reason, where));
    this.reason = reason;
    this.record = where.record;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }
}

function describe(reason: string, w: IngestErrorWhere): string {
  const at: string[] = [];
  if (w.file !== undefined) at.push(w.file);
  if (w.record !== undefined) at.push(`record ${w.record}${w.line !== undefined && w.line !== w.record ? ` (line ${w.line})` : ''}`);
  if (w.column !== undefined) at.push(`column '${w.column}'`);
  return at.length ? `${at.join(', ')}: ${reason}` : reason;
}
