/**
 * How values become outputs: MIME bundles (a Displayable's own, else `text/plain` as Node's REPL
 * prints it) and the console whose lines go out as stream events while a cell runs.
 */
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { isDisplayable, DISPLAY, type DisplayBundle } from '../types.ts';

/** `text/plain` of a value as Node's REPL prints it (no colors). */
export function inspectValue(value: unknown): string {
  return inspect(value, { showProxy: true, colors: false });
}

/** A value's bundle: its own when it is Displayable, else text/plain. */
export function bundleOf(value: unknown): DisplayBundle {
  if (isDisplayable(value)) {
    const own = value[DISPLAY]();
    return { data: { ...own.data }, ...(own.metadata ? { metadata: own.metadata } : {}) };
  }
  return { data: { 'text/plain': inspectValue(value) } };
}

/**
 * A console like Node's (util.format, groups, tables, timers), writing through `write`:
 * log/info/debug/dir/table -> stdout; error/warn/trace -> stderr.
 */
export function createCellConsole(write: (name: 'stdout' | 'stderr', text: string) => void): Console {
  // _write calls back at once, so every console call is written (posted) before it returns
  const stream = (name: 'stdout' | 'stderr') =>
    new Writable({
      decodeStrings: false,
      write(chunk: string | Buffer, _encoding, callback) {
        write(name, typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
        callback();
      },
    });
  return new Console({ stdout: stream('stdout'), stderr: stream('stderr'), colorMode: false });
}
