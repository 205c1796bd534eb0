/**
 * The wire formats of Log Analytics and Kusto, checked on their own: every Kusto type's values,
 * the render hint, statistics, the partial-result flag, every kind of error, and the `.show`
 * management commands against a real DuckDB database.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, KqlError, type DatabaseSchema } from '@huntbook/kql';
import { KqlDatabase, QueryLimitError, type RunResult, type Workspace } from '@huntbook/store';
import { parsePrefer } from '../src/protocols/prefer.ts';
import { laError, laMetadataResponse, laQueryResponse } from '../src/protocols/loganalytics.ts';
import { kustoError, kustoMgmt, kustoV1Response, kustoV2FailureFrames, kustoV2Response } from '../src/protocols/kusto.ts';
import { ProtocolError } from '../src/protocols/failure.ts';

const schema: DatabaseSchema = { name: 'db', tables: [{ name: 'T', columns: [{ name: 'a', type: 'long' }, { name: 'TimeGenerated', type: 'datetime' }] }] };

function kqlError(query: string): KqlError {
  try {
    compile(query, { schema });
  } catch (e) {
    if (e instanceof KqlError) return e;
    throw e;
  }
  throw new Error(`expected ${query} to fail`);
}

const every: RunResult = {
  columns: [
    { name: 'b', type: 'bool' }, { name: 'i', type: 'int' }, { name: 'l', type: 'long' }, { name: 'r', type: 'real' },
    { name: 'd', type: 'decimal' }, { name: 's', type: 'string' }, { name: 'dt', type: 'datetime' }, { name: 'ts', type: 'timespan' },
    { name: 'dyn', type: 'dynamic' }, { name: 'g', type: 'guid' },
  ],
  rows: [
    [true, 7, 9007199254740991, 1.5, '1.250000000000000000', 'x"y', '2024-03-01T12:00:00.1234567Z', '1.02:03:04.5000000', { a: [1, 'two'] }, '0f8fad5b-d9cb-469f-a165-70867728950e'],
    [false, -1, 0, 'NaN', '0', '', '2024-03-01T12:00:00Z', '-00:00:01', 'text', null],
    [null, null, null, null, null, '', null, null, null, null],
  ],
  render: { kind: 'timechart', properties: { title: 'Sign-ins', ycolumns: ['a', 'b'], accumulate: 'true', ymin: '0', xcolumn: 'dt' } },
  stats: { parse_ms: 1.25, compile_ms: 0.5, execute_ms: 3, cached: false },
};

const partial: RunResult = { ...every, partial: { reason: 'rows', limit: 3, message: 'the result was cut at 3 rows (E_QUERY_RESULT_SET_TOO_LARGE)' } };

test('Prefer: wait, statistics and render, "," or ";" separated, any case', () => {
  assert.deepEqual(parsePrefer(undefined), { includeStatistics: false, includeRender: false });
  assert.deepEqual(parsePrefer('wait=60,include-statistics=true,include-render=true'), { wait: 60, includeStatistics: true, includeRender: true });
  assert.deepEqual(parsePrefer('Include-Render=TRUE; WAIT=10'), { wait: 10, includeStatistics: false, includeRender: true });
  assert.deepEqual(parsePrefer('include-statistics=false, wait=abc, respond-async'), { includeStatistics: false, includeRender: false });
  assert.deepEqual(parsePrefer('wait=-5,include-statistics'), { includeStatistics: true, includeRender: false });
});

test('Log Analytics: one PrimaryResult table; dynamic values as JSON text, the rest as the contract', () => {
  const body = laQueryResponse(every, { includeStatistics: false, includeRender: false }) as any;
  assert.deepEqual(Object.keys(body), ['tables']);
  assert.equal(body.tables.length, 1);
  assert.equal(body.tables[0].name, 'PrimaryResult');
  assert.deepEqual(body.tables[0].columns, every.columns.map((c) => ({ name: c.name, type: c.type })));
  assert.deepEqual(body.tables[0].rows[0], [true, 7, 9007199254740991, 1.5, '1.250000000000000000', 'x"y', '2024-03-01T12:00:00.1234567Z', '1.02:03:04.5000000', '{"a":[1,"two"]}', '0f8fad5b-d9cb-469f-a165-70867728950e']);
  assert.deepEqual(body.tables[0].rows[1], [false, -1, 0, 'NaN', '0', '', '2024-03-01T12:00:00Z', '-00:00:01', '"text"', null]);
  assert.deepEqual(body.tables[0].rows[2], [null, null, null, null, null, '', null, null, null, null]);
  assert.deepEqual(every.rows[0]![8], { a: [1, 'two'] }, 'the result itself is not changed');
});

test('Log Analytics: statistics and render only when preferred', () => {
  const body = laQueryResponse(every, { includeStatistics: true, includeRender: true }) as any;
  assert.equal(body.statistics.query.executionTime, 0.00475);
  assert.deepEqual(body.statistics.query.datasetStatistics, [{ tableRowCount: 3 }]);
  assert.deepEqual(body.statistics.query.huntbook, { parseMs: 1.25, compileMs: 0.5, executeMs: 3, cached: false });
  assert.equal(body.render.visualization, 'timechart');
  assert.equal(body.render.title, 'Sign-ins');
  assert.equal(body.render.yColumns, 'a,b');
  assert.equal(body.render.xColumn, 'dt');
  assert.equal(body.render.accumulate, true);
  assert.equal(body.render.yMin, 0);
  assert.equal(body.render.yMax, 'NaN');
  assert.equal(body.render.series, null);
  const plain = laQueryResponse({ ...every, render: undefined }, { includeStatistics: false, includeRender: true }) as any;
  assert.equal(plain.render.visualization, null);
  assert.equal(plain.error, undefined);
});

test('Log Analytics: a partial result keeps its rows and carries an error beside them', () => {
  const body = laQueryResponse(partial, { includeStatistics: true, includeRender: false }) as any;
  assert.equal(body.tables[0].rows.length, 3);
  assert.equal(body.error.code, 'PartialError');
  assert.equal(body.error.innererror.code, 'E_QUERY_RESULT_SET_TOO_LARGE');
  assert.equal(body.error.innererror.message, partial.partial!.message);
  assert.equal(body.error.details[0].message, partial.partial!.message);
  assert.deepEqual(body.statistics.query.resultTruncated, { reason: 'rows', limit: 3 });
  const bytes = laQueryResponse({ ...every, partial: { reason: 'bytes', limit: 100, message: 'cut at 100 bytes' } }, { includeStatistics: false, includeRender: false }) as any;
  assert.equal(bytes.error.innererror.code, 'E_QUERY_RESULT_SET_TOO_LARGE_BYTES');
});

test('Log Analytics errors: syntax and semantic errors are 400 BadArgumentError with the diagnostic innermost', () => {
  const syntax = laError(kqlError('T | where'));
  assert.equal(syntax.status, 400);
  const se = (syntax.body as any).error;
  assert.equal(se.code, 'BadArgumentError');
  assert.match(se.message, /Missing expression \(line 1, column 10\) \[KS006\]/);
  assert.equal(se.innererror.code, 'SyntaxError');
  assert.deepEqual(se.innererror.innererror, { code: 'KS006', message: 'Missing expression', line: 1, pos: 10, column: 10, start: 9, length: 0, severity: 2, severityName: 'Error' });

  const semantic = laError(kqlError('T\n| where b > 1'));
  assert.equal(semantic.status, 400);
  const me = (semantic.body as any).error;
  assert.equal(me.innererror.code, 'SemanticError');
  assert.equal(me.innererror.innererror.code, 'KS142');
  assert.equal(me.innererror.innererror.line, 2);
  assert.equal(me.innererror.innererror.pos, 9);
  assert.match(me.message, /'b'.*line 2, column 9/);

  const two = laError(kqlError('T | where b > 1 and c > 2'));
  assert.equal((two.body as any).error.details.length, 1, 'the second diagnostic is a detail');
  assert.match((two.body as any).error.details[0].message, /'c'/);
});

test('Log Analytics errors: unsupported, execution, limits, service refusals and bugs', () => {
  const unsupported = laError(new KqlError([{ code: 'HB001', severity: 'error', message: "the operator 'foo' is not supported yet", start: 4, length: 3, line: 1, column: 5 }]));
  assert.equal(unsupported.status, 400);
  assert.equal((unsupported.body as any).error.innererror.code, 'UnsupportedError');
  assert.equal((unsupported.body as any).error.innererror.innererror.code, 'HB001');

  const execution = laError(new KqlError([{ code: 'HB004', severity: 'error', message: 'the query failed while running: Conversion Error', start: 0, length: 0, line: 1, column: 1 }]));
  assert.equal(execution.status, 500);
  assert.equal((execution.body as any).error.code, 'QueryExecutionError');
  assert.equal((execution.body as any).error.innererror.code, 'HB004');

  const cases: [QueryLimitError, number, string][] = [
    [new QueryLimitError('timeout', 'the query ran longer than the limit of 1 s'), 504, 'GatewayTimeout'],
    [new QueryLimitError('cancelled', 'the query was cancelled'), 499, 'QueryCancelled'],
    [new QueryLimitError('memory', 'the query ran out of memory'), 400, 'LimitsExceeded'],
    [new QueryLimitError('queue', 'too many queued queries'), 429, 'ThrottledError'],
    [new QueryLimitError('closed', 'the workspace is closed'), 503, 'InternalServerError'],
  ];
  for (const [e, status, code] of cases) {
    const r = laError(e);
    assert.equal(r.status, status, e.limit);
    assert.equal((r.body as any).error.code, code, e.limit);
    assert.equal((r.body as any).error.message, e.diagnostics[0]!.message);
  }

  const refused = laError(Object.assign(new Error("workspace 'nope' does not exist"), { statusCode: 404, code: 'WorkspaceNotFound' }));
  assert.equal(refused.status, 404);
  assert.deepEqual((refused.body as any).error, { code: 'PathNotFoundError', message: "workspace 'nope' does not exist", innererror: { code: 'WorkspaceNotFound', message: "workspace 'nope' does not exist" } });

  const bug = laError(new TypeError('x is undefined'));
  assert.equal(bug.status, 500);
  assert.deepEqual((bug.body as any).error, { code: 'InternalServerError', message: 'x is undefined' });
  assert.equal(laError('a string').status, 500);
});

test('Kusto v2: header, QueryProperties with the visualization, PrimaryResult, completion, DataSetCompletion', () => {
  const frames = kustoV2Response(every, { database: 'demo', clientRequestId: 'KNC.execute;abc' }) as any[];
  assert.deepEqual(frames.map((f) => f.FrameType), ['DataSetHeader', 'DataTable', 'DataTable', 'DataTable', 'DataSetCompletion']);
  assert.deepEqual(frames[0], { FrameType: 'DataSetHeader', IsProgressive: false, Version: 'v2.0', IsFragmented: false, ErrorReportingPlacement: 'EndOfTable' });
  const [props, primary, completion] = [frames[1], frames[2], frames[3]];
  assert.equal(props.TableKind, 'QueryProperties');
  assert.equal(props.TableId, 0);
  assert.equal(props.Rows[0][1], 'Visualization');
  const vis = JSON.parse(props.Rows[0][2]);
  assert.deepEqual(vis, {
    Visualization: 'timechart', Title: 'Sign-ins', XColumn: 'dt', Series: null, YColumns: 'a,b', AnomalyColumns: null, XTitle: null, YTitle: null,
    XAxis: null, YAxis: null, Legend: null, YSplit: null, Accumulate: true, IsQuerySorted: false, Kind: null, Ymin: 0, Ymax: 'NaN', Xmin: null, Xmax: null,
  });
  assert.deepEqual({ ...primary, Rows: undefined }, { FrameType: 'DataTable', TableId: 1, TableKind: 'PrimaryResult', TableName: 'PrimaryResult', Columns: every.columns.map((c) => ({ ColumnName: c.name, ColumnType: c.type })), Rows: undefined });
  assert.deepEqual(primary.Rows, every.rows, 'v2 values are the contract values (dynamic embedded as JSON)');
  assert.equal(completion.TableKind, 'QueryCompletionInformation');
  const level = completion.Columns.findIndex((c: any) => c.ColumnName === 'Level');
  assert.deepEqual(completion.Rows.map((r: any[]) => r[level]), [4, 4], 'information only');
  assert.equal(completion.Rows[0][1], 'KNC.execute;abc');
  const payload = JSON.parse(completion.Rows[1][11]);
  assert.deepEqual(payload.dataset_statistics, [{ table_row_count: 3 }]);
  assert.equal(payload.ExecutionTime, 0.00475);
  assert.deepEqual(frames[4], { FrameType: 'DataSetCompletion', HasErrors: false, Cancelled: false });

  const none = JSON.parse((kustoV2Response({ ...every, render: undefined }, { database: 'demo' }) as any[])[1].Rows[0][2]);
  assert.equal(none.Visualization, null);
});

test('Kusto v2: a partial result is a warning in QueryCompletionInformation, not an error', () => {
  const frames = kustoV2Response(partial, { database: 'demo' }) as any[];
  const completion = frames[3];
  const warning = completion.Rows.find((r: any[]) => r[5] === 3);
  assert.ok(warning, 'a Level 3 row');
  assert.equal(warning[6], 'Warning');
  assert.equal(JSON.parse(warning[11]).Text, partial.partial!.message);
  assert.equal(frames[4].HasErrors, false);
  assert.equal(frames[2].Rows.length, 3);
});

test('Kusto v2: a failure after the response began ends the data set with OneApiErrors', () => {
  const frames = kustoV2FailureFrames(new QueryLimitError('cancelled', 'the query was cancelled'), { database: 'demo' }) as any[];
  assert.equal(frames.at(-1).FrameType, 'DataSetCompletion');
  assert.equal(frames.at(-1).HasErrors, true);
  assert.equal(frames.at(-1).Cancelled, true);
  assert.match(frames.at(-1).OneApiErrors[0].error['@message'], /the query was cancelled/);
});

test('Kusto v1: result, extended properties, status and table of contents', () => {
  const body = kustoV1Response(partial, { clientRequestId: 'r1' }) as any;
  assert.deepEqual(body.Tables.map((t: any) => t.TableName), ['Table_0', 'Table_1', 'Table_2', 'Table_3']);
  const [result, props, status, toc] = body.Tables;
  assert.deepEqual(result.Columns.map((c: any) => c.DataType), ['Boolean', 'Int32', 'Int64', 'Double', 'Decimal', 'String', 'DateTime', 'TimeSpan', 'Object', 'Guid']);
  assert.deepEqual(result.Columns.map((c: any) => c.ColumnType), every.columns.map((c) => c.type));
  assert.deepEqual(result.Rows, every.rows);
  assert.equal(JSON.parse(props.Rows[0][0]).Visualization, 'timechart');
  assert.deepEqual(status.Rows.map((r: any[]) => r[1]), [4, 3]);
  assert.equal(status.Rows[1][4], partial.partial!.message);
  assert.equal(status.Rows[0][9], 'r1');
  assert.deepEqual(toc.Columns.map((c: any) => c.ColumnName), ['Ordinal', 'Kind', 'Name', 'Id', 'PrettyName']);
  assert.deepEqual(toc.Rows.map((r: any[]) => [r[0], r[1], r[2]]), [[0, 'QueryResult', 'PrimaryResult'], [1, 'QueryProperties', '@ExtendedProperties'], [2, 'QueryStatus', 'QueryStatus']]);
});

test('Kusto errors: exception type, message with the diagnostic, position, permanence and status', () => {
  const syntax = kustoError(kqlError('T | where'), 2, { database: 'demo', clientRequestId: 'c1' });
  assert.equal(syntax.status, 400);
  const e = (syntax.body as any).error;
  assert.equal(e.code, 'General_BadRequest');
  assert.equal(e['@type'], 'Kusto.Data.Exceptions.SyntaxException');
  assert.equal(e['@message'], 'Syntax error: Missing expression (line 1, column 10) [KS006]');
  assert.equal(e.message, e['@message']);
  assert.equal(e['@permanent'], true);
  assert.equal(e['@errorCode'], 'KS006');
  assert.equal(e['@line'], 1);
  assert.equal(e['@pos'], 10);
  assert.equal(e['@database'], 'demo');
  assert.equal(e['@context'].clientRequestId, 'c1');

  const semantic = (kustoError(kqlError('T | where b > 1'), 1).body as any).error;
  assert.equal(semantic['@type'], 'Kusto.Data.Exceptions.SemanticException');
  assert.match(semantic['@message'], /^Semantic error: The name 'b'/);

  const timeout = kustoError(new QueryLimitError('timeout', 'the query ran longer than the limit of 1 s'), 2);
  assert.equal(timeout.status, 504);
  assert.equal((timeout.body as any).error['@permanent'], false);
  assert.equal((timeout.body as any).error.code, 'Request_ExecutionTimeout');
  assert.equal((kustoError(new QueryLimitError('queue', 'too many'), 2).body as any).error.code, 'General_TooManyRequests');
  assert.equal(kustoError(new Error('boom'), 2).status, 500);
  const unsupported = kustoError(new ProtocolError(400, 'BadRequest_NotSupported', "the management command '.drop table' is not supported"), 1);
  assert.equal(unsupported.status, 400);
  assert.equal((unsupported.body as any).error.code, 'BadRequest_NotSupported');
  assert.match((unsupported.body as any).error['@message'], /'\.drop table' is not supported/);
});

/** A workspace over a real in-memory DuckDB database (only what the formatters read). */
async function workspace(name: string, id: string): Promise<{ ws: Workspace; close(): void }> {
  const db = await KqlDatabase.open();
  await db.sql(`CREATE TABLE "SigninLogs" ("TimeGenerated" TIMESTAMP_NS, "UserPrincipalName" VARCHAR, "Success" BOOLEAN, "Props" JSON)`);
  await db.sql(`CREATE TABLE "My Table" ("n" BIGINT, "g" UUID, "d" DECIMAL(38,18), "span" INTERVAL)`);
  const info = { id, name, description: `the ${name} workspace`, retentionDays: 90, createdAt: '2026-01-01T00:00:00Z' };
  const fail = () => { throw new Error('not used by the formatters'); };
  const ws: Workspace = {
    info, query: async (kql) => ({ ...(await db.query(kql)) }), schema: () => db.schema(), tables: fail, ingest: fail, applyRetention: fail, close: async () => db.close(),
  };
  return { ws, close: () => db.close() };
}

