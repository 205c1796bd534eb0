/**
 * Small helpers to build set-based generator SQL. Every random value is a
 * function of the row index `i`, the seed and a per-use key `k` (see Rand.h),
 * so the same seed and row count give the same data.
 */

import { createHash } from 'node:crypto';

export type Lit = string | number | boolean | null;

/** SQL literal of a JS value. */
export function lit(v: Lit): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot embed ${v} in SQL`);
    return Number.isInteger(v) ? String(v) : `${v.toString()}::DOUBLE`;
  }
  return `'${v.replace(/'/g, "''")}'`;
}

/** Deterministic random expressions for one seed. `k` distinguishes independent draws in a row. */
export class Rand {
  constructor(readonly seed: number) {}
  /**
   * UBIGINT hash of (i, seed, k): DuckDB's hash of `i + offset(seed, k)`.
   * Not `hash(i, seed, k)`: DuckDB combines the hashes of several arguments
   * linearly, so draws with different k would be correlated; hashing one
   * integer goes through a non-linear mixer. Offsets are distinct multiples
   * of 2^32, so the inputs of different draws never overlap.
   */
  h(k: number | string): string {
    return `hash(i + ${this.offset(k)})`;
  }
  private readonly offsets = new Map<string, bigint>();
  private offset(k: number | string): bigint {
    const key = `${this.seed}:${typeof k}:${k}`;
    let o = this.offsets.get(key);
    if (o === undefined) {
      const d = createHash('sha256').update(key).digest();
      o = (d.readBigUInt64BE(0) & ((1n << 30n) - 1n)) << 32n;
      this.offsets.set(key, o);
    }
    return o;
  }
  /** Uniform DOUBLE in [0, 1). */
  u(k: number | string): string {
    return `((${this.h(k)} >> 11)::DOUBLE / 9007199254740992.0)`;
  }
  /** Uniform BIGINT in [0, n). */
  m(k: number | string, n: number): string {
    if (!(n >= 1)) throw new Error(`m(): n must be >= 1, got ${n}`);
    return `(${this.h(k)} % ${n})::BIGINT`;
  }
  /** Uniform BIGINT in [lo, hi]. */
  int(k: number | string, lo: number, hi: number): string {
    return `(${lo} + ${this.m(k, hi - lo + 1)})`;
  }
  /** true with probability p. */
  chance(k: number | string, p: number): string {
    return `(${this.u(k)} < ${p})`;
  }
  /** Uniform pick from a constant list of strings/numbers. */
  pick(k: number | string, values: readonly Lit[]): string {
    if (values.length === 1) return lit(values[0]!);
    return `list_element([${values.map(lit).join(', ')}], 1 + ${this.m(k, values.length)})`;
  }
  /** Weighted pick from a short list: [[value, weight], ...] (weights any positive numbers). */
  wpick(k: number | string, items: readonly (readonly [Lit, number])[]): string {
    const total = items.reduce((a, [, w]) => a + w, 0);
    const u = this.u(k);
    let acc = 0;
    const whens: string[] = [];
    items.forEach(([v, w], idx) => {
      acc += w;
      if (idx < items.length - 1) whens.push(`WHEN ${u} < ${acc / total} THEN ${lit(v)}`);
    });
    return whens.length ? `(CASE ${whens.join(' ')} ELSE ${lit(items[items.length - 1]![0])} END)` : lit(items[0]![0]);
  }
  /** Standard normal (Box-Muller). */
  normal(k: number): string {
    return `(sqrt(-2 * ln(1 - ${this.u(`${k}a`)})) * cos(2 * pi() * ${this.u(`${k}b`)}))`;
  }
  /** Log-normal DOUBLE with the given median and sigma. */
  lognormal(k: number, median: number, sigma: number): string {
    return `(${median} * exp(${sigma} * ${this.normal(k)}))`;
  }
  /** Lowercase hex string of `digits` (<= 16) hex digits. */
  hex(k: number | string, digits: number): string {
    if (digits > 16) throw new Error('hex(): at most 16 digits');
    return `format('{:0${digits}x}', ${this.h(k)}${digits < 16 ? ` % ${2 ** (4 * digits)}::UBIGINT` : ''})`;
  }
  /** A random v4-looking GUID as lowercase text. */
  guid(k: number | string): string {
    const a = this.h(`${k}g1`);
    const b = this.h(`${k}g2`);
    return `printf('%08x-%04x-4%03x-%04x-%012x', ${a} >> 32, (${a} >> 16) & 65535, ${a} & 4095, ((${b} >> 48) & 16383) | 32768, ${b} & 281474976710655)`;
  }
}

