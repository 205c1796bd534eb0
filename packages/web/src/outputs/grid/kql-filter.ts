/**
 * "Add selection as filter": the KQL `| where` clause that keeps (or drops) rows with the selected
 * cells' values. This is the one place where grid values become KQL text; every value becomes a
 * typed literal, never spliced in as text:
 *
 *   string          -> Col == "…" (quotes, backslashes and control characters escaped)
 *   guid            -> Col == guid(…) when it is a GUID, else tostring(Col) == "…"
 *   int, long       -> Col == 42 (a whole number), real -> Col == real(1.5), real(+inf), isnan(Col)
 *   decimal         -> Col == decimal(1.25)
 *   bool            -> Col == true
 *   datetime        -> Col == datetime(2024-03-01T12:00:00.1234567Z)
 *   timespan        -> Col == timespan(1.02:03:04.5000000)
 *   dynamic         -> tostring(Col) == "…" (the value's JSON text; a string value is its own text)
 *   null            -> isnull(Col) (for strings, which are never null: isempty(Col))
 *
 * A value that does not read as its column's type falls back to `tostring(Col) == "…"`. Several
 * values of one column become `Col in (…)`; several columns are joined with `and`.
 */
import type { GridColumn } from './types.ts';

export interface CellSelection {
  readonly column: GridColumn;
  readonly value: unknown;
}

/** A KQL string literal: double-quoted, with \\ \" \n \r \t and \uXXXX for other control characters. */
export function kqlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A column name: bare when a plain identifier that is no keyword, else ["…"]. */
export function kqlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name) ? name : `[${kqlString(name)}]`;
}

/** Words that cannot stand bare as a column name in a where clause. */
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'has', 'contains', 'between', 'true', 'false', 'null', 'where', 'let', 'by', 'on', 'with', 'of', 'to', 'like', 'matches', 'startswith', 'endswith', 'typeof', 'datatable', 'dynamic', 'datetime', 'timespan', 'guid', 'bool', 'int', 'long', 'real', 'decimal', 'string', 'time', 'date', 'double']);

const INTEGER = /^-?\d{1,19}$/;
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATETIME = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,9})?)?)?Z?$/;
const TIMESPAN = /^-?(\d+\.)?\d+:\d\d:\d\d(\.\d{1,7})?$/;

/** The value's text as tostring() gives it: a string is itself, anything else its JSON. */
function jsonText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A typed literal of `v` for a column of `type`; undefined when `v` is no value of that type. */
export function kqlLiteral(v: unknown, type: string): string | undefined {
  switch (type) {
    case 'string':
      return typeof v === 'string' ? kqlString(v) : undefined;
    case 'guid':
      return typeof v === 'string' && GUID.test(v) ? `guid(${v})` : undefined;
    case 'bool':
      return v === true || v === 'true' ? 'true' : v === false || v === 'false' ? 'false' : undefined;
    case 'int':
    case 'long': {
      const t = typeof v === 'number' ? (Number.isSafeInteger(v) ? String(v) : '') : typeof v === 'string' ? v.trim() : '';
      return INTEGER.test(t) && BigInt(t) >= -(2n ** 63n) && BigInt(t) < 2n ** 63n ? t : undefined;
    }
    case 'real': {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
      if (v === 'Infinity' || n === Number.POSITIVE_INFINITY) return 'real(+inf)';
      if (v === '-Infinity' || n === Number.NEGATIVE_INFINITY) return 'real(-inf)';
      // String() of a finite number has only digits, '.', 'e', '+' and '-'
      return Number.isFinite(n) && (typeof v === 'number' || DECIMAL.test(String(v).trim())) ? `real(${String(n)})` : undefined;
    }
    case 'decimal': {
      const t = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : '';
      return DECIMAL.test(t) ? `decimal(${t})` : undefined;
    }
    case 'datetime':
      return typeof v === 'string' && DATETIME.test(v) && !Number.isNaN(Date.parse(v.endsWith('Z') || v.length === 10 ? v : `${v}Z`)) ? `datetime(${v})` : undefined;
    case 'timespan':
      return typeof v === 'string' && TIMESPAN.test(v) ? `timespan(${v})` : undefined;
    default:
      return undefined;
  }
}

/** One column's condition for its selected values (deduplicated). */
function columnCondition(column: GridColumn, values: readonly unknown[], exclude: boolean): string {
  const name = kqlName(column.name);
  const parts: string[] = [];
  const eq: string[] = [];
  const asText: string[] = [];
  for (const v of values) {
    if (v === null || v === undefined || (column.type === 'string' && v === '')) {
      parts.push(column.type === 'string' ? `isempty(${name})` : `isnull(${name})`);
    } else if (column.type === 'real' && (v === 'NaN' || (typeof v === 'number' && Number.isNaN(v)))) {
      parts.push(`isnan(${name})`);
    } else {
      const lit = column.type === 'dynamic' ? undefined : kqlLiteral(v, column.type);
      if (lit !== undefined) eq.push(lit);
      else asText.push(kqlString(jsonText(v)));
    }
  }
  const uniq = (xs: string[]) => [...new Set(xs)];
  const list = (lhs: string, xs: string[]) => (xs.length === 1 ? `${lhs} == ${xs[0]}` : `${lhs} in (${xs.join(', ')})`);
  if (eq.length) parts.push(list(name, uniq(eq)));
  if (asText.length) parts.push(list(`tostring(${name})`, uniq(asText)));
  const all = uniq(parts);
  const any = all.length === 1 ? all[0]! : `(${all.join(' or ')})`;
  return exclude ? `not(${all.length === 1 ? all[0]! : all.join(' or ')})` : any;
}

/**
 * The `| where …` clause keeping the rows that have the selected values (`exclude`: dropping
 * them). Throws a RangeError when nothing is selected.
 */
export function whereClause(selection: readonly CellSelection[], options: { exclude?: boolean } = {}): string {
  if (selection.length === 0) throw new RangeError('add selection as filter: no cell is selected');
  const byColumn = new Map<string, { column: GridColumn; values: unknown[] }>();
  for (const s of selection) {
    const key = `${s.column.name}\u0000${s.column.type}`;
    let entry = byColumn.get(key);
    if (!entry) byColumn.set(key, (entry = { column: s.column, values: [] }));
    entry.values.push(s.value);
  }
  const conditions = [...byColumn.values()].map((e) => columnCondition(e.column, e.values, options.exclude === true));
  return `| where ${conditions.join(' and ')}`;
}
