/**
 * Completion and inspection of TypeScript code against the live kernel: names of kernel
 * variables and JS globals, members after `a.b.` (the path is resolved by property reads only,
 * nothing is called), and the identifier under the cursor for inspect_request.
 */
import { inspectValue } from './output.ts';
import { INTERNAL } from './transform.ts';

export interface CompleteReply {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
  metadata: Record<string, unknown>;
  status: 'ok';
}

const KEYWORDS = [
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'let', 'new',
  'null', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'undefined', 'var',
  'void', 'while', 'yield', 'async', 'of', 'interface', 'type', 'enum',
];

const ID = '[A-Za-z_$][\\w$]*';
/** `a.b.c.pre` (the text before the cursor ends with it): path 'a.b.c', prefix 'pre' */
const MEMBER_BEFORE = new RegExp(`(${ID}(?:\\s*(?:\\?\\.|\\.)\\s*${ID})*)\\s*(?:\\?\\.|\\.)\\s*(${ID})?$`);
const NAME_BEFORE = new RegExp(`(${ID})?$`);

/**
 * @param userNames names the cells declared (listed before JS globals)
 */
export function completeCode(code: string, cursorPos: number, userNames: Iterable<string>): CompleteReply {
  const before = code.slice(0, cursorPos);
  const after = /^[\w$]*/.exec(code.slice(cursorPos))![0];
  const member = MEMBER_BEFORE.exec(before);
  if (member) {
    const prefix = member[2] ?? '';
    const target = resolvePath(member[1]);
    const names = target.found ? memberNames(target.value) : [];
    return reply(names.filter((n) => n.startsWith(prefix)), cursorPos - prefix.length, cursorPos + after.length);
  }
  // after a dot that does not follow a plain path (`f().`, `a[0].`): nothing is evaluated
  if (/\.\s*[\w$]*$/.test(before) && !/\.\.\.[\w$]*$/.test(before) && !/\d\.\d*$/.test(before)) {
    return reply([], cursorPos, cursorPos + after.length);
  }
  const prefix = NAME_BEFORE.exec(before)![1] ?? '';
  const user = [...new Set(userNames)].filter((n) => n in globalThis).sort();
  const globals = Object.getOwnPropertyNames(globalThis).filter((n) => !n.startsWith(INTERNAL)).sort();
  const all = [...new Set([...user, ...globals, ...KEYWORDS])];
  return reply(all.filter((n) => n.startsWith(prefix)), cursorPos - prefix.length, cursorPos + after.length);
}

function reply(matches: string[], start: number, end: number): CompleteReply {
  return { matches, cursor_start: start, cursor_end: end, metadata: {}, status: 'ok' };
}

/** Resolves `a.b.c` from globalThis by property reads; a getter that throws means not found. */
export function resolvePath(path: string): { found: boolean; value?: unknown } {
  const parts = path.split(/\s*\??\.\s*/);
  let value: unknown = globalThis;
  for (const part of parts) {
    if (value === null || value === undefined) return { found: false };
    try {
      if (!(part in Object(value))) return { found: false };
      value = (value as Record<string, unknown>)[part];
    } catch {
      return { found: false };
    }
  }
  return { found: true, value };
}

/** Own and inherited property names (no symbols, no Object.prototype ones for objects). */
function memberNames(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const names = new Set<string>();
  let o: object | null = Object(value);
  while (o && o !== Object.prototype) {
    for (const n of Object.getOwnPropertyNames(o)) if (/^[A-Za-z_$][\w$]*$/.test(n)) names.add(n);
    o = Object.getPrototypeOf(o);
  }
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** underscore-prefixed names after the others */
function rank(name: string): number {
  return name.startsWith('_') ? 1 : 0;
}

/** The dotted identifier path around the cursor (the cursor may be inside or right after it). */
export function pathAt(code: string, cursorPos: number): string | undefined {
  const before = /(?:[A-Za-z_$][\w$]*\??\.)*[\w$]*$/.exec(code.slice(0, cursorPos))![0];
  const after = /^[\w$]*/.exec(code.slice(cursorPos))![0];
  const path = (before + after).replace(/\??\.$/, '');
  return new RegExp(`^${ID}(?:\\??\\.${ID})*$`).test(path) ? path : undefined;
}

export interface InspectReply {
  status: 'ok';
  found: boolean;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** inspect_request: the type and util.inspect of the value at the cursor. */
export function inspectAt(code: string, cursorPos: number, detailLevel: 0 | 1): InspectReply {
  const path = pathAt(code, cursorPos);
  const target = path ? resolvePath(path) : { found: false };
  if (!path || !target.found) return { status: 'ok', found: false, data: {}, metadata: {} };
  const value = target.value;
  let text = `${path}: ${typeName(value)}\n${inspectValue(value)}`;
  if (detailLevel === 1 && typeof value === 'function') text += `\n\n${Function.prototype.toString.call(value)}`;
  return { status: 'ok', found: true, data: { 'text/plain': text }, metadata: {} };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  if (typeof value !== 'object') return typeof value;
  const ctor = (value as { constructor?: { name?: string } }).constructor?.name;
  return ctor ?? 'object';
}
