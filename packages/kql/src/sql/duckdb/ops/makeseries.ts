/**
 * make-series in DuckDB: the per-bin rows of each key are gathered into a MAP bin -> struct of
 * values, then each series is list_transform(range(bins)) over that map with the default for
 * missing bins, as a JSON array.
 */
import type { KType, Plan } from '../../../plan/types.ts';
import type { DuckDbEmitter } from '../emit.ts';
import { castTo } from '../expr.ts';
import { toDynamicSql } from '../coerce.ts';
import { ident, str } from '../quote.ts';

const J = '_hb_j';

/** A list of typed SQL values -> JSON array text, with Kusto's dynamic forms of each element. */
function jsonList(elem: string, type: KType, bins: string): string {
  const plain = type === 'int' || type === 'long' || type === 'real' || type === 'bool';
  const e = plain ? elem : toDynamicSql(elem, type);
  return `to_json(list_transform(range(0, ${bins}), ${J} -> ${e}))`;
}

export function emitMakeSeries(p: Plan & { op: 'makeseries' }, em: DuckDbEmitter): string {
  const m = ident(em.next('m'));
  const n = ident(em.next('n'));
  const keys = p.keys.map((k) => ident(k));
  const struct = `{${p.series.map((s) => `${str(s.from)}: ${ident(s.from)}`).join(', ')}}`;
  const inner = `SELECT ${[...keys, `map_from_entries(list({'k': ${ident(p.bin)}, 'v': ${struct}})) AS ${m}`, `count(*) AS ${n}`].join(', ')} FROM ${em.from(p.input)}${keys.length ? ` GROUP BY ${keys.join(', ')}` : ''}`;

  const a = p.axis;
  // the bounds are computed once, in a one-row subquery (they may be subqueries over the input,
  // which DuckDB does not allow inside the list lambdas below)
  const b = em.next('b');
  const start = `${ident(b)}."s"`;
  const end = `${ident(b)}."e"`;
  const step = em.expr(a.step);
  const bounds = `(SELECT ${em.expr(a.start)} AS "s", ${em.expr(a.end)} AS "e") AS ${ident(b)}`;
  const bins = a.type === 'datetime'
    ? `COALESCE(greatest(CAST(ceil((epoch_ns(${end}) - epoch_ns(${start})) / (${step} * 100.0)) AS BIGINT), 0), 0)`
    : `COALESCE(greatest(CAST(ceil((${end} - ${start}) / CAST(${step} AS DOUBLE)) AS BIGINT), 0), 0)`;
  const slot = `${m}[${J}]`;
  const series = p.series.map((s) => {
    const dflt = castTo(s.default, s.type, em.env);
    return `${jsonList(`(CASE WHEN ${slot} IS NULL THEN ${dflt} ELSE ${slot}[${str(s.from)}] END)`, s.type, bins)} AS ${ident(s.name)}`;
  });
  const axisElem = a.type === 'datetime'
    ? `make_timestamp_ns(epoch_ns(${start}) + ${J} * ${step} * 100)`
    : `(${start} + ${J} * ${step})`;
  const axis = `${jsonList(axisElem, a.type, bins)} AS ${ident(a.name)}`;
  const where = p.nonempty ? '' : ` WHERE ${n} > 0`;
  return `SELECT ${[...keys, ...series, axis].join(', ')} FROM (${inner}) AS ${em.next()} CROSS JOIN ${bounds}${where}`;
}

export const makeSeriesEmitters = { makeseries: emitMakeSeries };
