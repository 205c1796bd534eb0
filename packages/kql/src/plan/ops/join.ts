/**
 * join and lookup. Keys come from the `on` clause: `on a` (same name on both sides),
 * `on $left.a == $right.b`, several keys separated by commas or `and`. Output columns are
 * the binder's, mapped positionally to the left then the right input columns.
 */
import { kindOf, items, startOf, widthOf, tokenText, textOf, namedParameters, type KNode } from '../../parse/kusto.ts';
import { InvalidQuery, UnsupportedFeature } from '../../errors.ts';
import { nameText } from '../expr.ts';
import { tabular } from '../build.ts';
import { outColumns, colRef } from './basic.ts';
import type { BuildContext } from '../context.ts';
import type { Column, Expr, JoinKind, Plan } from '../types.ts';
import type { OperatorBuilder } from '../operators.ts';

type JoinPlan = Plan & { op: 'join' };
type Key = { left: Expr; right: Expr };

const JOIN_KINDS: Record<string, JoinKind> = {
  innerunique: 'innerunique', inner: 'inner', leftouter: 'leftouter', rightouter: 'rightouter', fullouter: 'fullouter',
  leftanti: 'leftanti', anti: 'leftanti', leftantisemi: 'leftanti', rightanti: 'rightanti', rightantisemi: 'rightanti',
  leftsemi: 'leftsemi', rightsemi: 'rightsemi',
};

/** The `kind=` parameter (other parameters, hint.* included, do not change results). */
function kindParam(op: KNode, allowed: Record<string, JoinKind>, fallback: JoinKind, what: string): JoinKind {
  const p = namedParameters(op.Parameters).get('kind');
  if (!p) return fallback;
  const k = allowed[p.text.toLowerCase()];
  if (!k) throw new UnsupportedFeature(`${what} kind=${p.text}`, startOf(p.node), widthOf(p.node));
  return k;
}

function findColumn(cols: readonly Column[], name: string, side: string, n: KNode): Expr {
  const c = cols.find((x) => x.name === name);
  if (!c) throw new InvalidQuery(`the column '${name}' does not exist on the ${side} side of the join`, startOf(n), widthOf(n));
  return colRef(c);
}

/** `$left.a` / `$right.b` -> side and column name, or undefined for anything else. */
function sidePath(n: KNode): { side: 'left' | 'right'; name: string } | undefined {
  if (kindOf(n) === 'ParenthesizedExpression') return sidePath(n.Expression);
  if (kindOf(n) !== 'PathExpression') return undefined;
  const head = nameText(n.Expression).toLowerCase();
  if (head !== '$left' && head !== '$right') return undefined;
  return { side: head === '$left' ? 'left' : 'right', name: nameText(n.Selector) };
}

/** Equality keys of an `on` clause. */
function joinKeys(op: KNode, clause: KNode, left: Plan, right: Plan): Key[] {
  if (!clause) throw new InvalidQuery('the join needs an on clause', startOf(op), widthOf(op));
  const keys: Key[] = [];
  const add = (n: KNode): void => {
    const k = kindOf(n);
    if (k === 'ParenthesizedExpression') return add(n.Expression);
    if (k === 'NameReference' || k === 'BracketedName' || k === 'TokenName') {
      const name = nameText(n);
      keys.push({ left: findColumn(left.columns, name, 'left', n), right: findColumn(right.columns, name, 'right', n) });
      return;
    }
    if (k === 'BinaryExpression') {
      const opText = tokenText(n.Operator).toLowerCase();
      if (opText === 'and') { add(n.Left); add(n.Right); return; }
      if (opText === '==') {
        const a = sidePath(n.Left);
        const b = sidePath(n.Right);
        if (a && b && a.side !== b.side) {
          const l = a.side === 'left' ? a : b;
          const r = a.side === 'left' ? b : a;
          keys.push({ left: findColumn(left.columns, l.name, 'left', n), right: findColumn(right.columns, r.name, 'right', n) });
          return;
        }
      }
    }
    throw new UnsupportedFeature(`the join condition '${textOf(n).trim()}'`, startOf(n), widthOf(n), 'use column names or $left.a == $right.b');
  };
  if (kindOf(clause) === 'JoinWhereClause') add(clause.Expression); // only equalities: the same as `on`
  else for (const e of items(clause.Expressions)) add(e);
  if (!keys.length) throw new InvalidQuery('the join has no keys', startOf(clause), widthOf(clause));
  return keys;
}

