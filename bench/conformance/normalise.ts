/**
 * Comparing documented output cells (strings from Markdown tables) with engine results
 * (typed contract values). The engine's column type decides how a documented cell is read:
 *
 *   numbers   `1,048,576`, `2.2E-05`, `∞`; a cell with a fractional part is compared at the
 *             precision it shows (rounded), whole numbers exactly (up to a few ulps)
 *   bool      true / True / TRUE / 1, false / False / FALSE / 0
 *   datetime  `2017-01-01T00:00:00Z`, `2022-03-27 02:00:00.0000000`, `2023-02-01` (trailing zeros ignored)
 *   timespan  `[-][d.]hh:mm:ss[.fffffff]` compared as ticks
 *   dynamic   JSON compact, spaced, pretty with `<br>`, or single-quoted; key order ignored
 *   empty     an empty cell is an empty string or null
 *
 * The rules only remove differences of presentation: two different values never compare equal.
 */

/** Markdown artefacts of a docs cell -> text (`<br>` -> newline, `&nbsp;`, `\_`, autolinks). */
export function cleanCell(cell: string): string {
  return cell
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\_/g, '_')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    .trim();
}

// ---------------------------------------------------------------- numbers

export interface ShownNumber {
  readonly value: number;
  /** digits after the decimal point as shown (exponent applied); undefined for whole numbers and specials */
  readonly decimals?: number;
}

/** Read a number as the docs print it; undefined when the text is not a number. */
export function parseShownNumber(text: string): ShownNumber | undefined {
  let t = text.trim();
  if (/^[-+]?(∞|infinity)$/i.test(t)) return { value: t.startsWith('-') ? -Infinity : Infinity };
  if (/^nan$/i.test(t)) return { value: NaN };
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(t);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const value = Number(t);
  if (Number.isNaN(value)) return undefined;
  if (m[3] === undefined) return { value };
  return { value, decimals: m[3].length - (m[4] ? Number(m[4]) : 0) };
}

/** Actual numeric value (number, bigint, 'NaN'/'Infinity' strings, decimal strings). */
function actualNumber(a: unknown): number | undefined {
  if (typeof a === 'number') return a;
  if (typeof a === 'bigint') return Number(a);
  if (typeof a === 'string') {
    if (a === 'NaN') return NaN;
    if (a === 'Infinity') return Infinity;
    if (a === '-Infinity') return -Infinity;
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(a.trim())) return Number(a);
  }
  return undefined;
}

/** A documented number against an actual one: same value, up to the precision the docs show. */
export function numberMatches(expected: string, actual: unknown): boolean {
  const e = parseShownNumber(expected);
  const a = actualNumber(actual);
  if (!e || a === undefined) return false;
  if (Number.isNaN(e.value) || Number.isNaN(a)) return Number.isNaN(e.value) && Number.isNaN(a);
  if (!Number.isFinite(e.value) || !Number.isFinite(a)) return e.value === a;
  // decimal strings (the decimal type) are compared exactly, in base 10
  if (typeof actual === 'string') {
    const d = decimalMatches(expected.trim().replace(/,/g, ''), actual.trim());
    if (d !== undefined) return d;
  }
  if (e.value === a) return true;
  const diff = Math.abs(a - e.value);
  // a few ulps: the docs' platform may differ from ours in the last bit of a libm function
  if (diff <= 4 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(e.value))) return true;
  // rounded by the docs to the digits shown
  if (e.decimals !== undefined) return diff <= 0.5 * 10 ** -e.decimals * (1 + 1e-9);
  return false;
}

/** Both plain decimals: equal, or equal at the digits the expected text shows; undefined when not both decimals. */
function decimalMatches(expected: string, actual: string): boolean | undefined {
  const re = /^([-+]?)(\d+)(?:\.(\d*))?$/;
  const e = re.exec(expected);
  const a = re.exec(actual);
  if (!e || !a) return undefined;
  const scale = Math.max((e[3] ?? '').length, (a[3] ?? '').length);
  const scaled = (m: RegExpExecArray) => (m[1] === '-' ? -1n : 1n) * BigInt(m[2]! + (m[3] ?? '').padEnd(scale, '0'));
  const diff = scaled(e) - scaled(a);
  const abs = diff < 0n ? -diff : diff;
  if (abs === 0n) return true;
  if (e[3] === undefined) return false;
  // rounded to the shown digits: |diff| <= half a unit of the last shown digit
  return 2n * abs <= 10n ** BigInt(scale - e[3].length);
}

