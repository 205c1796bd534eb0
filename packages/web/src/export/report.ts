/**
 * A standalone HTML report of a notebook with its outputs: one self-contained file that loads
 * nothing (no external URL, no script) and that no output can turn into a page running script.
 *
 *   markdown cells      rendered by markdown-it with raw HTML off (outputs/markdown.ts)
 *   code cells          shown as code (escaped), with their execution count and kind (KQL, TypeScript)
 *   tables              HTML tables (escaped), the first `maxRows` rows with a note when cut
 *   charts              inline SVG drawn by Vega (`chartToSvg`, by default charts.ts); an SVG that
 *                       carries anything active goes in as an <img> (images never run script);
 *                       a chart that cannot be drawn is kept as its Vega-Lite JSON with a note
 *   HTML, SVG, unknown  in an <iframe sandbox srcdoc>: no allow-scripts, so nothing in it runs,
 *                       and the report's own Content-Security-Policy (script-src 'none') covers it too
 *   images              data: URLs of validated base64
 *   text, streams, errors  escaped <pre>, ANSI codes removed
 * Outputs are chosen the way the app shows them (outputs/mime.ts: outputView).
 */
import { outputView } from '../outputs/mime.ts';
import { renderMarkdown } from '../outputs/markdown.ts';
import { mergeStreams, joinText } from '../outputs/streams.ts';
import { stripAnsi } from '../outputs/ansi.ts';
import type { KqlResultOutput } from '../outputs/grid/types.ts';

export interface ReportOptions {
  /** the report's title (default: the notebook's template title, else 'Huntbook notebook') */
  title?: string;
  /** a line under the title, e.g. the notebook's path and workspace */
  subtitle?: string;
  /** rows of a table written into the report (default 500) */
  maxRows?: number;
  /** draws a Vega-Lite spec as SVG (default: charts.ts, loaded on first use) */
  chartToSvg?: (spec: unknown) => Promise<string>;
  /** when the report was made (default: now) */
  now?: Date;
}

const CSP = "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-src 'self'";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function cellSource(c: Record<string, unknown>): string {
  return joinText(c.source);
}

function cellKind(c: Record<string, unknown>): string {
  if (c.cell_type === 'markdown') return 'Markdown';
  if (c.cell_type === 'raw') return 'Raw';
  return /^\s*%%kql\b/.test(cellSource(c)) ? 'KQL' : 'TypeScript';
}

