/**
 * The one place where kernel values become KQL text. Every value a query takes from the kernel
 * (`let x = someVar;`) is rendered here as a typed literal, never spliced in as text:
 *
 *   number   -> long(N) when a safe integer, else real(N) / real(nan) / real(+inf) / real(-inf)
 *   bigint   -> long(N) (within 64 bits)
 *   string   -> "…" with every quote, backslash and control character escaped
 *   boolean  -> true / false
 *   Date     -> datetime(ISO 8601)
 *   array of plain objects, or a KqlResult -> datatable(col:type, …)[…] (a tabular value)
 *   any other array, Set, Map, plain object -> dynamic(JSON) (JSON's rules: non-finite numbers
 *            and undefined in arrays become null, undefined properties are left out, Dates are
 *            ISO strings)
 *   null / undefined / functions / cycles -> KqlParameterError naming the variable
 *
 * Column types of a datatable are inferred from its values: all booleans -> bool, all integers ->
 * long, numbers -> real, strings -> string, Dates -> datetime, anything else or a mix -> dynamic.
 */
import { KqlParameterError } from './errors.ts';
import { KqlResult } from './result.ts';

/** A KQL string literal of s: double-quoted, with \\ \" \n \r \t and \uXXXX for other controls. */
export function kqlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A column name as KQL: bare when it is a plain identifier, else ["…"]. */
export function kqlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `[${kqlString(name)}]`;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function numberLiteral(n: number): string {
  if (Number.isSafeInteger(n)) return `long(${String(n)})`;
  if (Number.isNaN(n)) return 'real(nan)';
  if (n === Number.POSITIVE_INFINITY) return 'real(+inf)';
  if (n === Number.NEGATIVE_INFINITY) return 'real(-inf)';
  return `real(${String(n)})`; // String() of a finite number is digits, '.', 'e', '+', '-' only
}

function bigintLiteral(n: bigint, variable: string): string {
  if (n < INT64_MIN || n > INT64_MAX) throw new KqlParameterError(variable, `kernel variable '${variable}' is ${n}, beyond KQL's 64-bit long`);
  return `long(${n.toString()})`;
}

function dateLiteral(d: Date, variable: string): string {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new KqlParameterError(variable, `kernel variable '${variable}' is an invalid Date`);
  const iso = d.toISOString();
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(iso) || d.getUTCFullYear() < 1) {
    throw new KqlParameterError(variable, `kernel variable '${variable}' is a Date (${iso}) outside KQL's years 1 to 9999`);
  }
  return `datetime(${iso})`;
}

/** The KQL literal of a kernel variable's value (named for the error messages). */
export function kqlLiteral(value: unknown, variable: string): string {
  if (value === null || value === undefined) {
    throw new KqlParameterError(variable, `kernel variable '${variable}' is ${value === null ? 'null' : 'undefined'}: a query parameter needs a value`);
  }
  switch (typeof value) {
    case 'string': return kqlString(value);
    case 'number': return numberLiteral(value);
    case 'bigint': return bigintLiteral(value, variable);
    case 'boolean': return value ? 'true' : 'false';
    case 'function':
    case 'symbol':
      throw new KqlParameterError(variable, `kernel variable '${variable}' is a ${typeof value}, which has no KQL literal`);
    default: break;
  }
  if (value instanceof Date) return dateLiteral(value, variable);
  if (value instanceof KqlResult) return resultTable(value, variable);
  if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) return objectsTable(value as Record<string, unknown>[], variable);
  return `dynamic(${jsonLiteral(value, variable, [])})`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A JSON value as the text inside dynamic(…), its strings rendered by kqlString. */
function jsonLiteral(v: unknown, variable: string, ancestors: object[]): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string': return kqlString(v);
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'bigint': return v.toString();
    case 'boolean': return v ? 'true' : 'false';
    case 'function':
    case 'symbol': return 'null';
    default: break;
  }
  const o = v as object;
  if (o instanceof Date) return Number.isNaN(o.getTime()) ? 'null' : kqlString(o.toISOString());
  if (ancestors.includes(o)) throw new KqlParameterError(variable, `kernel variable '${variable}' refers to itself (a circular structure has no KQL literal)`);
  const inner = [...ancestors, o];
  if (o instanceof KqlResult) return jsonLiteral(o.toArray(), variable, inner);
  if (Array.isArray(o) || o instanceof Set) return `[${[...o].map((x) => jsonLiteral(x, variable, inner)).join(', ')}]`;
  if (o instanceof Map) return jsonLiteral(Object.fromEntries([...o].map(([k, x]) => [String(k), x])), variable, inner);
  const toJSON = (o as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return jsonLiteral(toJSON.call(o), variable, inner);
  const parts: string[] = [];
  for (const [k, x] of Object.entries(o)) {
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    parts.push(`${kqlString(k)}: ${jsonLiteral(x, variable, inner)}`);
  }
  return `{${parts.join(', ')}}`;
}