// ---------------------------------------------------------------- bool

export function boolMatches(expected: string, actual: unknown): boolean {
  const t = expected.trim().toLowerCase();
  const e = t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : undefined;
  if (e === undefined) return false;
  if (typeof actual === 'boolean') return actual === e;
  if (typeof actual === 'number') return actual === (e ? 1 : 0);
  return false;
}

// ---------------------------------------------------------------- datetime and timespan

/** `yyyy-MM-ddTHH:mm:ss.fffffff` for the datetime forms the docs and the engine print; else undefined. */
export function canonicalDatetime(text: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]00:?00)?$/i.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, f] = m;
  const frac = (f ?? '').padEnd(9, '0');
  if (/[1-9]/.test(frac.slice(7))) return undefined; // finer than 100 ns: not a Kusto datetime
  const p2 = (v: string | undefined) => (v ?? '0').padStart(2, '0');
  return `${y}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}.${frac.slice(0, 7)}`;
}

/** Ticks (100 ns) of `[-][d.]hh:mm:ss[.fffffff]`; else undefined. */
export function timespanTicks(text: string): bigint | undefined {
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [, neg, d, h, mi, s, f] = m;
  if (Number(mi) > 59 || Number(s) > 59) return undefined;
  const ticks = ((BigInt(d ?? '0') * 24n + BigInt(h!)) * 3600n + BigInt(mi!) * 60n + BigInt(s!)) * 10_000_000n + BigInt((f ?? '').padEnd(7, '0'));
  return neg ? -ticks : ticks;
}

// ---------------------------------------------------------------- dynamic (loose JSON)

/** A number token of loosely parsed JSON, kept as text so its shown precision is known. */
export class NumberToken {
  constructor(readonly text: string) {}
}

/**
 * JSON as the docs print it: double- or single-quoted strings, any whitespace (after
 * cleanCell, `<br>` is a newline). Numbers stay NumberTokens. Undefined when not JSON.
 */
