/**
 * Kqlmagic cells mapped to Huntbook's %kql / %%kql (pure; used by import.ts).
 *
 * Kqlmagic (the Python extension) and Huntbook's kernel share the magic's shape
 * (`%%kql [options] [name <<] query`, `let x = var;` parameters), so most KQL cells run as they
 * are. What does not carry over, and what happens to it:
 *   - a connection string (`loganalytics://...`, `kusto://...`, `azuremonitor://...`,
 *     `azuredataexplorer://...`, `appinsights://...`, `aimon://...`, `cache://...`, or a
 *     `Database@Cluster` shortcut), first on a magic line or alone on the first line of a
 *     %%kql body: dropped (a Huntbook notebook queries the workspace it is saved in);
 *   - `%load_ext Kqlmagic`, `%reload_ext Kqlmagic`, `%config Kqlmagic...`, `%env KQLMAGIC_*`,
 *     `!pip install Kqlmagic`, `%pip install Kqlmagic`: dropped;
 *   - options: `-timeout`/`-to` and `-display_limit`/`-displaylimit`/`-dl` are kept (renamed to
 *     Huntbook's names), as are Huntbook's own `-workspace W` and `-quiet`; every other Kqlmagic option (`-popup_window`, `-feedback`,
 *     `-query_properties {...}`, ...) is dropped, with its value when it takes one;
 *   - `name = %kql query` (Python assignment of a line magic) becomes `%kql name << query`.
 * Every change yields a note saying which cell and what; lines that stay Python are named too.
 */

const CONNECTION = /^(["']?)(loganalytics|azuremonitor|azuredataexplorer|azure_data_explorer|kusto|appinsights|applicationinsights|aimon|cache):\/\//i;
const DB_AT_CLUSTER = /^[A-Za-z_][\w-]*@[A-Za-z_][\w.-]*$/;
const SETUP_LINE = /^\s*(%(re)?load_ext\s+kqlmagic\b|%config\s+kqlmagic\b|%env\s+KQLMAGIC_|[!%]pip\s+install\b.*\bkqlmagic\b)/i;

/** Kqlmagic options that take a value (the value is dropped with them). */
const VALUED = new Set([
  'query_properties', 'qp', 'table_package', 'tp', 'plot_package', 'pp', 'palette_name', 'pn',
  'palette_colors', 'pc', 'palette_desaturation', 'pd', 'show_conn_list', 'conn', 'connection',
  'cache', 'use_cache', 'temp_folder_name', 'export_folder_name', 'cloud', 'enable_sso', 'auth_token_warnings',
  'dynamic_to_dataframe', 'kernel_location', 'kernel_id', 'notebook_app', 'timezone', 'tz', 'try_token',
  'try_msi', 'try_azcli_login_subscription', 'dsi', 'device_code_login_notification', 'idle_timeout',
]);
/** Kqlmagic option -> Huntbook option (both take a number). */
const KEPT: Record<string, string> = { timeout: 'timeout', to: 'timeout', display_limit: 'display_limit', displaylimit: 'display_limit', dl: 'display_limit', workspace: 'workspace' };
/** Huntbook's own flag, kept as it is. */
const KEPT_FLAGS = new Set(['quiet']);

export interface MappedCell {
  source: string;
  /** what was changed, for the import's notes (empty when nothing was) */
  changes: string[];
}

interface Head { options: string[]; assign?: string; rest: string; changes: string[] }

/** Options, `name <<` and a connection string at the start of a magic's text. */
function mapHead(text: string): Head {
  const changes: string[] = [];
  const options: string[] = [];
  let rest = text;
  let assign: string | undefined;
  for (;;) {
    rest = rest.replace(/^[ \t]+/, '');
    const opt = /^-(!?)([A-Za-z_][\w]*)(?:=(\S+))?/.exec(rest);
    if (opt && (rest.length === opt[0].length || /[ \t]/.test(rest[opt[0].length]!))) {
      const name = opt[2]!.toLowerCase();
      rest = rest.slice(opt[0].length);
      let value = opt[3];
      const takesValue = KEPT[name] !== undefined || VALUED.has(name);
      if (takesValue && value === undefined) {
        const v = /^[ \t]+(\{[^}]*\}|\S+)/.exec(rest);
        if (v) { value = v[1]; rest = rest.slice(v[0].length); }
      }
      if (KEPT_FLAGS.has(name) && opt[1] === '' && value === undefined) options.push(`-${name}`);
      else if (KEPT[name] !== undefined && value !== undefined && opt[1] === '') options.push(`-${KEPT[name]} ${value}`);
      else changes.push(`dropped the Kqlmagic option -${opt[1]}${opt[2]}${value !== undefined ? ` ${value}` : ''} (Huntbook has no such option)`);
      continue;
    }
    const a = /^([A-Za-z_$][\w$]*)[ \t]*<</.exec(rest);
    if (a && assign === undefined) { assign = a[1]; rest = rest.slice(a[0].length); continue; }
    const conn = connectionAt(rest);
    if (conn !== undefined) {
      rest = rest.slice(conn.length);
      changes.push('dropped the Kqlmagic connection string (a Huntbook notebook queries the workspace it is saved in)');
      continue;
    }
    return { options, assign, rest, changes };
  }
}

/** The connection string at the start of text (up to its end), or undefined. */
function connectionAt(text: string): string | undefined {
  const m = CONNECTION.exec(text);
  if (m) {
    const quote = m[1];
    if (quote) {
      const end = text.indexOf(quote, 1);
      return end < 0 ? text : text.slice(0, end + 1);
    }
    // unquoted: up to the first blank outside parentheses
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
      else if ((c === ' ' || c === '\t' || c === '\n') && depth === 0) return text.slice(0, i);
    }
    return text;
  }
  const word = /^\S+/.exec(text)?.[0];
  return word !== undefined && DB_AT_CLUSTER.test(word) ? word : undefined;
}

