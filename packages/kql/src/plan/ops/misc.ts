/** sample, sample-distinct, invoke; materialize(). */
import { kindOf, startOf, widthOf, referenced, expansionOf, isTabular, ktypeOfName, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { expr, lit, callArgs, bindBodyLets } from '../expr.ts';
import { tabular } from '../build.ts';
import type { Binding } from '../context.ts';
import type { Expr, Plan } from '../types.ts';
import type { OperatorBuilder, SourceBuilder } from '../operators.ts';
import { outColumns, scopeOf } from './basic.ts';

function rowCount(n: KNode, ctx: Parameters<OperatorBuilder>[2]): Expr {
  const e = expr(n, { columns: [] }, ctx);
  if (e.type !== 'long' && e.type !== 'int') throw new InvalidQuery('the number of rows must be an integer', startOf(n), widthOf(n));
  return e;
}

/** sample N: N rows picked at random. */
const sample: OperatorBuilder = (input, op, ctx) => ({ op: 'sample', input, count: rowCount(op.Expression, ctx), columns: input.columns });

/** sample-distinct N of Col: up to N distinct values of Col, picked at random. */
const sampleDistinct: OperatorBuilder = (input, op, ctx) => {
  const out = outColumns(op);
  const col = out[0];
  if (out.length !== 1 || !col) throw new InvalidQuery('sample-distinct gives one column', startOf(op), widthOf(op));
  const values: Plan = { op: 'project', input, exprs: [{ name: col.name, expr: expr(op.OfExpression, scopeOf(input), ctx) }], columns: out };
  return { op: 'sample', input: { op: 'distinct', input: values, columns: out }, count: rowCount(op.Expression, ctx), columns: out };
};

/** T | invoke f(a, b): f(T, a, b) for a user function whose first parameter is a table. */
const invoke: OperatorBuilder = (input, op, ctx) => {
  const call = op.Function;
  const ref = referenced(call);
  const body = expansionOf(call);
  if (!ref || ref.kind !== 'FunctionSymbol' || !body) {
    throw new UnsupportedFeature(`invoke of '${ref?.name ?? 'this function'}' (only functions defined with let can be invoked)`, startOf(op), widthOf(op));
  }
  const sig = ref.symbol.Signatures.getItem(0);
  const params = sig.Parameters;
  const args = kindOf(call) === 'FunctionCallExpression' ? callArgs(call) : [];
  const bindings = new Map<string, Binding>();
  for (let i = 0; i < params.Count; i++) {
    const p = params.getItem(i);
    const name = String(p.Name);
    if (i === 0) { bindings.set(name, { kind: 'table', plan: input }); continue; }
    const a = args[i - 1];
    if (a) bindings.set(name, isTabular(a) ? { kind: 'table', plan: tabular(a, ctx) } : { kind: 'scalar', expr: expr(a, { columns: [] }, ctx) });
    else if (p.DefaultValue) bindings.set(name, { kind: 'scalar', expr: expr(p.DefaultValue, { columns: [] }, ctx) });
    else {
      const t = ktypeOfName(String(p.Type?.Name ?? 'string')) ?? 'string';
      bindings.set(name, { kind: 'scalar', expr: lit(t, t === 'string' ? '' : null) });
    }
  }
  ctx.params.push(bindings);
  try {
    bindBodyLets(body, { columns: [] }, ctx);
    const e = body.Expression ?? body;
    if (!isTabular(e)) throw new InvalidQuery(`the function '${ref.name}' does not return a table`, startOf(op), widthOf(op));
    return tabular(e, ctx);
  } finally {
    ctx.params.pop();
  }
};

export const miscOperators: Record<string, OperatorBuilder> = {
  SampleOperator: sample,
  SampleDistinctOperator: sampleDistinct,
  InvokeOperator: invoke,
};


/** materialize(T): computed once per query (a MATERIALIZED CTE), so every use sees the same rows. */
const materialize: SourceBuilder = (n, ctx) => ctx.cte(tabular(n.Expression, ctx), true);

export const miscSources: Record<string, SourceBuilder> = {
  MaterializeExpression: materialize,
};
