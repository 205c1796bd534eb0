/**
 * evaluate: bag_unpack and pivot (plan/ops/pivot.ts); every other plugin is refused by name.
 *
 * bag_unpack's columns depend on the data, which Kusto.Language cannot know. With a schema
 * clause (`: (*, Name:string)`) the columns are given and the plan is static. Without one,
 * compilation has two phases: the first build stops at bag_unpack with `NeedsDiscovery`, whose
 * plan lists the distinct keys of the bag column (`compile()` returns it as `discovery`);
 * the runner executes it and compiles again with the keys (`setDiscoveredKeys`), and the
 * second build turns bag_unpack into a projection with one dynamic column per key (sorted).
 * Kusto.Language types the unpacked columns as dynamic in later operators, so they stay dynamic.
 * Later operators that rebuild the column list from Kusto.Language's (open) schema (extend,
 * project-away ...) would drop the unpacked columns, so they are refused until a project,
 * summarize, count or distinct fixes the columns again.
 */
import { kindOf, items, startOf, widthOf, literalInfo, referenced, textOf, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { expr, lit, callArgs, nameText } from '../expr.ts';
import type { BuildContext } from '../context.ts';
import type { Column, Expr, NamedExpr, Plan, QueryPlan } from '../types.ts';
import type { OperatorBuilder } from '../operators.ts';
import { colRef, outColumns, scopeOf } from './basic.ts';
import { pivot } from './pivot.ts';

/**
 * A text edit that makes a data-dependent operator static: `text(keys)` is inserted into the
 * query at offset `at` (pivot writes its discovered columns as a schema clause). It may throw
 * UnsupportedFeature (positions in the original query).
 */
export interface Splice {
  readonly at: number;
  text(keys: readonly string[]): string;
}

/**
 * Thrown by the first build: run `plan` (one string column `key`), then compile again with its
 * values: the same query with the keys (bag_unpack), or the query with `splice` applied (pivot).
 */
export class NeedsDiscovery extends Error {
  constructor(readonly plan: QueryPlan, readonly splice?: Splice) { super('the query needs values from the data'); }
}

const discovered = new WeakMap<object, readonly string[]>();
const roots = new WeakSet<object>();
/** Keys found by the discovery query of this parsed query (by syntax root). */
export function setDiscoveredKeys(root: KNode, keys: readonly string[] | undefined): void {
  roots.add(root);
  if (keys) discovered.set(root, keys);
}
/** True for the syntax root of the query text itself (not a stored function's body). */
export function isQueryRoot(root: KNode): boolean { return roots.has(root); }
const used = new WeakMap<object, true>();

/** Operators that keep the input's column list (or set an explicit one) after an open schema. */
const PASS = new Set(['FilterOperator', 'TakeOperator', 'SortOperator', 'TopOperator', 'SampleOperator', 'RenderOperator', 'SerializeOperator']);
const CLOSE = new Set(['ProjectOperator', 'SummarizeOperator', 'CountOperator', 'DistinctOperator', 'GetSchemaOperator']);

function checkFollowers(op: KNode): void {
  let pipe = op.Parent;
  while (pipe && kindOf(pipe.Parent) === 'PipeExpression' && pipe.Parent.Expression === pipe) {
    const next = pipe.Parent.Operator;
    const k = kindOf(next);
    if (k === 'SerializeOperator' && items(next.Expressions).length) break;
    if (CLOSE.has(k) && !(k === 'DistinctOperator' && kindOf(items(next.Expressions)[0]) === 'StarExpression')) return;
    if (!PASS.has(k)) {
      throw new UnsupportedFeature(`'${textOf(next).trim().split(/\s+/)[0]}' after evaluate bag_unpack without a schema`, startOf(next), widthOf(next),
        'project the columns you need first, or give the schema: evaluate bag_unpack(col) : (*, Name:string)');
    }
    pipe = pipe.Parent;
  }
  if (!pipe || kindOf(pipe.Parent) !== 'ExpressionStatement') {
    throw new UnsupportedFeature('evaluate bag_unpack without a schema inside a let, union or join', startOf(op), widthOf(op),
      'give the schema: evaluate bag_unpack(col) : (*, Name:string)');
  }
}

function stringArg(n: KNode, what: string): string {
  const v = literalInfo(n).value;
  if (typeof v !== 'string') throw new UnsupportedFeature(`a ${what} that is not a constant string`, startOf(n), widthOf(n));
  return v;
}

function bagUnpack(input: Plan, op: KNode, ctx: BuildContext): Plan {
  const args = callArgs(op.FunctionCall);
  if (!args.length) throw new InvalidQuery('bag_unpack needs a column', startOf(op), widthOf(op));
  const scope = scopeOf(input);
  const bag = expr(args[0], scope, ctx);
  if (bag.k !== 'col' || bag.type !== 'dynamic') throw new UnsupportedFeature('bag_unpack of an expression (unpack a dynamic column)', startOf(args[0]), widthOf(args[0]));
  let prefix = '';
  let conflict = 'error';
  let ignored: string[] = [];
  for (const a of args.slice(1)) {
    if (kindOf(a) !== 'SimpleNamedExpression') { prefix = stringArg(a, 'column prefix'); continue; }
    const name = nameText(a.Name).toLowerCase();
    if (name === 'outputcolumnprefix') prefix = stringArg(a.Expression, 'column prefix');
    else if (name === 'columnsconflict') conflict = stringArg(a.Expression, 'columnsConflict').toLowerCase();
    else if (name === 'ignoredproperties') {
      const e = expr(a.Expression, { columns: [] }, ctx);
      const j = e.k === 'lit' && e.value && typeof e.value === 'object' ? (e.value as { json: unknown }).json : undefined;
      if (!Array.isArray(j) || !j.every((x) => typeof x === 'string')) throw new UnsupportedFeature('ignoredProperties that is not a constant array of strings', startOf(a), widthOf(a));
      ignored = j as string[];
    } else throw new UnsupportedFeature(`the bag_unpack parameter '${nameText(a.Name)}'`, startOf(a), widthOf(a));
  }
  if (conflict !== 'error' && conflict !== 'replace_source' && conflict !== 'keep_source') {
    throw new InvalidQuery(`columnsConflict must be error, replace_source or keep_source`, startOf(op), widthOf(op));
  }
  const rest = input.columns.filter((c) => c.name !== bag.name);
  const pick = (key: string, type: Column['type']): Expr => {
    const raw: Expr = { k: 'call', fn: 'getpath', args: [bag, lit('string', key)], type: 'dynamic', pos: startOf(op) };
    return type === 'dynamic' ? raw : { k: 'call', fn: `to${type}`, args: [raw], type, pos: startOf(op) };
  };

  if (op.Schema) {
    // the schema clause fixes the columns: Kusto.Language computed them
    const out = outColumns(op);
    const declared = new Set(items(op.Schema.Schema?.Columns ?? op.Schema.Columns).map((d: KNode) => nameText(d.Name)));
    if (prefix) throw new UnsupportedFeature('bag_unpack with both a prefix and a schema', startOf(op), widthOf(op));
    const exprs: NamedExpr[] = out.map((c) => {
      const src = rest.find((x) => x.name === c.name);
      // a declared column that is also an input column comes from the input (from the bag with replace_source)
      const fromBag = !src || (declared.has(c.name) && conflict === 'replace_source');
      if (!fromBag && src.type !== c.type) throw new UnsupportedFeature(`the schema column '${c.name}' with a type other than the input column's`, startOf(op.Schema), widthOf(op.Schema));
      return { name: c.name, expr: fromBag ? pick(c.name, c.type) : colRef(src) };
    });
    return { op: 'project', input, exprs, columns: out };
  }

  checkFollowers(op);
  const root = op.Root;
  const keys = discovered.get(root);
  if (!keys) {
    const plan: Plan = { op: 'distinctkeys', input, expr: bag, of: 'bag', columns: [{ name: 'key', type: 'string' }] };
    throw new NeedsDiscovery({ lets: [...ctx.lets], root: plan });
  }
  if (used.has(root)) throw new UnsupportedFeature('a second evaluate bag_unpack without a schema in one query', startOf(op), widthOf(op));
  used.set(root, true);
  const exprs: NamedExpr[] = rest.map((c) => ({ name: c.name, expr: colRef(c) }));
  for (const key of keys) {
    if (ignored.includes(key)) continue;
    const name = prefix + key;
    const at = exprs.findIndex((e) => e.name === name);
    if (at < 0) { exprs.push({ name, expr: pick(key, 'dynamic') }); continue; }
    if (conflict === 'error') throw new InvalidQuery(`bag_unpack: the key '${key}' clashes with the column '${name}' (see columnsConflict)`, startOf(op), widthOf(op));
    if (conflict === 'replace_source') exprs[at] = { name, expr: pick(key, 'dynamic') };
  }
  return { op: 'project', input, exprs, columns: exprs.map((e) => ({ name: e.name, type: e.expr.type })) };
}

const evaluate: OperatorBuilder = (input, op, ctx) => {
  const call = op.FunctionCall;
  const name = (referenced(call)?.name ?? nameText(call?.Name ?? call)).toLowerCase();
  if (name === 'bag_unpack') return bagUnpack(input, op, ctx);
  if (name === 'pivot') return pivot(input, op, ctx);
  throw new UnsupportedFeature(`the evaluate plugin '${name}'`, startOf(op), widthOf(op));
};

export const evaluateOperators: Record<string, OperatorBuilder> = { EvaluateOperator: evaluate };