function headText(h: Head): string {
  return [...h.options, ...(h.assign ? [`${h.assign} <<`] : [])].join(' ');
}

/** A %%kql cell's source, mapped. */
function mapCellMagic(source: string): MappedCell {
  const nl = source.indexOf('\n');
  const first = nl < 0 ? source : source.slice(0, nl);
  let body = nl < 0 ? '' : source.slice(nl + 1);
  const head = mapHead(first.replace(/^\s*%%kql/, ''));
  const changes = [...head.changes];
  let inline = head.rest.trim();
  // a connection string alone on the first line of the body
  const bodyFirst = /^[ \t]*([^\n]*)(\n|$)/.exec(body);
  if (inline === '' && bodyFirst && connectionAt(bodyFirst[1]!.trim()) !== undefined && connectionAt(bodyFirst[1]!.trim()) === bodyFirst[1]!.trim()) {
    body = body.slice(bodyFirst[0].length);
    changes.push('dropped the Kqlmagic connection string (a Huntbook notebook queries the workspace it is saved in)');
  }
  const magic = ['%%kql', headText(head)].filter((s) => s !== '').join(' ');
  const rest = inline !== '' ? `${inline}${body ? `\n${body}` : ''}` : body;
  if (changes.length === 0) return { source, changes };
  return { source: rest === '' ? magic : `${magic}\n${rest}`, changes };
}

/** One line of a code cell, mapped (undefined: drop the line). */
function mapLine(line: string, changes: string[]): string | undefined {
  if (SETUP_LINE.test(line)) {
    changes.push(`dropped '${line.trim()}' (Kqlmagic setup; Huntbook's kernel has %kql built in)`);
    return undefined;
  }
  const assigned = /^(\s*)([A-Za-z_]\w*)\s*=\s*%kql\b(.*)$/.exec(line);
  const plain = /^(\s*)%kql\b(.*)$/.exec(line);
  if (!assigned && !plain) return line;
  const indent = (assigned ?? plain)![1]!;
  const head = mapHead(assigned ? assigned[3]! : plain![2]!);
  changes.push(...head.changes);
  if (assigned) {
    if (head.assign === undefined) head.assign = assigned[2];
    changes.push(`'${assigned[2]} = %kql ...' became '%kql ${assigned[2]} << ...'`);
  }
  // only a connection (and options): nothing left to run
  if (head.rest.trim() === '') return `${indent}// %kql connection removed on import: this notebook queries the workspace it is saved in`;
  if (head.changes.length === 0 && !assigned) return line;
  return `${indent}${['%kql', headText(head), head.rest.trim()].filter((s) => s !== '').join(' ')}`;
}

/** Whether a line looks like Python that Huntbook's TypeScript kernel will not run. */
function looksPython(line: string): boolean {
  return /^\s*(import\s+\w|from\s+\w+(\.\w+)*\s+import\b|def\s+\w+\(|print\(|%matplotlib\b)|\.to_dataframe\(|\bpd\.|\.head\(\)\s*$/.test(line);
}

/** A code cell's source from a Kqlmagic notebook, mapped for Huntbook's kernel. */
export function mapKqlmagicCell(source: string): MappedCell {
  if (/^\s*%%kql\b/.test(source)) return mapCellMagic(source);
  const changes: string[] = [];
  const lines = source.split('\n');
  const out: string[] = [];
  let python = 0;
  for (const line of lines) {
    const mapped = mapLine(line, changes);
    if (mapped !== undefined) out.push(mapped);
    if (mapped !== undefined && looksPython(mapped)) python++;
  }
  if (python > 0) changes.push(`${python} line(s) look like Python: Huntbook's kernel runs TypeScript, rewrite them`);
  const text = out.join('\n');
  return { source: changes.length === 0 ? source : text, changes };
}