test('Kusto .show commands: tables, schema as json, databases, version; others refused by name', async () => {
  const { ws, close } = await workspace('demo', '11111111-1111-1111-1111-111111111111');
  try {
    const other = { ...ws.info, id: '22222222-2222-2222-2222-222222222222', name: 'other', description: '' };
    const ctx = { database: ws, workspaces: [ws.info, other], getWorkspace: async (n: string) => (n === 'demo' ? ws : undefined) };
    const tables = (await kustoMgmt('.show tables', ctx)) as any;
    assert.equal(tables.Tables.length, 1);
    assert.deepEqual(tables.Tables[0].Columns.map((c: any) => c.ColumnName), ['TableName', 'DatabaseName', 'Folder', 'DocString']);
    assert.deepEqual(tables.Tables[0].Rows, [['My Table', 'demo', '', ''], ['SigninLogs', 'demo', '', '']]);

    const schemaJson = (await kustoMgmt('  .SHOW  table SigninLogs schema as json ; ', ctx)) as any;
    const row = schemaJson.Tables[0].Rows[0];
    assert.deepEqual(schemaJson.Tables[0].Columns.map((c: any) => c.ColumnName), ['TableName', 'Schema', 'DatabaseName', 'Folder', 'DocString']);
    assert.equal(row[0], 'SigninLogs');
    assert.deepEqual(JSON.parse(row[1]), { Name: 'SigninLogs', OrderedColumns: [
      { Name: 'TimeGenerated', Type: 'System.DateTime', CslType: 'datetime' }, { Name: 'UserPrincipalName', Type: 'System.String', CslType: 'string' },
      { Name: 'Success', Type: 'System.SByte', CslType: 'bool' }, { Name: 'Props', Type: 'System.Object', CslType: 'dynamic' },
    ] });
    const bracketed = (await kustoMgmt(".show table ['My Table'] schema as json", ctx)) as any;
    assert.deepEqual(JSON.parse(bracketed.Tables[0].Rows[0][1]).OrderedColumns.map((c: any) => c.CslType), ['long', 'guid', 'decimal', 'timespan']);
    await assert.rejects(kustoMgmt('.show table Nope schema as json', ctx), (e: ProtocolError) => e.status === 400 && /'Nope' of kind 'Table' was not found in database 'demo'/.test(e.message));

    const dbs = (await kustoMgmt('.show databases', ctx)) as any;
    const cols = dbs.Tables[0].Columns.map((c: any) => c.ColumnName);
    assert.deepEqual(cols.slice(0, 6), ['DatabaseName', 'PersistentStorage', 'Version', 'IsCurrent', 'DatabaseAccessMode', 'PrettyName']);
    assert.deepEqual(dbs.Tables[0].Rows.map((r: any[]) => [r[0], r[3]]), [['demo', true], ['other', false]]);
    assert.equal(dbs.Tables[0].Columns[3].ColumnType, 'bool');
    assert.deepEqual(((await kustoMgmt('.show database', ctx)) as any).Tables[0].Rows.map((r: any[]) => r[0]), ['demo']);

    const dbSchema = JSON.parse(((await kustoMgmt('.show database schema as json', ctx)) as any).Tables[0].Rows[0][0]);
    assert.deepEqual(Object.keys(dbSchema.Databases.demo.Tables), ['My Table', 'SigninLogs']);

    const version = (await kustoMgmt('.show version', ctx)) as any;
    assert.deepEqual(version.Tables[0].Columns.map((c: any) => c.ColumnName), ['BuildVersion', 'BuildTime', 'ServiceType', 'ProductVersion']);
    assert.match(version.Tables[0].Rows[0][3], /^Huntbook \d+\.\d+\.\d+/);

    await assert.rejects(kustoMgmt('.drop table SigninLogs', ctx), (e: ProtocolError) => e.status === 400 && e.code === 'BadRequest_NotSupported' && /'\.drop table' is not supported/.test(e.message));
    await assert.rejects(kustoMgmt('.show tables', { ...ctx, database: undefined }), /needs a database/);
  } finally {
    close();
  }
});

test('Log Analytics metadata: the workspace and its tables with columns and types', async () => {
  const { ws, close } = await workspace('demo', '11111111-1111-1111-1111-111111111111');
  try {
    const md = (await laMetadataResponse(ws)) as any;
    const signin = md.tables.find((t: any) => t.name === 'SigninLogs');
    assert.equal(signin.timespanColumn, 'TimeGenerated');
    assert.deepEqual(signin.columns, [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'UserPrincipalName', type: 'string' }, { name: 'Success', type: 'bool' }, { name: 'Props', type: 'dynamic' }]);
    assert.equal(md.tables.find((t: any) => t.name === 'My Table').timespanColumn, undefined);
    assert.equal(md.workspaces[0].id, '11111111-1111-1111-1111-111111111111');
    assert.deepEqual(md.workspaces[0].tables.sort(), ['t/My Table', 't/SigninLogs']);
  } finally {
    close();
  }
});
