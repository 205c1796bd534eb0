/**
 * runKqlMagic: one `%kql` line or `%%kql` cell, from its text to a KqlResult.
 *
 *   parse options and `name <<` (options.ts) -> bind kernel variables as literals (parameters.ts)
 *   -> POST to the server (client.ts) -> KqlResult (+ its chart, render/) -> assign -> return
 *
 * The text is what follows `%kql` / `%%kql` (the prefix may be included too); for a cell its first
 * line is the `%%kql` line, so reported lines are the cell's own. The result is always assigned
 * to `_kql_raw_result_`, and to `name` for `name << query`. The return value is the result, which
 * the Executor displays as the cell's execute_result; with `-quiet` nothing is displayed and the
 * magic returns undefined (as Kqlmagic's -quiet, the result is still in the variables).
 */
import type { KernelHost } from '../types.ts';
import { renderChart } from '../render/index.ts';
import { connectionFromEnv, postQuery, ServerQueryError, type Diagnostic } from './client.ts';
import { KqlQueryError } from './errors.ts';
import { parseMagic, type ParsedMagic } from './options.ts';
import { bindParameters, originalOffset, type BoundQuery } from './parameters.ts';
import { KqlResult } from './result.ts';
import { fromWire } from './values.ts';

export const LAST_RESULT = '_kql_raw_result_';

export async function runKqlMagic(text: string, host: KernelHost, kind: 'line' | 'cell'): Promise<KqlResult | undefined> {
  const magic = parseMagic(text, kind);
  const conn = connectionFromEnv({ workspace: magic.options.workspace });
  const bound = bindParameters(magic.query, host.lookup.bind(host));
  const t0 = performance.now();
  let response;
  try {
    response = await postQuery(conn, bound.text, { timeout: magic.options.timeout, signal: host.signal });
  } catch (e) {
    if (e instanceof ServerQueryError) throw queryError(e, text, magic, bound, conn.workspace);
    throw e;
  }
  const elapsedMs = performance.now() - t0;
  const rows = fromWire(response.columns, response.rows);
  const result = new KqlResult({
    columns: response.columns, rows, render: response.render, query: bound.text, workspace: conn.workspace,
    elapsedMs, displayLimit: magic.options.displayLimit, partial: response.partial,
  });
  if (response.render) {
    const chart = renderChart(result.columns, rows, response.render, { maxRows: Math.max(1, magic.options.displayLimit) });
    result.chart = chart.spec;
    result.chartNotes = chart.notes;
  }
  host.assign(LAST_RESULT, result);
  if (magic.assignTo) host.assign(magic.assignTo, result);
  if (response.partial) {
    host.print(`warning: the server returned part of the result (${result.length} rows): ${response.partial.message} [${response.partial.code}]\n`, 'stderr');
  }
  return magic.options.quiet ? undefined : result;
}

/** The server's error with its position mapped to the magic's own text (line 1 is the magic's line). */
function queryError(e: ServerQueryError, text: string, magic: ParsedMagic, bound: BoundQuery, workspace: string): KqlQueryError {
  const d = e.diagnostic;
  if (!d) {
    const hint = e.status === 401 ? ' (check HUNTBOOK_TOKEN)' : e.status === 403 ? ` (the token may not query workspace '${workspace}')` : '';
    return new KqlQueryError(`${e.message} [${e.code}]${hint}`, e.code, e.status);
  }
  const sentOffset = d.start ?? offsetOf(bound.text, d.line ?? 1, d.column ?? 1);
  const at = magic.queryOffset + originalOffset(sentOffset, bound.splices);
  const { line, column } = lineColumn(text, at);
  const length = Math.max(1, Math.min(d.length ?? 1, lineEnd(text, at) - at));
  const source = text.slice(at - (column - 1), lineEnd(text, at));
  const caret = `${' '.repeat(column - 1)}${'^'.repeat(length)}`;
  return new KqlQueryError(`line ${line}, column ${column}: ${diagnosticText(d)}\n  ${source}\n  ${caret}`, d.code, e.status, line, column);
}

function diagnosticText(d: Diagnostic): string {
  return `${d.message} [${d.code}]`;
}

function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) break;
    at = nl + 1;
  }
  return at + column - 1;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}
