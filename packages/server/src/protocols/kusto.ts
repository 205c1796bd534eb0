/**
 * Kusto's REST wire formats as `azure-kusto-data` parses them: the v2 frame array of
 * `/v2/rest/query` (DataSetHeader, QueryProperties with the visualization, PrimaryResult,
 * QueryCompletionInformation, DataSetCompletion), the v1 `{"Tables":[...]}` of `/v1/rest/query`
 * (with its table of contents) and `/v1/rest/mgmt`, and Kusto's error JSON. Management
 * commands live in kustomgmt.ts and are re-exported here.
 */
import { randomUUID } from 'node:crypto';
import type { RunResult } from '@huntbook/store';
import type { KType } from '@huntbook/kql';
import { classify, type Failure } from './failure.ts';
import { visualization } from './render.ts';
import { partialCode } from './loganalytics.ts';

export { kustoMgmt, type MgmtContext } from './kustomgmt.ts';

export interface KustoRequestInfo {
  database: string;
  /** the client's x-ms-client-request-id */
  clientRequestId?: string;
}

/** Kusto's HRESULT for a result cut at the record or size limit (0x80DA0003 as a signed int). */
const E_QUERY_RESULT_SET_TOO_LARGE = -2133196797;

/** The .NET type Kusto's v1 format names in `DataType` for each Kusto type. */
export const V1_DATA_TYPE: Record<KType, string> = {
  bool: 'Boolean', int: 'Int32', long: 'Int64', real: 'Double', decimal: 'Decimal', string: 'String',
  datetime: 'DateTime', timespan: 'TimeSpan', dynamic: 'Object', guid: 'Guid',
};

export interface V1Column { ColumnName: string; DataType: string; ColumnType: KType }
export interface V1Table { TableName: string; Columns: V1Column[]; Rows: unknown[][] }

export function v1Table(name: string, columns: readonly { name: string; type: KType }[], rows: unknown[][]): V1Table {
  return { TableName: name, Columns: columns.map((c) => ({ ColumnName: c.name, DataType: V1_DATA_TYPE[c.type], ColumnType: c.type })), Rows: rows };
}

function v2Columns(columns: readonly { name: string; type: KType }[]): { ColumnName: string; ColumnType: KType }[] {
  return columns.map((c) => ({ ColumnName: c.name, ColumnType: c.type }));
}

function now(): string { return new Date().toISOString().replace(/Z$/, '0000Z'); }

