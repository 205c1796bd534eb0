/** parse / parse-where in DuckDB: regexp_extract into a struct, convert each group, then keep or blank the row. */
import type { KType, Plan } from '../../../plan/types.ts';
import type { DuckDbEmitter } from '../emit.ts';
import { convert } from '../coerce.ts';
import { ident, str } from '../quote.ts';

/** Kusto-style conversion of parsed text (datetime also reads the US form MM/dd/yyyy HH:mm:ss). */
export function fromText(raw: string, type: KType): string {
  if (type === 'string') return raw;
  // surrounding white space (new lines too) does not stop a conversion
  const sql = `trim(${raw}, ' ' || chr(9) || chr(10) || chr(13))`;
  switch (type) {
    case 'datetime':
      return `COALESCE(${convert(sql, 'string', 'datetime')}, CAST(try_strptime(trim(${sql}), ['%m/%d/%Y %H:%M:%S.%f', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y']) AS TIMESTAMP_NS))`;
    case 'dynamic': return `COALESCE(TRY_CAST(${sql} AS JSON), to_json(${sql}))`;
    default: return convert(sql, 'string', type);
  }
}

export function emitParse(p: Plan & { op: 'parse' }, em: DuckDbEmitter): string {
  const srcSql = em.expr(p.source);
  const src = p.source.type === 'string' ? srcSql : convert(srcSql, p.source.type, 'string');
  const m = ident(em.next('m'));
  const ok = ident(em.next('ok'));
  const pat = str(p.regex);
  const fields = p.captures.map((_, i) => `c${i}`);
  const level1 = `SELECT *, regexp_extract(${src}, ${pat}, [${fields.map(str).join(', ')}]) AS ${m}, COALESCE(regexp_matches(${src}, ${pat}), FALSE) AS ${ok} FROM ${em.from(p.input)}`;
  const raw = (i: number): string => `${m}[${str(fields[i]!)}]`;
  const vals = p.captures.map((c, i) => ({ c, raw: raw(i), v: ident(em.next('v')) }));
  const level2 = `SELECT *, ${vals.map((x) => `${fromText(x.raw, x.c.type)} AS ${x.v}`).join(', ')} FROM (${level1}) AS ${em.next()}`;
  const typed = vals.filter((x) => x.c.type !== 'string');
  const good = p.strict && typed.length ? `(${ok} AND ${typed.map((x) => `${x.v} IS NOT NULL`).join(' AND ')})` : ok;
  const byName = new Map(vals.map((x) => [x.c.name, x]));
  const cols = p.columns.map((c) => {
    const x = byName.get(c.name);
    if (!x) return ident(c.name);
    if (c.type === 'string') return `CASE WHEN ${good} THEN ${x.raw} ELSE '' END AS ${ident(c.name)}`;
    return `CASE WHEN ${good} THEN ${x.v} END AS ${ident(c.name)}`;
  });
  return `SELECT ${cols.join(', ')} FROM (${level2}) AS ${em.next()}${p.where ? ` WHERE ${good}` : ''}`;
}

export const parseEmitters = { parse: emitParse };
