/**
 * parse-kv Expr as (k1:type, ...) [with (pair_delimiter=, kv_delimiter=, quote=, escape=, greedy=, regex=)]:
 * a column per listed key, holding the key's first value (null, or '' for strings, when the
 * key is absent). Three modes: explicit delimiters; no delimiters (any non-alphanumeric
 * character separates); a regex whose two groups are the key and the value.
 */
import { items, startOf, widthOf, literalInfo, textOf, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { expr, nameText } from '../expr.ts';
import { outColumns, scopeOf } from './basic.ts';
import type { Column } from '../types.ts';
import type { OperatorBuilder } from '../operators.ts';

function stringOption(p: KNode): string {
  const v = literalInfo(p.Expression).value;
  if (typeof v !== 'string') throw new InvalidQuery(`parse-kv ${nameText(p.Name)} takes a string`, startOf(p), widthOf(p));
  return v;
}

const parseKv: OperatorBuilder = (input, op, ctx) => {
  const out = outColumns(op);
  const source = expr(op.Expression, scopeOf(input), ctx);
  const keys: Column[] = items(op.Keys?.Columns).map((d: KNode) => {
    const name = nameText(d.Name);
    const col = out.find((c) => c.name === name);
    if (!col) throw new InvalidQuery(`cannot place the parse-kv key '${name}'`, startOf(d), widthOf(d));
    return col;
  });
  let pairDelimiter: string | undefined;
  let kvDelimiter: string | undefined;
  let greedy = false;
  let regex: string | undefined;
  const quotes: string[] = [];
  const escapes: string[] = [];
  for (const p of op.WithClause ? items(op.WithClause.Properties) : []) {
    const key = nameText(p.Name).toLowerCase();
    switch (key) {
      case 'pair_delimiter': pairDelimiter = stringOption(p); break;
      case 'kv_delimiter': kvDelimiter = stringOption(p); break;
      case 'regex': regex = stringOption(p); break;
      case 'quote': {
        const q = stringOption(p);
        if (q.length < 1 || q.length > 2) throw new InvalidQuery('a parse-kv quote is one or two characters', startOf(p), widthOf(p));
        quotes.push(q);
        break;
      }
      case 'escape': {
        const e = stringOption(p);
        if (e.length !== 1) throw new InvalidQuery('a parse-kv escape is one character', startOf(p), widthOf(p));
        escapes.push(e);
        break;
      }
      case 'greedy': greedy = /^true$/i.test(textOf(p.Expression).trim()); break;
      default: throw new UnsupportedFeature(`the parse-kv option ${key}`, startOf(p), widthOf(p));
    }
  }
  if ((pairDelimiter === undefined) !== (kvDelimiter === undefined)) {
    throw new InvalidQuery('parse-kv takes both pair_delimiter and kv_delimiter, or neither', startOf(op), widthOf(op));
  }
  if (pairDelimiter === '' || kvDelimiter === '') throw new InvalidQuery('parse-kv delimiters cannot be empty', startOf(op), widthOf(op));
  if (regex !== undefined && (pairDelimiter !== undefined || quotes.length || escapes.length || greedy)) {
    throw new InvalidQuery('parse-kv regex= cannot be combined with delimiters, quotes or greedy', startOf(op), widthOf(op));
  }
  if (greedy && pairDelimiter === undefined) throw new InvalidQuery('parse-kv greedy=true needs pair_delimiter and kv_delimiter', startOf(op), widthOf(op));
  return { op: 'parsekv', input, source, keys, pairDelimiter, kvDelimiter, quotes, escapes, greedy, regex, columns: out };
};

export const parsekvOperators: Record<string, OperatorBuilder> = {
  ParseKvOperator: parseKv,
};
