/**
 * Which view shows a notebook output: the one decision, as data, that OutputArea renders.
 * A display_data or execute_result bundle is shown by its richest type we know, in this order:
 *
 *   application/vnd.huntbook.kql-result+json  -> results grid (+ chart when a Vega-Lite spec is beside it)
 *   application/vnd.vegalite.v5+json          -> chart (vega-embed, no network)
 *   application/vnd.dataresource+json         -> results grid
 *   text/markdown                             -> markdown (markdown-it, raw HTML off)
 *   image/png, image/jpeg, image/gif          -> <img> from base64
 *   text/html, image/svg+xml, and any other untrusted rich type with text data -> sandboxed iframe
 *   text/plain                                -> <pre> (ANSI handled)
 *
 * Streams and errors have their own views. Anything else is named, not shown.
 */
import { joinText } from './streams.ts';
import type { GridColumn, KqlResultOutput } from './grid/types.ts';

export const KQL_RESULT = 'application/vnd.huntbook.kql-result+json';
export const VEGALITE = 'application/vnd.vegalite.v5+json';
export const DATARESOURCE = 'application/vnd.dataresource+json';

export type OutputView =
  | { kind: 'grid'; result: KqlResultOutput; chart?: unknown }
  | { kind: 'chart'; spec: unknown }
  | { kind: 'markdown'; text: string }
  | { kind: 'image'; mime: string; base64: string; alt: string }
  | { kind: 'iframe'; mime: string; html: string }
  | { kind: 'text'; text: string }
  | { kind: 'stream'; name: string; text: string }
  | { kind: 'error'; ename: string; evalue: string; traceback: string }
  | { kind: 'unknown'; what: string };

const IMAGES = ['image/png', 'image/jpeg', 'image/gif'];
/** Types shown in the sandboxed iframe, in order of preference. */
const SANDBOXED = ['text/html', 'image/svg+xml'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** nbformat allows JSON types to arrive as their JSON text (older writers). */
function jsonValue(v: unknown): unknown {
  if (typeof v === 'string') {
    try { return JSON.parse(v); } catch { return undefined; }
  }
  return v;
}

function kqlResult(v: unknown): KqlResultOutput | undefined {
  const r = jsonValue(v);
  if (!isObject(r) || !Array.isArray(r.columns) || !Array.isArray(r.rows)) return undefined;
  const columns = r.columns.filter(isObject).map((c) => ({ name: String(c.name ?? ''), type: String(c.type ?? 'string') }));
  if (columns.length !== r.columns.length || !r.rows.every(Array.isArray)) return undefined;
  return { ...(r as object), columns, rows: r.rows as unknown[][] } as KqlResultOutput;
}

/** Table Schema field type -> the Kusto type the grid sorts by. */
const FIELD_TYPES: Record<string, string> = { boolean: 'bool', integer: 'long', number: 'real', datetime: 'datetime', date: 'datetime', string: 'string', any: 'dynamic', object: 'dynamic', array: 'dynamic' };

/** A dataresource (Frictionless tabular data resource with inline rows) as grid data. */
export function dataResource(v: unknown): KqlResultOutput | undefined {
  const r = jsonValue(v);
  if (!isObject(r) || !isObject(r.schema) || !Array.isArray(r.schema.fields) || !Array.isArray(r.data)) return undefined;
  const columns: GridColumn[] = r.schema.fields.filter(isObject).map((f) => ({ name: String(f.name ?? ''), type: FIELD_TYPES[String(f.type)] ?? 'string' }));
  const rows = r.data.map((row) => (Array.isArray(row) ? row : isObject(row) ? columns.map((c) => row[c.name] ?? null) : columns.map(() => null)));
  return { columns, rows, rowCount: rows.length, truncated: false };
}

/** The view of one bundle's data. */
export function bundleView(data: Record<string, unknown>): OutputView {
  if (KQL_RESULT in data) {
    const result = kqlResult(data[KQL_RESULT]);
    if (result) return VEGALITE in data ? { kind: 'grid', result, chart: jsonValue(data[VEGALITE]) } : { kind: 'grid', result };
  }
  if (VEGALITE in data) {
    const spec = jsonValue(data[VEGALITE]);
    if (isObject(spec)) return { kind: 'chart', spec };
  }
  if (DATARESOURCE in data) {
    const result = dataResource(data[DATARESOURCE]);
    if (result) return { kind: 'grid', result };
  }
  if ('text/markdown' in data) return { kind: 'markdown', text: joinText(data['text/markdown']) };
  for (const mime of IMAGES) {
    if (mime in data) {
      const base64 = joinText(data[mime]).replace(/\s+/g, '');
      if (/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return { kind: 'image', mime, base64, alt: 'text/plain' in data ? joinText(data['text/plain']) : mime };
    }
  }
  for (const mime of SANDBOXED) if (mime in data) return { kind: 'iframe', mime, html: joinText(data[mime]) };
  // any other rich type we do not know but whose data is text: the sandbox shows it as a document
  const other = Object.keys(data).find((m) => m !== 'text/plain' && !m.startsWith('application/') && !IMAGES.includes(m) && (typeof data[m] === 'string' || Array.isArray(data[m])));
  if (other) return { kind: 'iframe', mime: other, html: joinText(data[other]) };
  if ('text/plain' in data) return { kind: 'text', text: joinText(data['text/plain']) };
  const types = Object.keys(data);
  return { kind: 'unknown', what: types.length ? `an output of type ${types.join(', ')} this app cannot show` : 'an empty output' };
}

/** The view of one nbformat output. */
export function outputView(output: unknown): OutputView {
  if (!isObject(output)) return { kind: 'unknown', what: 'an output that is not an object' };
  switch (output.output_type) {
    case 'stream':
      return { kind: 'stream', name: String(output.name ?? 'stdout'), text: joinText(output.text) };
    case 'error':
      return {
        kind: 'error', ename: String(output.ename ?? 'Error'), evalue: String(output.evalue ?? ''),
        traceback: Array.isArray(output.traceback) ? output.traceback.map(String).join('\n') : '',
      };
    case 'display_data':
    case 'execute_result':
    case 'update_display_data':
      return bundleView(isObject(output.data) ? output.data : {});
    default:
      return { kind: 'unknown', what: `an output of type '${String(output.output_type)}'` };
  }
}
