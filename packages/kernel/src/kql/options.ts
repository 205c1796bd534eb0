/**
 * The syntax of the KQL magics, Kqlmagic-style:
 *
 *   %kql [options] [name <<] query                     line magic
 *   %%kql [options] [name <<] [query ...]              cell magic: options and `name <<` on its
 *   query ...                                          first line, the query after them
 *
 * Options come before the query, as `-option value` or `-option=value`:
 *   -timeout N        seconds the server may spend (sent as `Prefer: wait=N`)
 *   -display_limit N  rows shown when the result is displayed (default 10,000)
 *   -workspace W      the workspace to query instead of HUNTBOOK_WORKSPACE
 *   -quiet            run and assign, display nothing (the magic returns undefined)
 * An unknown option, or one without its value, is a KqlMagicError naming it.
 */
import { KqlMagicError } from './errors.ts';
import { DEFAULT_DISPLAY_LIMIT } from './display.ts';

export interface MagicOptions {
  /** seconds; undefined leaves the server's default */
  timeout?: number;
  displayLimit: number;
  workspace?: string;
  quiet: boolean;
}

export interface ParsedMagic {
  options: MagicOptions;
  /** the kernel variable of `name << query` */
  assignTo?: string;
  query: string;
  /** where the query starts in the magic's text (to report positions in the cell's own lines) */
  queryOffset: number;
}

const OPTION_NAMES = ['timeout', 'display_limit', 'workspace', 'quiet'] as const;
type OptionName = typeof OPTION_NAMES[number];

function optionList(): string {
  return OPTION_NAMES.map((n) => `-${n}`).join(', ');
}

/** Parse the text of a magic, starting with `%kql` / `%%kql` (the prefix may also be left out). */
export function parseMagic(text: string, kind: 'line' | 'cell'): ParsedMagic {
  const magic = kind === 'cell' ? '%%kql' : '%kql';
  const prefix = /^\s*(%%kql|%kql)(?![A-Za-z0-9_])/.exec(text);
  let i = prefix ? prefix[0].length : 0;
  const options: MagicOptions = { displayLimit: DEFAULT_DISPLAY_LIMIT, quiet: false };
  let assignTo: string | undefined;
  const skipBlanks = () => { while (text[i] === ' ' || text[i] === '\t') i++; };

  for (;;) {
    skipBlanks();
    const opt = /^-([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
    if (opt) {
      const name = opt[1]!;
      if (!(OPTION_NAMES as readonly string[]).includes(name)) {
        throw new KqlMagicError(`${magic}: unknown option '-${name}' (the options are ${optionList()})`);
      }
      i += opt[0].length;
      let value: string | undefined;
      if (text[i] === '=') {
        i++;
        value = readValue();
        if (value === undefined) throw new KqlMagicError(`${magic}: option '-${name}=' needs a value after '='`);
      } else if (name !== 'quiet') {
        skipBlanks();
        value = readValue();
        if (value === undefined) throw new KqlMagicError(`${magic}: option '-${name}' needs a value (${describe(name as OptionName)})`);
      }
      apply(options, name as OptionName, value, magic);
      continue;
    }
    const assign = /^([A-Za-z_$][A-Za-z0-9_$]*)[ \t]*<</.exec(text.slice(i));
    if (assign) {
      if (assignTo !== undefined) throw new KqlMagicError(`${magic}: two assignments ('${assignTo} <<' and '${assign[1]} <<'): a result goes to one variable`);
      assignTo = assign[1]!;
      i += assign[0].length;
      continue;
    }
    break;
  }

  // the query: the rest of the text, its surrounding blank space left out
  const rest = text.slice(i);
  const lead = rest.length - rest.trimStart().length;
  const query = rest.trim();
  if (query === '') throw new KqlMagicError(`${magic}: there is no query${assignTo ? ` after '${assignTo} <<'` : ''}`);
  return { options, assignTo, query, queryOffset: i + lead };

  /** a value: a quoted string ('…' or "…") or everything up to the next blank */
  function readValue(): string | undefined {
    const q = text[i];
    if (q === '"' || q === "'") {
      const close = text.indexOf(q, i + 1);
      if (close < 0 || text.slice(i, close).includes('\n')) throw new KqlMagicError(`${magic}: an option value opened with ${q} is not closed on its line`);
      const v = text.slice(i + 1, close);
      i = close + 1;
      return v;
    }
    const m = /^[^\s]+/.exec(text.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return m[0];
  }
}

function describe(name: OptionName): string {
  switch (name) {
    case 'timeout': return 'seconds, e.g. -timeout 60';
    case 'display_limit': return 'rows, e.g. -display_limit 500';
    case 'workspace': return 'a workspace name, e.g. -workspace demo';
    case 'quiet': return 'true or false';
  }
}

function apply(options: MagicOptions, name: OptionName, value: string | undefined, magic: string): void {
  const bad = () => new KqlMagicError(`${magic}: option '-${name}' got '${value}', expected ${describe(name)}`);
  switch (name) {
    case 'timeout': {
      const n = Number(value);
      if (!value || !Number.isFinite(n) || n <= 0) throw bad();
      options.timeout = n;
      break;
    }
    case 'display_limit': {
      const n = Number(value);
      if (!value || !Number.isSafeInteger(n) || n < 0) throw bad();
      options.displayLimit = n;
      break;
    }
    case 'workspace':
      if (!value) throw bad();
      options.workspace = value;
      break;
    case 'quiet':
      if (value === undefined || value.toLowerCase() === 'true') options.quiet = true;
      else if (value.toLowerCase() === 'false') options.quiet = false;
      else throw bad();
      break;
  }
}

/**
 * Where the query starts in a magic's text, without judging the options (for completions while
 * the user types); `workspace` when a `-workspace` option is already complete.
 */
export function queryStart(text: string): { at: number; workspace?: string } {
  const prefix = /^\s*(%%kql|%kql)(?![A-Za-z0-9_])/.exec(text);
  let i = prefix ? prefix[0].length : 0;
  let workspace: string | undefined;
  const blanks = () => { while (text[i] === ' ' || text[i] === '\t') i++; };
  const word = () => { const m = /^("[^"\n]*"|'[^'\n]*'|\S+)/.exec(text.slice(i)); i += m ? m[0].length : 0; return m ? m[0].replace(/^(["'])(.*)\1$/, '$2') : undefined; };
  for (;;) {
    blanks();
    const opt = /^-([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
    if (opt) {
      i += opt[0].length;
      let value: string | undefined;
      if (text[i] === '=') { i++; value = word(); } else if (opt[1] !== 'quiet') { blanks(); value = word(); }
      if (opt[1] === 'workspace' && value) workspace = value;
      continue;
    }
    const assign = /^[A-Za-z_$][A-Za-z0-9_$]*[ \t]*<</.exec(text.slice(i));
    if (assign) { i += assign[0].length; continue; }
    return { at: i, workspace };
  }
}

/** The option names, for completing `-disp…`. */
export function optionNames(): readonly string[] {
  return OPTION_NAMES;
}
