/**
 * The Log Analytics query API's wire format (`/v1/workspaces/{id}/query` and `/metadata`), as
 * the service returns it and `@azure/monitor-query` reads it: `{"tables":[{"name":"PrimaryResult",
 * "columns":[{"name","type"}],"rows":[...]}]}`, `statistics` and `render` when the `Prefer`
 * header asks for them, and an `error` beside `tables` when the result is partial (the client
 * reports LogsQueryResultStatus.PartialFailure). Errors use the OneAPI shape
 * `{"error":{"code","message","innererror":{...}}}` with Kusto's diagnostics innermost.
 */
import type { RunResult, Workspace } from '@huntbook/store';
import type { ResultValue } from '@huntbook/kql';
import type { Prefer } from './prefer.ts';
import { classify, type Failure } from './failure.ts';
import { laRender } from './render.ts';

export function laQueryResponse(result: RunResult, prefer: Prefer): unknown {
  const dynamic = result.columns.map((c) => c.type === 'dynamic');
  const rows = dynamic.some(Boolean) ? result.rows.map((r) => r.map((v, i) => (dynamic[i] ? dynamicText(v) : v))) : result.rows;
  const body: Record<string, unknown> = {
    tables: [{ name: 'PrimaryResult', columns: result.columns.map((c) => ({ name: c.name, type: c.type })), rows }],
  };
  if (prefer.includeStatistics) body.statistics = laStatistics(result);
  if (prefer.includeRender) body.render = laRender(result.render);
  if (result.partial) {
    body.error = {
      code: 'PartialError',
      message: 'There were some errors when processing your query',
      details: [{ code: 'EngineError', message: result.partial.message, target: partialCode(result.partial.reason) }],
      innererror: { code: partialCode(result.partial.reason), message: result.partial.message, limit: result.partial.limit, severity: 2, severityName: 'Error' },
    };
  }
  return body;
}

/** Log Analytics sends dynamic values as their JSON text (the client parses them back). */
function dynamicText(v: ResultValue): ResultValue {
  return v === null || v === undefined ? null : JSON.stringify(v);
}

export function partialCode(reason: 'rows' | 'bytes'): string {
  return reason === 'rows' ? 'E_QUERY_RESULT_SET_TOO_LARGE' : 'E_QUERY_RESULT_SET_TOO_LARGE_BYTES';
}

function laStatistics(result: RunResult): Record<string, unknown> {
  const s = result.stats;
  const totalMs = s.parse_ms + s.compile_ms + s.execute_ms;
  return {
    query: {
      executionTime: round(totalMs / 1000, 6),
      datasetStatistics: [{ tableRowCount: result.rows.length }],
      huntbook: { parseMs: round(s.parse_ms, 3), compileMs: round(s.compile_ms, 3), executeMs: round(s.execute_ms, 3), cached: s.cached },
      ...(result.partial ? { resultTruncated: { reason: result.partial.reason, limit: result.partial.limit } } : {}),
    },
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** `/v1/workspaces/{id}/metadata`: the workspace and its tables with their columns, as Log Analytics lists them. */
export async function laMetadataResponse(ws: Workspace): Promise<unknown> {
  const schema = await ws.schema();
  const tables = schema.tables.map((t) => ({
    id: `t/${t.name}`,
    name: t.name,
    timespanColumn: t.columns.some((c) => c.name === 'TimeGenerated' && c.type === 'datetime') ? 'TimeGenerated' : undefined,
    columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
  }));
  return {
    tables,
    tableGroups: [],
    functions: [],
    applications: [],
    workspaces: [{
      id: ws.info.id,
      name: ws.info.name,
      description: ws.info.description,
      retentionInDays: ws.info.retentionDays,
      tables: tables.map((t) => t.id),
    }],
  };
}

/** A failed query or request in the OneAPI error shape, with its HTTP status. */
export function laError(e: unknown): { status: number; body: unknown } {
  const f = classify(e);
  return { status: f.status, body: { error: laErrorInfo(f) } };
}

const SUMMARY: Partial<Record<Failure['kind'], { code: string; message: string }>> = {
  syntax: { code: 'SyntaxError', message: 'A recognition error occurred in the query' },
  semantic: { code: 'SemanticError', message: 'A semantic error occurred' },
  unsupported: { code: 'UnsupportedError', message: 'The query uses a feature Huntbook does not support yet' },
  invalid: { code: 'SemanticError', message: 'The query is not valid' },
};

function laErrorInfo(f: Failure): Record<string, unknown> {
  const summary = SUMMARY[f.kind];
  if (summary) {
    const [d, ...rest] = f.diagnostics;
    return {
      code: 'BadArgumentError',
      message: `${summary.message}: ${f.message}`,
      innererror: {
        code: summary.code,
        message: summary.message,
        innererror: d && {
          code: d.code, message: d.message, line: d.line, pos: d.column, column: d.column, start: d.start, length: d.length,
          severity: 2, severityName: 'Error',
        },
      },
      details: rest.map((x) => ({ code: x.code, message: `${x.message} (line ${x.line}, column ${x.column})`, target: `line ${x.line}, column ${x.column}` })),
    };
  }
  const codes: Record<Failure['kind'], string> = {
    syntax: 'BadArgumentError', semantic: 'BadArgumentError', unsupported: 'BadArgumentError', invalid: 'BadArgumentError',
    timeout: 'GatewayTimeout', cancelled: 'QueryCancelled', limits: 'LimitsExceeded', execution: 'QueryExecutionError',
    request: 'BadArgumentError', notfound: 'PathNotFoundError', throttled: 'ThrottledError', internal: 'InternalServerError',
  };
  const info: Record<string, unknown> = { code: codes[f.kind], message: f.message };
  const d = f.diagnostics[0];
  if (d) info.innererror = { code: d.code, message: d.message, line: d.line, pos: d.column, column: d.column, start: d.start, length: d.length, severity: 2, severityName: 'Error' };
  else if (f.code) info.innererror = { code: f.code, message: f.message };
  return info;
}
