/**
 * mv-apply: for each input row, expand arrays (like mv-expand) into a small table and run the
 * subquery over it; the result is the row's columns plus the subquery's output columns, one
 * result row per subquery row (a row whose subquery returns nothing disappears).
 *
 * The subquery is built over a leaf: an mv-expand of 'outerrow' (the current row as a one-row
 * table); the emitter correlates that leaf with the row (DuckDB LATERAL). The subquery's
 * input columns are the row's columns, with an expanded column of the same name replacing the
 * original in place, the other expanded columns after them, and the with_itemindex column last.
 */
import { kindOf, items, startOf, widthOf, namedParameters, literalInfo, textOf, ktypeOfName, expressionResultName, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { expr, nameText } from '../expr.ts';
import { outColumns, scopeOf } from './basic.ts';
import { OPERATORS, type OperatorBuilder } from '../operators.ts';
import type { BuildContext } from '../context.ts';
import type { Column, KType, Plan } from '../types.ts';

type Expand = (Plan & { op: 'mvexpand' })['expand'][number];

function toTypeOf(clause: KNode | null | undefined): KType {
  if (!clause) return 'dynamic';
  const types = clause.TypeOf ? items(clause.TypeOf.Types) : [];
  const name = types.length === 1 ? textOf(types[0]).trim() : '';
  const t = ktypeOfName(name);
  if (!t) throw new UnsupportedFeature(`mv-apply ${textOf(clause).trim()}`, startOf(clause), widthOf(clause));
  return t;
}

/** The subquery: a pipe chain whose first operator applies to `leaf`. */
function subquery(n: KNode, leaf: Plan, ctx: BuildContext): Plan {
  const k = kindOf(n);
  if (k === 'ParenthesizedExpression') return subquery(n.Expression, leaf, ctx);
  const isPipe = k === 'PipeExpression';
  const op = isPipe ? n.Operator : n;
  const input = isPipe ? subquery(n.Expression, leaf, ctx) : leaf;
  const b = OPERATORS[kindOf(op)];
  if (!b) {
    const word = textOf(op).trim().split(/[\s(]+/)[0] || kindOf(op);
    throw new UnsupportedFeature(`the '${word}' operator inside mv-apply`, startOf(op), widthOf(op));
  }
  return b(input, op, ctx);
}

const mvApply: OperatorBuilder = (input, op, ctx) => {
  const out = outColumns(op);
  if (op.ContextIdClause) throw new UnsupportedFeature('mv-apply with a context id', startOf(op.ContextIdClause), widthOf(op.ContextIdClause));
  const params = namedParameters(op.Parameters);
  let bagExpansion: 'bag' | 'array' = 'bag';
  let itemIndex: string | undefined;
  for (const [key, p] of params) {
    if (key === 'kind' || key === 'bagexpansion') {
      const v = p.text.toLowerCase();
      if (v !== 'bag' && v !== 'array') throw new UnsupportedFeature(`mv-apply ${key}=${p.text}`, startOf(p.node), widthOf(p.node));
      bagExpansion = v;
    } else if (key === 'with_itemindex') {
      itemIndex = nameText(p.node);
    } else {
      throw new UnsupportedFeature(`the mv-apply parameter ${key}`, startOf(p.node), widthOf(p.node));
    }
  }
  let limit: number | undefined;
  if (op.RowLimitClause) {
    const v = literalInfo(op.RowLimitClause.RowLimit).value;
    const n = typeof v === 'number' ? v : Number(String(v ?? ''));
    if (!Number.isInteger(n) || n < 0) throw new UnsupportedFeature('an mv-apply limit that is not a constant integer', startOf(op.RowLimitClause), widthOf(op.RowLimitClause));
    limit = n;
  }

  const id = ctx.id();
  const outer: Plan = { op: 'outerrow', id, columns: input.columns };
  const scope = scopeOf(outer);
  const expand: Expand[] = [];
  for (const m of items(op.Expressions)) {
    const e = m.Expression;
    const ek = kindOf(e);
    if (ek === 'CompoundNamedExpression') throw new UnsupportedFeature('(a, b) = ... in mv-apply', startOf(e), widthOf(e));
    const name = ek === 'SimpleNamedExpression' ? nameText(e.Name) : expressionResultName(e);
    if (!name) throw new UnsupportedFeature('an unnamed mv-apply expression', startOf(m), widthOf(m), 'name it: mv-apply x = ...');
    if (expand.some((x) => x.name === name)) throw new UnsupportedFeature(`expanding two expressions into the same column '${name}'`, startOf(m), widthOf(m));
    const value = expr(ek === 'SimpleNamedExpression' ? e.Expression : e, scope, ctx);
    expand.push({ name, expr: value, type: toTypeOf(m.ToTypeOf) });
  }
  if (expand.length === 0) throw new InvalidQuery('mv-apply needs a column to expand', startOf(op), widthOf(op));

  const leafCols: Column[] = input.columns.map((c) => {
    const x = expand.find((y) => y.name === c.name);
    return x ? { name: c.name, type: x.type } : c;
  });
  for (const x of expand) if (!input.columns.some((c) => c.name === x.name)) leafCols.push({ name: x.name, type: x.type });
  if (itemIndex !== undefined) {
    if (leafCols.some((c) => c.name === itemIndex)) throw new UnsupportedFeature(`a with_itemindex column named like an existing column ('${itemIndex}')`, startOf(op), widthOf(op));
    leafCols.push({ name: itemIndex, type: 'long' });
  }
  const leaf: Plan = { op: 'mvexpand', input: outer, expand, bagExpansion, itemIndex, limit, columns: leafCols };
  const sub = subquery(op.Subquery.Expression, leaf, ctx);
  for (const c of out) {
    if (!sub.columns.some((s) => s.name === c.name) && !input.columns.some((s) => s.name === c.name)) {
      throw new InvalidQuery(`cannot place the mv-apply result column '${c.name}'`, startOf(op), widthOf(op));
    }
  }
  return { op: 'mvapply', input, id, sub, columns: out };
};

export const mvapplyOperators: Record<string, OperatorBuilder> = {
  MvApplyOperator: mvApply,
};