/** The v2 frames of a successful query. */
export function kustoV2Response(result: RunResult, info: KustoRequestInfo): unknown[] {
  const activity = randomUUID();
  const crid = info.clientRequestId ?? '';
  const s = result.stats;
  const completion: unknown[][] = [
    [now(), crid, activity, activity, activity, 4, 'Info', 0, 'S_OK (0)', 4, 'QueryInfo',
      JSON.stringify({ Count: 1, Text: 'Query completed successfully' })],
    [now(), crid, activity, activity, activity, 4, 'Info', 0, 'S_OK (0)', 5, 'QueryResourceConsumption',
      JSON.stringify({
        ExecutionTime: (s.parse_ms + s.compile_ms + s.execute_ms) / 1000,
        resource_usage: { huntbook: { parse_ms: s.parse_ms, compile_ms: s.compile_ms, execute_ms: s.execute_ms, cached: s.cached } },
        dataset_statistics: [{ table_row_count: result.rows.length }],
      })],
  ];
  if (result.partial) {
    // Kusto fails a cut result unless truncation is allowed; Huntbook returns the rows and says so with a warning
    // (Level 3), which azure-kusto-data reports through getWarnings() without throwing the rows away.
    completion.push([now(), crid, activity, activity, activity, 3, 'Warning', E_QUERY_RESULT_SET_TOO_LARGE,
      `${partialCode(result.partial.reason)} (0x80DA0003)`, 2, 'QueryResultTruncated',
      JSON.stringify({ Count: 1, Text: result.partial.message, Reason: result.partial.reason, Limit: result.partial.limit })]);
  }
  return [
    { FrameType: 'DataSetHeader', IsProgressive: false, Version: 'v2.0', IsFragmented: false, ErrorReportingPlacement: 'EndOfTable' },
    {
      FrameType: 'DataTable', TableId: 0, TableKind: 'QueryProperties', TableName: '@ExtendedProperties',
      Columns: [{ ColumnName: 'TableId', ColumnType: 'int' }, { ColumnName: 'Key', ColumnType: 'string' }, { ColumnName: 'Value', ColumnType: 'dynamic' }],
      Rows: [[1, 'Visualization', JSON.stringify(visualization(result.render))]],
    },
    { FrameType: 'DataTable', TableId: 1, TableKind: 'PrimaryResult', TableName: 'PrimaryResult', Columns: v2Columns(result.columns), Rows: result.rows },
    {
      FrameType: 'DataTable', TableId: 2, TableKind: 'QueryCompletionInformation', TableName: 'QueryCompletionInformation',
      Columns: [
        { ColumnName: 'Timestamp', ColumnType: 'datetime' }, { ColumnName: 'ClientRequestId', ColumnType: 'string' },
        { ColumnName: 'ActivityId', ColumnType: 'guid' }, { ColumnName: 'SubActivityId', ColumnType: 'guid' },
        { ColumnName: 'ParentActivityId', ColumnType: 'guid' }, { ColumnName: 'Level', ColumnType: 'int' },
        { ColumnName: 'LevelName', ColumnType: 'string' }, { ColumnName: 'StatusCode', ColumnType: 'int' },
        { ColumnName: 'StatusCodeName', ColumnType: 'string' }, { ColumnName: 'EventType', ColumnType: 'int' },
        { ColumnName: 'EventTypeName', ColumnType: 'string' }, { ColumnName: 'Payload', ColumnType: 'string' },
      ],
      Rows: completion,
    },
    { FrameType: 'DataSetCompletion', HasErrors: false, Cancelled: false },
  ];
}

/**
 * The v2 frames of a query that failed after the response began (status 200 already sent):
 * the header, then a DataSetCompletion with HasErrors and the error in OneApiErrors.
 */
export function kustoV2FailureFrames(e: unknown, info: KustoRequestInfo): unknown[] {
  const f = classify(e);
  return [
    { FrameType: 'DataSetHeader', IsProgressive: false, Version: 'v2.0', IsFragmented: false, ErrorReportingPlacement: 'EndOfTable' },
    { FrameType: 'DataSetCompletion', HasErrors: true, Cancelled: f.kind === 'cancelled', OneApiErrors: [{ error: kustoErrorInfo(f, info) }] },
  ];
}

/** The v1 tables of a successful query: the result, its extended properties, the status and the table of contents. */
export function kustoV1Response(result: RunResult, info: Partial<KustoRequestInfo> = {}): unknown {
  const activity = randomUUID();
  const status: unknown[][] = [[now(), 4, 'Info', 0, 'Query completed successfully', 1, activity, activity, activity, info.clientRequestId ?? '']];
  if (result.partial) status.push([now(), 3, 'Warning', E_QUERY_RESULT_SET_TOO_LARGE, result.partial.message, 1, activity, activity, activity, info.clientRequestId ?? '']);
  return {
    Tables: [
      v1Table('Table_0', result.columns, result.rows as unknown[][]),
      v1Table('Table_1', [{ name: 'Value', type: 'string' }], [[JSON.stringify(visualization(result.render))]]),
      v1Table('Table_2', [
        { name: 'Timestamp', type: 'datetime' }, { name: 'Severity', type: 'int' }, { name: 'SeverityName', type: 'string' },
        { name: 'StatusCode', type: 'int' }, { name: 'StatusDescription', type: 'string' }, { name: 'Count', type: 'int' },
        { name: 'RequestId', type: 'guid' }, { name: 'ActivityId', type: 'guid' }, { name: 'SubActivityId', type: 'guid' },
        { name: 'ClientActivityId', type: 'string' },
      ], status),
      v1Table('Table_3', [
        { name: 'Ordinal', type: 'long' }, { name: 'Kind', type: 'string' }, { name: 'Name', type: 'string' },
        { name: 'Id', type: 'string' }, { name: 'PrettyName', type: 'string' },
      ], [
        [0, 'QueryResult', 'PrimaryResult', randomUUID(), ''],
        [1, 'QueryProperties', '@ExtendedProperties', randomUUID(), ''],
        [2, 'QueryStatus', 'QueryStatus', '00000000-0000-0000-0000-000000000000', ''],
      ]),
    ],
  };
}

