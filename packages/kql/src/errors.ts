/**
 * Errors and diagnostics of the KQL engine. Every user-facing error carries a stable
 * code, a message, and where it happened (offset into the query, line and column).
 */

export interface Diagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** character offset into the query text */
  readonly start: number;
  readonly length: number;
  /** 1-based */
  readonly line: number;
  /** 1-based */
  readonly column: number;
}

/** Stable error codes of Huntbook's own (Kusto's diagnostics keep their KSnnn codes). */
export const ErrorCodes = {
  /** A KQL feature the engine does not support yet. */
  Unsupported: 'HB001',
  /** A query that Kusto.Language accepts but that is invalid for the engine. */
  Invalid: 'HB002',
  /** The query is empty or has no tabular result. */
  NoResult: 'HB003',
  /** Runtime failure in the backend while executing the query. */
  Execution: 'HB004',
} as const;

/** A user error: bad or unsupported query. Carries one or more diagnostics. */
export class KqlError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(formatDiagnostics(diagnostics));
    this.name = 'KqlError';
    this.diagnostics = diagnostics;
  }
  get code(): string { return this.diagnostics[0]?.code ?? ErrorCodes.Invalid; }
  get line(): number { return this.diagnostics[0]?.line ?? 1; }
  get column(): number { return this.diagnostics[0]?.column ?? 1; }
}

export function formatDiagnostics(ds: readonly Diagnostic[]): string {
  return ds.map((d) => `${d.message} (line ${d.line}, column ${d.column}) [${d.code}]`).join('\n');
}

/** Line and column (1-based) of an offset in text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastNl = -1;
  const end = Math.max(0, Math.min(offset, text.length));
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) { line++; lastNl = i; }
  }
  return { line, column: end - lastNl };
}

export function makeDiagnostic(text: string, code: string, message: string, start: number, length = 0, severity: 'error' | 'warning' = 'error'): Diagnostic {
  const { line, column } = lineColumn(text, start);
  return { code, severity, message, start, length, line, column };
}

/** Thrown inside the compiler for unsupported features; caught by compile() and turned into a KqlError. */
export class UnsupportedFeature extends Error {
  constructor(readonly feature: string, readonly start: number, readonly length = 0, readonly hint?: string) {
    super(`${feature} is not supported yet${hint ? `: ${hint}` : ''}`);
  }
}

/** Thrown inside the compiler for semantically invalid input that Kusto.Language let through. */
export class InvalidQuery extends Error {
  constructor(message: string, readonly start: number, readonly length = 0) {
    super(message);
  }
}