/** Map the binder's output columns positionally onto input columns. */
function mapOutput(op: KNode, sources: { side: 'left' | 'right'; col: Column }[]): { output: JoinPlan['output']; columns: Column[] } {
  const out = outColumns(op);
  if (out.length !== sources.length) {
    throw new UnsupportedFeature(`this join's result layout (${out.length} columns for ${sources.length} inputs)`, startOf(op), widthOf(op));
  }
  const output = out.map((c, i) => {
    const s = sources[i]!;
    if (s.col.type !== c.type) throw new UnsupportedFeature(`a join column '${c.name}' whose type changes`, startOf(op), widthOf(op));
    return { side: s.side, from: s.col.name, name: c.name, type: c.type };
  });
  return { output, columns: out };
}

const join: OperatorBuilder = (input, op, ctx: BuildContext) => {
  const kind = kindParam(op, JOIN_KINDS, 'innerunique', 'join');
  const right = tabular(op.Expression, ctx);
  const on = joinKeys(op, op.ConditionClause, input, right);
  const L = input.columns.map((col) => ({ side: 'left' as const, col }));
  const R = right.columns.map((col) => ({ side: 'right' as const, col }));
  const sources = kind === 'leftsemi' || kind === 'leftanti' ? L : kind === 'rightsemi' || kind === 'rightanti' ? R : [...L, ...R];
  const { output, columns } = mapOutput(op, sources);
  return { op: 'join', kind, left: input, right, on, output, columns };
};

const LOOKUP_KINDS: Record<string, JoinKind> = { leftouter: 'leftouter', inner: 'inner' };

/** lookup: a join whose right side's key columns are not repeated in the result. */
const lookup: OperatorBuilder = (input, op, ctx) => {
  const kind = kindParam(op, LOOKUP_KINDS, 'leftouter', 'lookup');
  const right = tabular(op.Expression, ctx);
  const on = joinKeys(op, op.LookupClause, input, right);
  const rightKeys = new Set(on.map((k) => (k.right.k === 'col' ? k.right.name : '')));
  const sources = [
    ...input.columns.map((col) => ({ side: 'left' as const, col })),
    ...right.columns.filter((c) => !rightKeys.has(c.name)).map((col) => ({ side: 'right' as const, col })),
  ];
  const { output, columns } = mapOutput(op, sources);
  return { op: 'join', kind, left: input, right, on, output, columns };
};

/** The parts of a condition joined by `and`. */
function conjuncts(e: Expr): Expr[] {
  return e.k === 'call' && e.fn === 'and' && e.args.length === 2 ? [...conjuncts(e.args[0]!), ...conjuncts(e.args[1]!)] : [e];
}

function allOf(parts: readonly Expr[], pos: number): Expr {
  return parts.reduce((a, b) => ({ k: 'call', fn: 'and', args: [a, b], type: 'bool', pos }));
}

/** A condition that can be evaluated in a join's ON clause: row values only (no window, aggregate or subquery). */
function rowLevel(e: Expr): boolean {
  switch (e.k) {
    case 'lit': case 'col': return true;
    case 'call': return e.args.every(rowLevel);
    case 'case': return e.whens.every((w) => rowLevel(w.cond) && rowLevel(w.then)) && rowLevel(e.else);
    case 'list': return e.items.every(rowLevel);
    default: return false;
  }
}

/** Functions whose value differs from call to call: their conditions are evaluated once per pair, as in where. */
const VOLATILE = new Set(['rand', 'new_guid']);