export function parseLooseJson(text: string): unknown {
  let i = 0;
  const s = text;
  const ws = () => { while (i < s.length && /\s/.test(s[i]!)) i++; };
  const fail = (): never => { throw new SyntaxError(`at ${i}`); };
  const value = (): unknown => {
    ws();
    const c = s[i];
    if (c === '{') {
      i++; ws();
      const o: Record<string, unknown> = {};
      if (s[i] === '}') { i++; return o; }
      for (;;) {
        ws();
        if (s[i] !== '"' && s[i] !== "'") fail();
        const k = str();
        ws(); if (s[i] !== ':') fail(); i++;
        o[k] = value();
        ws();
        if (s[i] === ',') { i++; continue; }
        if (s[i] === '}') { i++; return o; }
        fail();
      }
    }
    if (c === '[') {
      i++; ws();
      const a: unknown[] = [];
      if (s[i] === ']') { i++; return a; }
      for (;;) {
        a.push(value());
        ws();
        if (s[i] === ',') { i++; continue; }
        if (s[i] === ']') { i++; return a; }
        fail();
      }
    }
    if (c === '"' || c === "'") return str();
    const lit = /^(true|false|null)\b/.exec(s.slice(i));
    if (lit) { i += lit[0].length; return lit[0] === 'true' ? true : lit[0] === 'false' ? false : null; }
    const num = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i));
    if (num) { i += num[0].length; return new NumberToken(num[0]); }
    return fail();
  };
  const str = (): string => {
    const q = s[i++];
    let out = '';
    while (i < s.length && s[i] !== q) {
      if (s[i] === '\\') {
        const n = s[i + 1];
        i += 2;
        if (n === 'n') out += '\n';
        else if (n === 't') out += '\t';
        else if (n === 'r') out += '\r';
        else if (n === 'b') out += '\b';
        else if (n === 'f') out += '\f';
        else if (n === 'u') { const h = s.slice(i, i + 4); if (!/^[0-9a-f]{4}$/i.test(h)) fail(); out += String.fromCharCode(parseInt(h, 16)); i += 4; }
        else if (n === undefined) fail();
        else out += n;
      } else out += s[i++];
    }
    if (s[i] !== q) fail();
    i++;
    return out;
  };
  try {
    const v = value();
    ws();
    return i === s.length ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Loosely parsed expected JSON against an actual JSON value. */
export function jsonMatches(expected: unknown, actual: unknown): boolean {
  if (expected instanceof NumberToken) {
    if (typeof actual !== 'number' && typeof actual !== 'bigint') return false;
    return numberMatches(expected.text, actual);
  }
  if (typeof expected === 'string') {
    if (typeof actual !== 'string') return false;
    if (expected === actual) return true;
    // datetimes inside dynamic: `2017-01-01T00:00:00Z` vs `2017-01-01T00:00:00.0000000Z`
    if (/^\d{4}-\d\d-\d\dT/.test(expected) && /^\d{4}-\d\d-\d\dT/.test(actual)) {
      const e = canonicalDatetime(expected);
      return e !== undefined && e === canonicalDatetime(actual);
    }
    return false;
  }
  if (expected === null || typeof expected === 'boolean') return actual === expected;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, k) => jsonMatches(e, actual[k]));
  }
  if (typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const ek = Object.keys(expected);
    const ak = Object.keys(actual);
    if (ek.length !== ak.length) return false;
    return ek.every((k) => Object.prototype.hasOwnProperty.call(actual, k) && jsonMatches((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]));
  }
  return false;
}

// ---------------------------------------------------------------- cells

function isNullText(t: string): boolean {
  return t === '' || t === 'null' || t === '(null)';
}

