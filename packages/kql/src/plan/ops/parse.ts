/**
 * parse and parse-where: the pattern becomes one RE2 regular expression with a group per
 * captured column (anchored at both ends).
 *  - simple (default): literals match literally, `*` and string columns are lazy (the first
 *    occurrence of the next delimiter wins), long/int/real columns match numbers; strict: a
 *    capture that does not convert to its type fails the whole row.
 *  - relaxed: like simple, but a number column may also hold any text; a capture that does not
 *    convert becomes null and the other columns keep their values.
 *  - regex: literals are regular expressions (their own groups become non-capturing), string
 *    and other non-number columns are greedy unless flags has U (as the docs' examples show);
 *    strict like simple.
 * A failed row gives '' for string columns and null for the others (parse) or is dropped (parse-where).
 */
import { kindOf, items, startOf, widthOf, literalInfo, namedParameters, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { expr, nameText } from '../expr.ts';
import type { Column, KType, Plan } from '../types.ts';
import type { BuildContext } from '../context.ts';
import type { OperatorBuilder } from '../operators.ts';
import { outColumns, scopeOf } from './basic.ts';

type Kind = 'simple' | 'relaxed' | 'regex';

const NUMBER: Partial<Record<KType, string>> = {
  int: '-?\\d+',
  long: '-?\\d+',
  real: '-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?',
  decimal: '-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?',
};

/** Regex-escape a literal for RE2. */
function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Make the capturing groups of a user regex non-capturing, so only ours are numbered. */
export function uncapture(re: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\') { out += c + (re[i + 1] ?? ''); i++; continue; }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // a ']' right after '[' or '[^' is a literal member
      if (re[i + 1] === '^') { out += '^'; i++; }
      if (re[i + 1] === ']') { out += ']'; i++; }
      continue;
    }
    if (c === '(') {
      if (re[i + 1] !== '?') { out += '(?:'; continue; }
      // named groups (?P<name>...) / (?<name>...) capture too
      const named = /^\(\?P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(re.slice(i));
      if (named) { out += '(?:'; i += named[0].length - 1; continue; }
    }
    out += c;
  }
  return out;
}

function stringValue(n: KNode): string {
  const v = literalInfo(n).value;
  if (typeof v !== 'string') throw new InvalidQuery('the parse pattern needs string constants', startOf(n), widthOf(n));
  return v;
}

function buildParse(input: Plan, op: KNode, ctx: BuildContext, where: boolean): Plan {
  const params = namedParameters(op.Parameters);
  const kind = (params.get('kind')?.text.replace(/^['"]|['"]$/g, '').toLowerCase() ?? 'simple') as Kind;
  if (kind !== 'simple' && kind !== 'relaxed' && kind !== 'regex') {
    throw new UnsupportedFeature(`parse kind=${kind}`, startOf(op), widthOf(op), 'use kind=simple, relaxed or regex');
  }
  for (const k of params.keys()) {
    if (k !== 'kind' && k !== 'flags') throw new UnsupportedFeature(`the parse parameter '${k}'`, startOf(op), widthOf(op));
  }
  let flags = '';
  const fp = params.get('flags');
  if (fp) {
    if (kind !== 'regex') throw new InvalidQuery('parse flags need kind=regex', startOf(fp.node), widthOf(fp.node));
    flags = fp.text.replace(/^['"]|['"]$/g, '');
    const bad = flags.replace(/[imsU]/g, '');
    if (bad) throw new UnsupportedFeature(`the regex flag '${bad[0]}' in parse`, startOf(fp.node), widthOf(fp.node), 'flags may be i, m, s and U');
  }

  const out = outColumns(op);
  const inputNames = new Set(input.columns.map((c) => c.name));
  const captures: Column[] = [];
  let re = '';
  for (const p of items(op.Patterns)) {
    const k = kindOf(p);
    if (k === 'StarExpression') { re += '.*?'; continue; }
    if (k === 'LiteralExpression') { re += kind === 'regex' ? `(?:${uncapture(stringValue(p))})` : escapeRe(stringValue(p)); continue; }
    if (k === 'NameDeclaration' || k === 'NameAndTypeDeclaration') {
      const name = nameText(k === 'NameDeclaration' ? p : p.Name);
      if (inputNames.has(name)) throw new UnsupportedFeature(`parsing into the existing column '${name}'`, startOf(p), widthOf(p), 'give the parsed column a new name');
      const col = out.find((c) => c.name === name);
      if (!col) throw new InvalidQuery(`cannot determine the type of the parsed column '${name}'`, startOf(p), widthOf(p));
      captures.push(col);
      const num = NUMBER[col.type];
      if (col.type === 'string') re += kind === 'regex' ? '(.*)' : '(.*?)';
      else if (num) re += kind === 'relaxed' ? `(${num}|.*?)` : `(${num})`;
      else re += kind === 'regex' ? '(.*)' : '(.*?)';
      continue;
    }
    throw new UnsupportedFeature(`the parse pattern element '${k}'`, startOf(p), widthOf(p));
  }
  if (captures.length === 0) throw new InvalidQuery('the parse pattern has no column', startOf(op), widthOf(op));
  // simple and relaxed match across lines like a plain scan; regex follows its flags
  const prefix = kind === 'regex' ? (flags ? `(?${flags})` : '') : '(?s)';
  const regex = `${prefix}\\A${re}\\z`;
  const source = expr(op.Expression, scopeOf(input), ctx);
  return { op: 'parse', input, source, regex, captures, strict: kind !== 'relaxed', where, columns: out };
}

const parse: OperatorBuilder = (input, op, ctx) => buildParse(input, op, ctx, false);
const parseWhere: OperatorBuilder = (input, op, ctx) => buildParse(input, op, ctx, true);

export const parseOperators: Record<string, OperatorBuilder> = {
  ParseOperator: parse,
  ParseWhereOperator: parseWhere,
};
