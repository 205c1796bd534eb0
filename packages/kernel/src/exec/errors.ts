/**
 * A thrown value -> Jupyter's CellError {ename, evalue, traceback}.
 *
 * The traceback keeps the frames of the user's code: stack frames up to the last one in a cell
 * script (file names `cell[N]`, lines as in the cell), without the kernel's own frames (vm, node
 * internals, packages/kernel/src: a KQL error shows its message and the cell's line, not the
 * kernel's insides). The first cell frame is followed by its source line, as Node prints it.
 */
import { inspect } from 'node:util';
import type { CellError } from '../types.ts';
import { CellSyntaxError } from './transform.ts';

/** The name of an interrupted cell's error, as Jupyter kernels name it. */
export const KEYBOARD_INTERRUPT = 'KeyboardInterrupt';

export function interruptError(): CellError {
  return { ename: KEYBOARD_INTERRUPT, evalue: 'the cell was interrupted', traceback: [`${KEYBOARD_INTERRUPT}: the cell was interrupted`] };
}

/** `cell[N]`: the file name of cell N's script in stack traces. */
export function cellFileName(executionCount: number): string {
  return `cell[${executionCount}]`;
}

/** @param sources cell file name -> the cell's source, to quote the failing line */
export function toCellError(thrown: unknown, fileName: string, sources: ReadonlyMap<string, string>): CellError {
  if (thrown instanceof CellSyntaxError) {
    const line = sources.get(fileName)?.split('\n')[thrown.line - 1];
    const where = [`    at ${fileName}:${thrown.line}:${thrown.column + 1}`];
    if (line !== undefined) where.push(`      ${line}`, `      ${' '.repeat(thrown.column)}^`);
    return { ename: 'SyntaxError', evalue: thrown.message, traceback: [`SyntaxError: ${thrown.message}`, ...where] };
  }
  if (!(thrown instanceof Error) && !isErrorLike(thrown)) {
    const evalue = inspect(thrown);
    return { ename: 'Error', evalue: `a non-error value was thrown: ${evalue}`, traceback: [`Uncaught ${evalue}`] };
  }
  const err = thrown as Error;
  const ename = err.name || err.constructor?.name || 'Error';
  const evalue = String(err.message ?? '');
  const stack = typeof err.stack === 'string' ? err.stack : `${ename}: ${evalue}`;
  const isCell = (l: string) => /\bcell\[\d+\]:\d+/.test(l);
  // the wrapper's call `})()` is on the line after the cell's last: not the user's frame
  const isWrapperCall = (l: string) => {
    const m = /\b(cell\[\d+\]):(\d+):\d+/.exec(l);
    const source = m ? sources.get(m[1]) : undefined;
    return source !== undefined && Number(m![2]) > source.split('\n').length;
  };
  const lines = stack.split('\n');
  const firstFrame = lines.findIndex((l) => /^\s+at /.test(l));
  const head = firstFrame < 0 ? lines : lines.slice(0, firstFrame);
  const frames = firstFrame < 0 ? [] : lines.slice(firstFrame).filter((l) => !isWrapperCall(l));
  const lastCell = findLastIndex(frames, isCell);
  const kept = (lastCell >= 0 ? frames.slice(0, lastCell + 1) : frames).filter((l) => !isKernelFrame(l));
  const traceback = [...head];
  let quoted = false;
  for (const frame of kept) {
    traceback.push(frame);
    const m = /\b(cell\[\d+\]):(\d+):(\d+)/.exec(frame);
    if (m && !quoted) {
      quoted = true;
      const source = sources.get(m[1])?.split('\n')[Number(m[2]) - 1];
      if (source !== undefined && source.trim() !== '') traceback.push(`      ${source.trim()}`);
    }
  }
  return { ename, evalue, traceback };
}

function isErrorLike(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as Error).message === 'string' && typeof (v as Error).stack === 'string';
}

function isKernelFrame(line: string): boolean {
  return /node:vm|node:internal|\/packages\/kernel\/src\//.test(line);
}

function findLastIndex<T>(xs: T[], p: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (p(xs[i])) return i;
  return -1;
}
