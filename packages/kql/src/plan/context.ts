/** Shared state of one plan build: query text, let bindings, CTEs, the query's fixed now(). */
import type { KNode } from '../parse/kusto.ts';
import type { Expr, Plan, RenderHint, Column, SortKey } from './types.ts';

export type Binding =
  | { readonly kind: 'scalar'; readonly expr: Expr }
  | { readonly kind: 'table'; readonly plan: Plan };

export interface Scope {
  /** columns of the input row */
  readonly columns: readonly Column[];
  /** columns defined earlier in the same operator (extend a=1, b=a+1) */
  readonly defined?: Map<string, Expr>;
  /** the serialized order of the input, if any (for row_number, prev, next ...) */
  readonly order?: readonly SortKey[] | null;
  /** true when the input is serialized (sorted, or after serialize) */
  readonly serialized?: boolean;
}

/**
 * How a query depends on now(): `used` when it mentions now()/ago(); `baked` when some step read
 * the instant's value (folded it into another constant), so the SQL is only right for this instant.
 */
export interface NowTracker { used: boolean; baked: boolean }

export class BuildContext {
  readonly lets: { id: number; plan: Plan; materialize: boolean }[] = [];
  /** let-bound symbols (VariableSymbol objects of Kusto.Language) -> bindings */
  readonly symbols = new Map<KNode, Binding>();
  /** by-name bindings (function parameters inside an expansion); innermost last */
  readonly params: Map<string, Binding>[] = [];
  render: RenderHint | undefined;
  private nextId = 1;
  /** `as` names -> plans, for later references in the same query */
  readonly asNames = new Map<string, Plan>();

  constructor(readonly text: string, readonly nowTicks: bigint, readonly clock: NowTracker = { used: false, baked: false }) {}

  id(): number { return this.nextId++; }

  lookupParam(name: string): Binding | undefined {
    for (let i = this.params.length - 1; i >= 0; i--) {
      const b = this.params[i]!.get(name);
      if (b) return b;
    }
    return undefined;
  }

  /** Register a tabular let (or materialize) as a CTE and return a reference to it. */
  cte(plan: Plan, materialize: boolean): Plan {
    if (plan.op === 'ref' || plan.op === 'table') return plan;
    const id = this.id();
    this.lets.push({ id, plan, materialize });
    return { op: 'ref', id, columns: plan.columns };
  }
}
