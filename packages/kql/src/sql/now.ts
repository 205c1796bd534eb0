/**
 * now()-relative datetimes in generated SQL. A dialect emits `nowPlaceholder(offset)` for a
 * literal that follows the clock; `bindNow` puts the instant in before the SQL runs, so one
 * compiled text serves every later run of the same query. The placeholder is delimited by NUL,
 * which quoting never lets through from user input (strings spell it chr(0), identifiers drop it).
 */
const RE = /\u0000NOW(-?\d+)\u0000/g;

export function nowPlaceholder(offsetTicks: bigint): string {
  return `\u0000NOW${String(offsetTicks)}\u0000`;
}

/** Replace the placeholders with `literal(now + offset)`. */
export function bindNow(sql: string, nowTicks: bigint, literal: (ticks: bigint) => string): string {
  return sql.includes('\u0000') ? sql.replace(RE, (_, off: string) => literal(nowTicks + BigInt(off))) : sql;
}