/** A dimension: a small temp table joined to the generated rows. */
export interface Dim {
  /** temp table name */
  table: string;
  /** join key column (slot for weighted dims, idx otherwise) */
  key: string;
  /** number of distinct key values: keys are 0..n-1 */
  n: number;
  /** column prefix */
  prefix: string;
  /** CREATE statement */
  ddl: string;
}

let dimCounter = 0;

/**
 * Builds a dimension from rows. Columns are named `<prefix>_<field>`, plus
 * `<prefix>_idx` (row number). With weights, rows are expanded into
 * `<prefix>_slot` 0..n-1 in proportion (each row at least one slot when its
 * weight > 0), so a uniform pick of a slot is a weighted pick of a row.
 */
export function makeDim(prefix: string, rows: readonly Record<string, Lit>[], weights?: readonly number[], slots = 10000): Dim {
  if (!rows.length) throw new Error(`dimension ${prefix} is empty`);
  const fields = Object.keys(rows[0]!);
  const table = `_hb_${prefix}_${++dimCounter}`;
  const cols = [...fields.map((f) => `${prefix}_${f}`), `${prefix}_idx`];
  const quoted = (c: string) => `"${c}"`;
  const values = (extra: (r: number) => number[]) =>
    rows.map((r, idx) => `(${[...fields.map((f) => lit(r[f] ?? null)), String(idx), ...extra(idx).map(String)].join(', ')})`).join(',\n');
  if (!weights) {
    const ddl = `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM (VALUES ${values(() => [])}) t(${cols.map(quoted).join(', ')})`;
    return { table, key: `${prefix}_idx`, n: rows.length, prefix, ddl };
  }
  if (weights.length !== rows.length) throw new Error(`dimension ${prefix}: ${rows.length} rows but ${weights.length} weights`);
  const total = weights.reduce((a, b) => a + b, 0);
  let next = 0;
  const ranges = weights.map((w) => {
    const cnt = w > 0 ? Math.max(1, Math.round((w / total) * slots)) : 0;
    const r: [number, number] = [next, next + cnt];
    next += cnt;
    return r;
  });
  const ddl = `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * EXCLUDE (_lo, _hi), unnest(range(_lo, _hi)) AS "${prefix}_slot" FROM (VALUES ${values((r) => [ranges[r]![0], ranges[r]![1]])}) t(${[...cols, '_lo', '_hi'].map(quoted).join(', ')})`;
  return { table, key: `${prefix}_slot`, n: next, prefix, ddl };
}

/**
 * A generator query built step by step: each step wraps the previous SELECT,
 * keeping all columns (`i`, `t_ns` and every joined dimension column).
 */
export class Pipe {
  /** the SQL after each step (for debugging) */
  readonly steps: string[] = [];
  constructor(
    public sql: string,
    readonly r: Rand,
  ) {}
  /** Weighted/uniform random pick of a dimension row (draw key k). */
  pick(dim: Dim, k: number | string): this {
    return this.join(dim, this.r.m(k, dim.n));
  }
  /** Join the dimension row whose key equals an expression over earlier columns. */
  join(dim: Dim, keyExpr: string): this {
    this.sql = `SELECT p.*, d.* FROM (SELECT *, (${keyExpr})::BIGINT AS _k_${dim.prefix} FROM (${this.sql})) p JOIN ${dim.table} d ON d."${dim.key}" = p._k_${dim.prefix}`;
    this.steps.push(this.sql);
    return this;
  }
  /** Add computed columns (may reference earlier columns and `i`). */
  extend(cols: Record<string, string>): this {
    const list = Object.entries(cols).map(([n, e]) => `(${e}) AS "${n}"`);
    this.sql = `SELECT *, ${list.join(', ')} FROM (${this.sql})`;
    this.steps.push(this.sql);
    return this;
  }
}