/** What Kusto names each kind of failure: its error code, exception type and summary. */
const KINDS: Record<Failure['kind'], { code: string; type: string; summary: string; permanent: boolean }> = {
  syntax: { code: 'General_BadRequest', type: 'Kusto.Data.Exceptions.SyntaxException', summary: 'Syntax error', permanent: true },
  semantic: { code: 'General_BadRequest', type: 'Kusto.Data.Exceptions.SemanticException', summary: 'Semantic error', permanent: true },
  invalid: { code: 'General_BadRequest', type: 'Kusto.Data.Exceptions.SemanticException', summary: 'Semantic error', permanent: true },
  unsupported: { code: 'BadRequest_NotSupported', type: 'Kusto.Data.Exceptions.KustoRequestNotSupportedException', summary: 'Not supported', permanent: true },
  timeout: { code: 'Request_ExecutionTimeout', type: 'Kusto.Data.Exceptions.KustoRequestExecutionTimeoutException', summary: 'Request execution timeout', permanent: false },
  cancelled: { code: 'Request_Cancelled', type: 'Kusto.Data.Exceptions.KustoRequestCancelledException', summary: 'Request was cancelled', permanent: false },
  limits: { code: 'LimitsExceeded', type: 'Kusto.Data.Exceptions.KustoServicePartialQueryFailureLimitsExceededException', summary: 'Query execution has exceeded the allowed limits', permanent: true },
  execution: { code: 'Query_ExecutionFailed', type: 'Kusto.Data.Exceptions.KustoServiceException', summary: 'Query execution failed', permanent: true },
  request: { code: 'General_BadRequest', type: 'Kusto.Data.Exceptions.KustoBadRequestException', summary: 'Bad request', permanent: true },
  notfound: { code: 'BadRequest_EntityNotFound', type: 'Kusto.Data.Exceptions.EntityNotFoundException', summary: 'Entity not found', permanent: true },
  throttled: { code: 'General_TooManyRequests', type: 'Kusto.Data.Exceptions.KustoRequestThrottledException', summary: 'Too many requests', permanent: false },
  internal: { code: 'Internal_ServiceError', type: 'Kusto.Data.Exceptions.KustoServiceException', summary: 'Internal service error', permanent: false },
};

function kustoErrorInfo(f: Failure, info: Partial<KustoRequestInfo> = {}): Record<string, unknown> {
  const k = KINDS[f.kind];
  const message = `${k.summary}: ${f.message}`;
  const body: Record<string, unknown> = {
    code: f.code ?? k.code,
    message,
    '@type': k.type,
    '@message': message,
    '@context': {
      timestamp: now(),
      serviceAlias: 'HUNTBOOK',
      clientRequestId: info.clientRequestId ?? '',
      activityId: randomUUID(),
    },
    '@permanent': k.permanent,
  };
  if (info.database) body['@database'] = info.database;
  const d = f.diagnostics[0];
  if (d) Object.assign(body, { '@errorCode': d.code, '@errorMessage': d.message, '@line': d.line, '@pos': d.column, '@start': d.start, '@length': d.length });
  if (f.diagnostics.length > 1) body['@diagnostics'] = f.diagnostics.map((x) => ({ code: x.code, message: x.message, line: x.line, column: x.column, start: x.start, length: x.length }));
  return body;
}

/** A failed query or command in Kusto's error JSON, with its HTTP status (the same for v1 and v2). */
export function kustoError(e: unknown, version: 1 | 2, info: Partial<KustoRequestInfo> = {}): { status: number; body: unknown } {
  void version; // v1 and v2 report request errors alike: one error object, not frames
  const f = classify(e);
  return { status: f.status, body: { error: kustoErrorInfo(f, info) } };
}

