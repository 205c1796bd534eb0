/**
 * The %kql / %%kql magics as the Executor sees them: recognizing them in a cell and calling the
 * KQL part (kql/index.ts: runKqlMagic, completeKql), which is loaded on first use.
 *
 * - A cell whose first line starts with `%%kql` is a KQL cell: runKqlMagic(rest of the first
 *   line + '\n' + the other lines, host, 'cell').
 * - A line of a TypeScript cell starting with `%kql ` becomes, on the same line,
 *   `await <internal>.kql("<rest of the line>")`, whose value is runKqlMagic(..., 'line').
 */
import type { KernelHost } from '../types.ts';
import { INTERNAL } from './transform.ts';

interface KqlModule {
  runKqlMagic(text: string, host: KernelHost, kind: 'line' | 'cell'): Promise<unknown>;
  completeKql(code: string, cursorPos: number): Promise<{ matches: string[]; cursorStart: number; cursorEnd: number }>;
}

let kqlModule: Promise<KqlModule> | undefined;

/** The KQL part, imported once (lazily, so the Executor runs without it). */
export function loadKql(): Promise<KqlModule> {
  kqlModule ??= import(new URL('../kql/index.ts', import.meta.url).href).then((m: Partial<KqlModule>) => {
    if (typeof m.runKqlMagic !== 'function' || typeof m.completeKql !== 'function') {
      throw new Error('kernel: kql/index.ts does not export runKqlMagic and completeKql');
    }
    return m as KqlModule;
  });
  kqlModule.catch(() => { kqlModule = undefined; });
  return kqlModule;
}

const CELL_MAGIC = /^\s*%%kql\b/;
const LINE_MAGIC = /^(\s*)%kql(?:\s(.*))?$/;

/** Where a %%kql cell's KQL text starts (after `%%kql` and blanks), or -1 when it is not one. */
function cellMagicStart(code: string): number {
  const m = /^\s*%%kql[ \t]*/.exec(code);
  return m && CELL_MAGIC.test(code) ? m[0].length : -1;
}

/** The KQL text of a %%kql cell (rest of the first line, '\n', the other lines), or undefined. */
export function cellMagicText(code: string): string | undefined {
  const start = cellMagicStart(code);
  if (start < 0) return undefined;
  const text = code.slice(start);
  return text.includes('\n') ? text : text + '\n';
}

/** Replaces `%kql ...` lines by an awaited call of the KQL part (same line, same count). */
export function rewriteLineMagics(code: string): string {
  if (!code.includes('%kql')) return code;
  return code
    .split('\n')
    .map((line) => {
      const m = LINE_MAGIC.exec(line.replace(/\r$/, ''));
      return m ? `${m[1]}await ${INTERNAL}.kql(${JSON.stringify(m[2] ?? '')})` : line;
    })
    .join('\n');
}

/**
 * Whether the cursor is in KQL (a %%kql cell, or a %kql line of a TypeScript cell): the KQL text
 * as runKqlMagic receives it, the cursor in it, and the offset of that text in the cell.
 */
export function kqlAtCursor(code: string, cursorPos: number): { code: string; cursorPos: number; offset: number } | undefined {
  const start = cellMagicStart(code);
  if (start >= 0) {
    return cursorPos >= start ? { code: code.slice(start), cursorPos: cursorPos - start, offset: start } : undefined;
  }
  const lineStart = code.lastIndexOf('\n', cursorPos - 1) + 1;
  const lineEnd = code.indexOf('\n', cursorPos);
  const line = code.slice(lineStart, lineEnd < 0 ? code.length : lineEnd);
  const m = /^(\s*%kql\s+)/.exec(line);
  if (!m || cursorPos - lineStart < m[1].length) return undefined;
  const offset = lineStart + m[1].length;
  return { code: line.slice(m[1].length), cursorPos: cursorPos - offset, offset };
}