function cellText(v: unknown, type: string): string {
  if (v === null || v === undefined) return '';
  if (type === 'dynamic' && typeof v !== 'string') return JSON.stringify(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function tableHtml(result: KqlResultOutput, maxRows: number): string {
  const rows = result.rows.slice(0, maxRows);
  const total = result.rowCount ?? result.rows.length;
  const head = result.columns.map((c) => `<th title="${escapeHtml(c.type)}">${escapeHtml(c.name)}</th>`).join('');
  const body = rows.map((r) => `<tr>${result.columns.map((c, i) => `<td>${escapeHtml(cellText(r[i], c.type))}</td>`).join('')}</tr>`).join('\n');
  const cut = total > rows.length ? `<p class="note">The first ${rows.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows.</p>` : `<p class="note">${total.toLocaleString('en-US')} row${total === 1 ? '' : 's'}</p>`;
  return `<div class="table"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>${cut}`;
}

/** An SVG that could do anything but draw (script, event handlers, foreign HTML, links). */
function activeSvg(svg: string): boolean {
  return /<script|<foreignObject|<iframe|<object|<embed|\son[a-z]+\s*=|javascript:|<a[\s>]|href\s*=\s*["']?(?!#)/i.test(svg);
}

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

async function chartHtml(spec: unknown, draw: (spec: unknown) => Promise<string>): Promise<string> {
  const title = typeof spec === 'object' && spec !== null && typeof (spec as { title?: unknown }).title === 'string' ? (spec as { title: string }).title : 'chart';
  try {
    const svg = await draw(spec);
    if (!activeSvg(svg) && svg.trimStart().startsWith('<svg')) return `<figure class="chart">${svg}</figure>`;
    return `<figure class="chart"><img alt="${escapeHtml(title)}" src="data:image/svg+xml;base64,${base64Utf8(svg)}"></figure>`;
  } catch (e) {
    return `<figure class="chart"><p class="note">This chart could not be drawn here (${escapeHtml((e as Error).message)}); its Vega-Lite spec follows, to open in any Vega-Lite viewer.</p><pre>${escapeHtml(JSON.stringify(spec, null, 2))}</pre></figure>`;
  }
}

/** Untrusted HTML as a sandboxed frame that runs nothing. */
function sandboxed(html: string, mime: string): string {
  const doc = mime === 'text/html' || mime === 'image/svg+xml' ? html : `<pre>${escapeHtml(html)}</pre>`;
  const full = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"></head><body>${doc}</body></html>`;
  return `<iframe class="untrusted" sandbox="" referrerpolicy="no-referrer" title="${escapeHtml(mime)} output" srcdoc="${escapeHtml(full)}"></iframe>`;
}

async function outputHtml(output: unknown, opts: Required<Pick<ReportOptions, 'maxRows' | 'chartToSvg'>>): Promise<string> {
  const v = outputView(output);
  switch (v.kind) {
    case 'grid':
      return `${v.chart !== undefined ? await chartHtml(v.chart, opts.chartToSvg) : ''}${tableHtml(v.result, opts.maxRows)}`;
    case 'chart':
      return chartHtml(v.spec, opts.chartToSvg);
    case 'markdown':
      return `<div class="markdown">${renderMarkdown(v.text)}</div>`;
    case 'image':
      return `<img class="output-image" alt="${escapeHtml(v.alt)}" src="data:${escapeHtml(v.mime)};base64,${v.base64}">`;
    case 'iframe':
      return sandboxed(v.html, v.mime);
    case 'text':
      return `<pre class="text">${escapeHtml(stripAnsi(v.text))}</pre>`;
    case 'stream':
      return `<pre class="stream ${v.name === 'stderr' ? 'stderr' : ''}">${escapeHtml(stripAnsi(v.text))}</pre>`;
    case 'error':
      return `<pre class="error">${escapeHtml(stripAnsi(v.traceback || `${v.ename}: ${v.evalue}`))}</pre>`;
    case 'unknown':
      return `<p class="note">(${escapeHtml(v.what)})</p>`;
  }
}

const STYLE = `
body{font:14px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1d1d1f}
header{border-bottom:1px solid #ddd;margin-bottom:16px}h1{margin:0 0 4px}
.meta,.note{color:#666;font-size:12px}.cell{margin:14px 0}.label{color:#888;font:12px monospace}
pre{background:#f6f8fa;padding:8px 10px;overflow:auto;white-space:pre-wrap;word-break:break-word;margin:4px 0}
pre.code{border-left:3px solid #4a7bd0}pre.error{background:#fdecec;color:#8a1010}pre.stderr{background:#fff6e5}
.table{overflow:auto;max-height:480px;border:1px solid #ddd}table{border-collapse:collapse;font-size:12px}
th,td{border-bottom:1px solid #eee;padding:2px 8px;text-align:left;white-space:nowrap;max-width:480px;overflow:hidden;text-overflow:ellipsis}
th{background:#f3f3f3;position:sticky;top:0}figure.chart{margin:8px 0}figure.chart svg,figure.chart img{max-width:100%;height:auto}
iframe.untrusted{width:100%;min-height:160px;border:1px dashed #bbb}img.output-image{max-width:100%}
`;

/** The report of an nbformat notebook (the JSON object, with outputs) as one HTML document. */
export async function notebookReport(notebook: unknown, options: ReportOptions = {}): Promise<string> {
  const nb = notebook as { cells?: unknown; metadata?: Record<string, unknown> };
  if (!nb || typeof nb !== 'object' || !Array.isArray(nb.cells)) throw new Error('the report needs an nbformat notebook (an object with cells)');
  const template = (nb.metadata?.huntbook as { template?: { title?: unknown } } | undefined)?.template;
  const title = options.title ?? (typeof template?.title === 'string' ? template.title : 'Huntbook notebook');
  const chartToSvg = options.chartToSvg ?? (async (spec: unknown) => (await import('./charts.ts')).vegaLiteToSvg(spec));
  const opts = { maxRows: options.maxRows ?? 500, chartToSvg };
  const parts: string[] = [];
  for (const raw of nb.cells as Record<string, unknown>[]) {
    if (!raw || typeof raw !== 'object') continue;
    const source = cellSource(raw);
    if (raw.cell_type === 'markdown') {
      parts.push(`<section class="cell markdown">${renderMarkdown(source)}</section>`);
      continue;
    }
    const count = typeof raw.execution_count === 'number' ? String(raw.execution_count) : ' ';
    const outputs: string[] = [];
    for (const o of mergeStreams(Array.isArray(raw.outputs) ? raw.outputs : [])) outputs.push(await outputHtml(o, opts));
    parts.push(`<section class="cell code"><div class="label">[${escapeHtml(count)}] ${cellKind(raw)}</div><pre class="code"><code>${escapeHtml(source)}</code></pre>${outputs.join('\n')}</section>`);
  }
  const made = (options.now ?? new Date()).toISOString();
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Huntbook">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(title)}</h1><p class="meta">${options.subtitle ? `${escapeHtml(options.subtitle)} · ` : ''}report made ${escapeHtml(made)} by Huntbook</p></header>
${parts.join('\n')}
</body></html>
`;
}