type CellType = 'bool' | 'long' | 'real' | 'string' | 'datetime' | 'dynamic';

/** The KQL type of a datatable column holding these values (nulls ignored). */
function inferType(values: unknown[]): CellType {
  let type: CellType | undefined;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const t: CellType = typeof v === 'boolean' ? 'bool'
      : typeof v === 'bigint' ? 'long'
      : typeof v === 'number' ? (Number.isSafeInteger(v) ? 'long' : 'real')
      : typeof v === 'string' ? 'string'
      : v instanceof Date ? 'datetime'
      : 'dynamic';
    if (type === undefined || type === t) type = t;
    else if ((type === 'long' && t === 'real') || (type === 'real' && t === 'long')) type = 'real';
    else return 'dynamic';
  }
  return type ?? 'dynamic';
}

/** One datatable cell of a JavaScript value in a column of the given type. */
function cellLiteral(type: CellType, v: unknown, variable: string): string {
  if (v === null || v === undefined) return type === 'string' ? '""' : `${type === 'dynamic' ? 'dynamic' : type}(null)`;
  switch (type) {
    case 'bool': return v ? 'true' : 'false';
    case 'long': return typeof v === 'bigint' ? bigintLiteral(v, variable) : numberLiteral(v as number);
    case 'real': {
      const n = Number(v);
      return Number.isSafeInteger(n) ? `real(${String(n)})` : numberLiteral(n);
    }
    case 'string': return kqlString(v as string);
    case 'datetime': return dateLiteral(v as Date, variable);
    case 'dynamic': return `dynamic(${jsonLiteral(v, variable, [])})`;
  }
}

function objectsTable(objects: Record<string, unknown>[], variable: string): string {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const o of objects) for (const k of Object.keys(o)) if (!seen.has(k)) { seen.add(k); names.push(k); }
  if (names.length === 0) throw new KqlParameterError(variable, `kernel variable '${variable}' is an array of objects without properties: a table needs columns`);
  const types = names.map((n) => inferType(objects.map((o) => o[n])));
  const cells = objects.map((o) => names.map((n, i) => cellLiteral(types[i]!, o[n], variable)).join(', '));
  return datatable(names, types, cells);
}

function datatable(names: string[], types: string[], rows: string[]): string {
  const schema = names.map((n, i) => `${kqlName(n)}:${types[i]}`).join(', ');
  return `datatable(${schema})[${rows.join(', ')}]`;
}

/** Wire values of a KqlResult column, checked against the shape of their type before use. */
const WIRE_PATTERNS: Record<string, RegExp> = {
  datetime: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z$/,
  timespan: /^-?(\d+\.)?\d\d:\d\d:\d\d(\.\d{1,7})?$/,
  guid: /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/,
  decimal: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/,
};
const WIRE_FUNCTION: Record<string, string> = { datetime: 'datetime', timespan: 'time', guid: 'guid', decimal: 'decimal' };

function wireCell(type: string, v: unknown, variable: string, column: string): string {
  if (v === null || v === undefined) return type === 'string' ? '""' : `${WIRE_FUNCTION[type] ?? type}(null)`;
  const bad = () => new KqlParameterError(variable, `kernel variable '${variable}': column '${column}' (${type}) holds ${JSON.stringify(v)}, not a ${type} value`);
  switch (type) {
    case 'string': return kqlString(String(v));
    case 'bool': return v === true ? 'true' : v === false ? 'false' : (() => { throw bad(); })();
    case 'int':
    case 'long': {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw bad();
      return `${type}(${String(v)})`;
    }
    case 'real': {
      if (v === 'NaN') return 'real(nan)';
      if (v === 'Infinity') return 'real(+inf)';
      if (v === '-Infinity') return 'real(-inf)';
      if (typeof v !== 'number') throw bad();
      return `real(${String(v)})`;
    }
    case 'dynamic': return `dynamic(${jsonLiteral(v, variable, [])})`;
    default: {
      const pattern = WIRE_PATTERNS[type];
      if (!pattern) throw new KqlParameterError(variable, `kernel variable '${variable}': column '${column}' has type ${type}, which a datatable cannot hold`);
      if (typeof v !== 'string' || !pattern.test(v)) throw bad();
      return `${WIRE_FUNCTION[type]}(${v})`;
    }
  }
}

function resultTable(r: KqlResult, variable: string): string {
  if (r.columns.length === 0) throw new KqlParameterError(variable, `kernel variable '${variable}' is a result without columns`);
  const cells = r.rows.map((row) => r.columns.map((c, i) => wireCell(c.type, row[i], variable, c.name)).join(', '));
  return datatable(r.columns.map((c) => c.name), r.columns.map((c) => c.type), cells);
}
