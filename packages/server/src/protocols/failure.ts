/**
 * One reading of every error a query or command can end with, shared by the Log Analytics and
 * Kusto wire formats: what kind of failure it is, the HTTP status it maps to, and the
 * diagnostics (code, message, line, column, offset) when the engine rejected the query.
 */
import { KqlError, ErrorCodes, type Diagnostic } from '@huntbook/kql';
import { QueryLimitError, type LimitKind } from '@huntbook/store';

export type FailureKind =
  | 'syntax'       // the query does not parse
  | 'semantic'     // it parses but does not bind (unknown names, wrong types)
  | 'unsupported'  // valid KQL that Huntbook does not run yet (HB001)
  | 'invalid'      // other engine rejections (HB002, HB003)
  | 'timeout'      // the query ran past its time limit
  | 'cancelled'    // the client went away or the query was interrupted
  | 'limits'       // a memory or size limit was hit while running
  | 'execution'    // the backend failed while running the query (HB004)
  | 'request'      // a bad request or command (status 4xx set by whoever threw it)
  | 'notfound'     // a workspace, table or route that does not exist
  | 'throttled'    // too many queries queued
  | 'internal';    // anything else: a bug

export interface Failure {
  readonly kind: FailureKind;
  readonly status: number;
  /** one line for people: what went wrong and where */
  readonly message: string;
  /** the engine's diagnostics (first is the main one), when the engine rejected the query */
  readonly diagnostics: readonly Diagnostic[];
  /** a code of the thrower's own (e.g. a ProtocolError's), when it had one */
  readonly code?: string;
}

/** An error with an HTTP status and a code, thrown by the protocol layer itself (e.g. an unsupported command). */
export class ProtocolError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

const SYNTAX_MESSAGE = /^(expected|missing|unexpected|query operator expected|unterminated|the expression .* is not valid|invalid character)/i;

/** Parse errors of Kusto.Language read "Expected: )", "Missing expression", "Query operator expected." ... */
export function isSyntaxDiagnostic(d: Diagnostic): boolean {
  return d.code.startsWith('KS') && SYNTAX_MESSAGE.test(d.message);
}

export function classify(e: unknown): Failure {
  if (e instanceof QueryLimitError) {
    const kind = LIMIT_KIND[e.limit];
    return { kind, status: kind === 'internal' ? 503 : statusOf(kind), message: e.diagnostics[0]?.message ?? e.message, diagnostics: [] };
  }
  if (e instanceof KqlError) {
    const diagnostics = e.diagnostics.length ? e.diagnostics : [{ code: ErrorCodes.Invalid, severity: 'error' as const, message: e.message, start: 0, length: 0, line: 1, column: 1 }];
    const d = diagnostics[0]!;
    const message = `${d.message} (line ${d.line}, column ${d.column}) [${d.code}]`;
    if (d.code === ErrorCodes.Execution) {
      const kind = runtimeKind(d.message) ?? 'execution';
      return { kind, status: statusOf(kind), message, diagnostics };
    }
    if (d.code === ErrorCodes.Unsupported) return { kind: 'unsupported', status: 400, message, diagnostics };
    if (d.code.startsWith('HB')) return { kind: 'invalid', status: 400, message, diagnostics };
    return { kind: isSyntaxDiagnostic(d) ? 'syntax' : 'semantic', status: 400, message, diagnostics };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  const anyErr = err as Error & { status?: unknown; statusCode?: unknown; code?: unknown };
  const status = typeof anyErr.statusCode === 'number' ? anyErr.statusCode : typeof anyErr.status === 'number' ? anyErr.status : undefined;
  const code = typeof anyErr.code === 'string' ? anyErr.code : undefined;
  if (err.name === 'AbortError' || code === 'ABORT_ERR') return { kind: 'cancelled', status: 499, message: `the query was cancelled: ${err.message}`, diagnostics: [], code };
  if (err.name === 'TimeoutError') return { kind: 'timeout', status: 504, message: err.message, diagnostics: [], code };
  if (status !== undefined && status >= 400 && status < 600) {
    const kind: FailureKind = status === 404 ? 'notfound' : status === 429 || status === 503 ? 'throttled' : status === 408 || status === 504 ? 'timeout' : status < 500 ? 'request' : 'internal';
    return { kind, status, message: err.message, diagnostics: [], code };
  }
  const kind = runtimeKind(err.message);
  if (kind) return { kind, status: statusOf(kind), message: err.message, diagnostics: [], code };
  return { kind: 'internal', status: 500, message: err.message || 'internal error', diagnostics: [], code };
}

const LIMIT_KIND: Record<LimitKind, FailureKind> = { timeout: 'timeout', cancelled: 'cancelled', memory: 'limits', queue: 'throttled', closed: 'internal' };

/** Limits reported as execution errors (HB004) are told apart by their words. */
function runtimeKind(message: string): FailureKind | undefined {
  if (/timed? ?out|time limit|timeout/i.test(message)) return 'timeout';
  if (/cancel|interrupt|aborted/i.test(message)) return 'cancelled';
  if (/memory/i.test(message)) return 'limits';
  return undefined;
}

function statusOf(kind: FailureKind): number {
  switch (kind) {
    case 'timeout': return 504;
    case 'cancelled': return 499;
    case 'limits': return 400;
    case 'execution': return 500;
    case 'throttled': return 429;
    default: return 400;
  }
}
