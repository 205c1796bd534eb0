/** Row order tracking: which plans are serialized, and by which keys. */
import type { Plan, SortKey } from './types.ts';

const serializedPlans = new WeakSet<Plan>();

/** Mark a plan as serialized (the `serialize` operator). */
export function markSerialized<P extends Plan>(p: P): P { serializedPlans.add(p); return p; }

/** Is the plan's output in a defined order (sorted or serialized)? */
export function isSerialized(p: Plan): boolean {
  if (serializedPlans.has(p)) return true;
  switch (p.op) {
    case 'sort': case 'range': case 'values': return true;
    case 'filter': case 'project': case 'limit': case 'mvexpand': return isSerialized(p.input);
    default: return false;
  }
}

/** The sort keys that define the plan's order, if they still apply to its columns. */
export function orderOf(p: Plan): SortKey[] | null {
  switch (p.op) {
    case 'sort': return [...p.keys];
    case 'filter': case 'limit': return orderOf(p.input);
    case 'project': {
      const keys = orderOf(p.input);
      if (!keys) return null;
      const ok = keys.every((k) => k.expr.k === 'col' && p.exprs.some((e) => e.name === (k.expr as { name: string }).name && e.expr.k === 'col' && e.expr.name === e.name));
      return ok ? keys : null;
    }
    default: return null;
  }
}
