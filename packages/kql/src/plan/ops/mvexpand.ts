/**
 * mv-expand: several dynamic expressions expanded in parallel (the shorter padded with null),
 * `Name = expr`, `to typeof(T)`, kind=/bagexpansion= bag|array, with_itemindex=, limit N.
 * Result names come from the binder; unnamed expressions are named the way Kusto.Language
 * names expression results (`split(s, ',')` -> s, `d.a` -> d_a, otherwise Column1 ...).
 */
import { kindOf, items, startOf, widthOf, namedParameters, literalInfo, tokenText, type KNode } from '../../parse/kusto.ts';
import { expressionResultName } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { expr, nameText } from '../expr.ts';
import { outColumns, scopeOf } from './basic.ts';
import type { Column, Plan } from '../types.ts';
import type { OperatorBuilder } from '../operators.ts';

type Expand = (Plan & { op: 'mvexpand' })['expand'][number];

const resultName = expressionResultName;

const mvExpand: OperatorBuilder = (input, op, ctx) => {
  const out = outColumns(op);
  const params = namedParameters(op.Parameters);
  let bagExpansion: 'bag' | 'array' = 'bag';
  for (const key of ['bagexpansion', 'kind']) {
    const p = params.get(key);
    if (!p) continue;
    const v = p.text.toLowerCase();
    if (v !== 'bag' && v !== 'array') throw new UnsupportedFeature(`mv-expand ${key}=${p.text}`, startOf(p.node), widthOf(p.node));
    bagExpansion = v;
  }
  const idx = params.get('with_itemindex');
  let itemIndex: string | undefined;
  if (idx) {
    // the binder renames the index column when it clashes (d -> d1) and puts it last
    const last = out[out.length - 1];
    if (!last || last.type !== 'long') throw new InvalidQuery('cannot place the with_itemindex column', startOf(idx.node), widthOf(idx.node));
    itemIndex = last.name;
  }
  let limit: number | undefined;
  if (op.RowLimitClause) {
    const v = literalInfo(op.RowLimitClause.RowLimit).value;
    const n = typeof v === 'number' ? v : Number(String(v ?? ''));
    if (!Number.isInteger(n) || n < 0) throw new UnsupportedFeature('an mv-expand limit that is not a constant integer', startOf(op.RowLimitClause), widthOf(op.RowLimitClause));
    limit = n;
  } else if (tokenText(op.MvExpandKeyword).toLowerCase() === 'mvexpand') {
    limit = 128; // the legacy spelling's default row limit
  }

  const scope = scopeOf(input);
  const inputNames = new Set(input.columns.map((c) => c.name));
  const mves = items(op.Expressions);
  const explicit = new Set<string>();
  const named: (string | undefined)[] = mves.map((m) => {
    const e = m.Expression;
    if (kindOf(e) === 'SimpleNamedExpression') { const n = nameText(e.Name); explicit.add(n); return n; }
    if (kindOf(e) === 'CompoundNamedExpression') throw new UnsupportedFeature('(a, b) = ... in mv-expand', startOf(e), widthOf(e));
    const n = resultName(e);
    if (n) explicit.add(n);
    return n;
  });
  // unnamed expressions without a Kusto name get the generated names (Column1 ...) in order
  const generated = out.filter((c) => !inputNames.has(c.name) && !explicit.has(c.name) && c.name !== itemIndex).map((c) => c.name);
  const expand: Expand[] = mves.map((m, i) => {
    const e = m.Expression;
    const name = named[i] ?? generated.shift();
    const col: Column | undefined = name !== undefined ? out.find((c) => c.name === name) : undefined;
    if (!col) throw new InvalidQuery('cannot name this mv-expand column', startOf(m), widthOf(m));
    const value = expr(kindOf(e) === 'SimpleNamedExpression' ? e.Expression : e, scope, ctx);
    return { name: col.name, expr: value, type: col.type };
  });
  const seen = new Set<string>();
  for (const [i, x] of expand.entries()) {
    if (seen.has(x.name)) throw new UnsupportedFeature(`expanding two expressions into the same column '${x.name}'`, startOf(mves[i]), widthOf(mves[i]), 'name them: mv-expand a = ..., b = ...');
    seen.add(x.name);
  }
  return { op: 'mvexpand', input, expand, bagExpansion, itemIndex, limit, columns: out };
};

export const mvexpandOperators: Record<string, OperatorBuilder> = {
  MvExpandOperator: mvExpand,
};