/** The columns a row-level condition reads, or undefined if it calls a volatile function. */
function readColumns(e: Expr, into = new Set<string>()): Set<string> | undefined {
  switch (e.k) {
    case 'col': into.add(e.name); return into;
    case 'call': if (VOLATILE.has(e.fn)) return undefined; return e.args.every((a) => readColumns(a, into)) ? into : undefined;
    case 'case': return e.whens.every((w) => readColumns(w.cond, into) && readColumns(w.then, into)) && readColumns(e.else, into) ? into : undefined;
    case 'list': return e.items.every((a) => readColumns(a, into)) ? into : undefined;
    default: return into;
  }
}

/** `e` with its column references renamed. */
function renameColumns(e: Expr, names: ReadonlyMap<string, string>): Expr {
  switch (e.k) {
    case 'col': { const n = names.get(e.name); return n === undefined ? e : { ...e, name: n }; }
    case 'call': return { ...e, args: e.args.map((a) => renameColumns(a, names)) };
    case 'case': return { ...e, whens: e.whens.map((w) => ({ cond: renameColumns(w.cond, names), then: renameColumns(w.then, names) })), else: renameColumns(e.else, names) };
    case 'list': return { ...e, items: e.items.map((a) => renameColumns(a, names)) };
    default: return e;
  }
}

/**
 * `where` right after an inner join goes into the join, so the database filters while joining
 * instead of producing every key match first: a condition that reads one side only filters that
 * side's input (with the input's column names), one that reads both goes in the join's `where`
 * (emitted in its ON clause). For inner joins this is the same result: a pair is kept when its
 * keys match and the condition holds. For innerunique, Kusto documents that a where on the left
 * side reaches the left input before the one-row-per-key pick (join-innerunique, "filter
 * pushdown"), which is what filtering the left input does; conditions on the right side or on
 * both sides filter pairs after the pick either way. Outer, semi and anti joins are never folded
 * (there a condition in ON keeps or drops unmatched rows differently). Conditions with window
 * calls, aggregates or subqueries stay in a where after the join. Returns undefined when nothing
 * can be folded.
 */
export function foldWhereIntoJoin(input: Plan, cond: Expr, pos: number): Plan | undefined {
  if (input.op !== 'join' || (input.kind !== 'inner' && input.kind !== 'innerunique')) return undefined;
  const parts = conjuncts(cond);
  if (!parts.some(rowLevel)) return undefined;
  const sideOf = new Map(input.output.map((o) => [o.name, o]));
  const toInput = (side: 'left' | 'right') => new Map(input.output.filter((o) => o.side === side).map((o) => [o.name, o.from]));
  const left: Expr[] = [];
  const right: Expr[] = [];
  const both: Expr[] = input.where ? [input.where] : [];
  const rest: Expr[] = [];
  for (const c of parts) {
    if (!rowLevel(c)) { rest.push(c); continue; }
    const cols = readColumns(c);
    const sides = cols && cols.size ? new Set([...cols].map((n) => sideOf.get(n)?.side)) : undefined;
    if (sides?.size === 1 && sides.has('left')) left.push(c);
    else if (sides?.size === 1 && sides.has('right')) right.push(c);
    else both.push(c);
  }
  const filtered = (p: Plan, conds: Expr[], side: 'left' | 'right'): Plan => {
    if (!conds.length) return p;
    const names = toInput(side);
    return { op: 'filter', input: p, cond: allOf(conds.map((c) => renameColumns(c, names)), pos), columns: p.columns };
  };
  const join: JoinPlan = {
    ...input,
    left: filtered(input.left, left, 'left'),
    right: filtered(input.right, right, 'right'),
    where: both.length ? allOf(both, pos) : undefined,
  };
  return rest.length ? { op: 'filter', input: join, cond: allOf(rest, pos), columns: input.columns } : join;
}

export const joinOperators: Record<string, OperatorBuilder> = {
  JoinOperator: join,
  LookupOperator: lookup,
};
