/**
 * The input history of history_request: one entry per cell run with store_history, numbered
 * by execution count within a session. This kernel's session comes after those kept in the
 * optional history file (JSON lines under the user's data dir), so numbering is per session.
 * Access: tail (last n), range (session, start, stop exclusive), search (glob pattern, last n,
 * unique).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface HistoryEntry {
  session: number;
  line: number;
  input: string;
  /** text/plain of the cell's execute_result, if any */
  output: string | null;
}

export interface HistoryRequest {
  hist_access_type?: unknown;
  output?: unknown;
  session?: unknown;
  start?: unknown;
  stop?: unknown;
  n?: unknown;
  pattern?: unknown;
  unique?: unknown;
}

/** An item of history_reply: [session, line, input] or [session, line, [input, output]]. */
export type HistoryItem = [number, number, string | [string, string | null]];

export class History {
  readonly session: number;
  readonly #entries: HistoryEntry[] = [];
  readonly #file: string | undefined;

  /** `file`: JSON lines of earlier sessions, appended to as cells run; undefined keeps memory only. */
  constructor(file?: string) {
    this.#file = file;
    let last = 0;
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const e = JSON.parse(line) as HistoryEntry;
          if (typeof e.session === 'number' && typeof e.line === 'number' && typeof e.input === 'string') {
            this.#entries.push({ session: e.session, line: e.line, input: e.input, output: e.output ?? null });
            last = Math.max(last, e.session);
          }
        } catch {
          // a torn last line (a kernel killed while writing) is skipped
        }
      }
    }
    this.session = last + 1;
  }

  add(line: number, input: string): void {
    this.#entries.push({ session: this.session, line, input, output: null });
    this.#persist();
  }

  /** Records the text/plain output of a line of this session. */
  setOutput(line: number, output: string): void {
    for (let i = this.#entries.length - 1; i >= 0; i--) {
      const e = this.#entries[i]!;
      if (e.session === this.session && e.line === line) {
        e.output = output;
        return;
      }
    }
  }

  #persist(): void {
    if (!this.#file) return;
    try {
      mkdirSync(dirname(this.#file), { recursive: true });
      const e = this.#entries.at(-1)!;
      appendFileSync(this.#file, `${JSON.stringify({ session: e.session, line: e.line, input: e.input })}\n`);
    } catch (err) {
      process.stderr.write(`huntbook kernel: cannot write the history file ${this.#file}: ${(err as Error).message}\n`);
    }
  }

  /** Answers a history_request's content. */
  query(req: HistoryRequest): HistoryItem[] {
    const output = req.output === true;
    const n = typeof req.n === 'number' && req.n >= 0 ? Math.floor(req.n) : undefined;
    let hits: HistoryEntry[];
    switch (req.hist_access_type) {
      case 'tail':
        hits = n === undefined ? [] : lastN(this.#entries, n);
        break;
      case 'range': {
        const s = typeof req.session === 'number' ? req.session : 0;
        const session = s > 0 ? s : this.session + s;
        const start = typeof req.start === 'number' ? req.start : 1;
        const stop = typeof req.stop === 'number' ? req.stop : Infinity;
        hits = this.#entries.filter((e) => e.session === session && e.line >= start && e.line < stop);
        break;
      }
      case 'search': {
        const re = globToRegExp(typeof req.pattern === 'string' ? req.pattern : '*');
        hits = this.#entries.filter((e) => re.test(e.input));
        if (req.unique === true) {
          const seen = new Set<string>();
          hits = hits.reverse().filter((e) => !seen.has(e.input) && seen.add(e.input)).reverse();
        }
        if (n !== undefined) hits = lastN(hits, n);
        break;
      }
      default:
        throw new Error(`history_request: hist_access_type must be 'tail', 'range' or 'search', not ${JSON.stringify(req.hist_access_type)}`);
    }
    return hits.map((e) => [e.session, e.line, output ? [e.input, e.output] : e.input]);
  }
}

function lastN<T>(xs: T[], n: number): T[] {
  return n === 0 ? [] : xs.slice(-n);
}

/** A glob as sqlite's GLOB reads it (IPython's history search): * ? [...] over the whole input. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) { re += '\\['; continue; }
      let body = glob.slice(i + 1, end);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