function stringMatches(e: string, actual: unknown): boolean {
  const a = typeof actual === 'string' ? actual : actual === null || actual === undefined ? '' : typeof actual === 'object' ? JSON.stringify(actual) : String(actual);
  if (e === a) return true;
  const an = a.replace(/\r\n/g, '\n').trim(); // the docs' cells are trimmed
  if (e === an) return true;
  if (/^[[{]/.test(e) && /^[[{]/.test(an)) {
    let parsed: unknown;
    try { parsed = JSON.parse(an); } catch { return false; }
    const pe = parseLooseJson(e);
    return pe !== undefined && jsonMatches(pe, parsed);
  }
  return false;
}

function dynamicMatches(e: string, actual: unknown): boolean {
  if (e === '') return actual === null || actual === '' || actual === undefined;
  const pe = parseLooseJson(e);
  if (pe !== undefined && jsonMatches(pe, actual)) return true;
  // scalars inside dynamic are shown bare: `abc`, `1.5`, `True`
  if (typeof actual === 'string') return stringMatches(e, actual);
  if (typeof actual === 'number') return numberMatches(e, actual);
  if (typeof actual === 'boolean') return boolMatches(e, actual);
  if (actual === null) return isNullText(e);
  return false;
}

/** One documented cell against one actual value of a Kusto type (the engine's column type). */
export function cellMatches(expectedCell: string, actual: unknown, type: string): boolean {
  const e = cleanCell(expectedCell);
  if (type === 'string') return stringMatches(e, actual);
  if (type === 'dynamic') return dynamicMatches(e, actual);
  if (actual === null || actual === undefined) return isNullText(e);
  if (e === '') return false;
  switch (type) {
    case 'bool': return boolMatches(e, actual);
    case 'int': case 'long': case 'real': case 'decimal': return numberMatches(e, actual);
    case 'datetime': {
      const x = canonicalDatetime(e);
      return x !== undefined && typeof actual === 'string' && x === canonicalDatetime(actual);
    }
    case 'timespan': {
      const x = timespanTicks(e);
      return x !== undefined && typeof actual === 'string' && x === timespanTicks(actual);
    }
    case 'guid': {
      const g = (v: string) => v.trim().replace(/^\{|\}$/g, '').toLowerCase();
      return typeof actual === 'string' && g(e) === g(actual);
    }
    default: return stringMatches(e, actual);
  }
}

// ---------------------------------------------------------------- tables

export interface ExpectedTable { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] }
export interface ActualTable { readonly columns: readonly { readonly name: string; readonly type: string }[]; readonly rows: readonly (readonly unknown[])[] }
export interface TableComparison {
  readonly valuesMatch: boolean;
  readonly namesMatch: boolean;
  /** why the values differ (first difference) */
  readonly reason?: string;
}

export function namesMatch(expected: readonly string[], actual: readonly string[]): boolean {
  return expected.length === actual.length && expected.every((n, i) => cleanCell(n) === actual[i]);
}

function rowMatches(e: readonly string[], a: readonly unknown[], types: readonly string[]): boolean {
  return e.length === a.length && e.every((cell, i) => cellMatches(cell, a[i], types[i]!));
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(v);
}

/** Compare a documented table with a result: rows in order, or as a multiset when not ordered. */
export function compareTables(expected: ExpectedTable, actual: ActualTable, ordered: boolean): TableComparison {
  const names = namesMatch(expected.columns, actual.columns.map((c) => c.name));
  const types = actual.columns.map((c) => c.type);
  const width = actual.columns.length;
  const no = (reason: string): TableComparison => ({ valuesMatch: false, namesMatch: names, reason });
  const ew = expected.rows[0]?.length ?? expected.columns.length;
  if (ew !== width || expected.rows.some((r) => r.length !== ew)) return no(`expected ${ew} columns, got ${width}`);
  if (expected.rows.length !== actual.rows.length) return no(`expected ${expected.rows.length} rows, got ${actual.rows.length}`);
  if (ordered) {
    for (let r = 0; r < expected.rows.length; r++) {
      const e = expected.rows[r]!;
      const a = actual.rows[r]!;
      for (let c = 0; c < width; c++) {
        if (!cellMatches(e[c]!, a[c], types[c]!)) return no(`row ${r + 1}, column ${actual.columns[c]!.name}: expected ${JSON.stringify(e[c])}, got ${show(a[c])} (${types[c]})`);
      }
    }
    return { valuesMatch: true, namesMatch: names };
  }
  // multiset: a perfect matching between expected and actual rows (cell equality is not transitive
  // under rounding, so greedy pairing could fail where a matching exists)
  const n = expected.rows.length;
  const adj = expected.rows.map((e) => actual.rows.flatMap((a, j) => (rowMatches(e, a, types) ? [j] : [])));
  const matchOfActual = new Array<number>(n).fill(-1);
  const tryRow = (i: number, seen: boolean[]): boolean => {
    for (const j of adj[i]!) {
      if (seen[j]) continue;
      seen[j] = true;
      if (matchOfActual[j] === -1 || tryRow(matchOfActual[j]!, seen)) { matchOfActual[j] = i; return true; }
    }
    return false;
  };
  const unmatched: number[] = [];
  for (let i = 0; i < n; i++) if (!tryRow(i, new Array<boolean>(n).fill(false))) unmatched.push(i);
  if (unmatched.length === 0) return { valuesMatch: true, namesMatch: names };
  const i = unmatched[0]!;
  const e = expected.rows[i]!;
  // the closest actual row, to say which cells differ
  let best = -1;
  let bestScore = -1;
  actual.rows.forEach((a, j) => {
    const score = e.filter((cell, c) => cellMatches(cell, a[c], types[c]!)).length;
    if (score > bestScore) { bestScore = score; best = j; }
  });
  const a = actual.rows[best] ?? [];
  const diffs = e.flatMap((cell, c) => (cellMatches(cell, a[c], types[c]!) ? [] : [`${actual.columns[c]!.name}: expected ${JSON.stringify(cell)}, got ${show(a[c])} (${types[c]})`]));
  return no(`${unmatched.length} expected row(s) not found; e.g. row ${i + 1} vs closest actual row ${best + 1}: ${diffs.join('; ')}`);
}
