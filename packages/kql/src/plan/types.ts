/**
 * The typed plan: tabular operators over typed scalar expressions. Built from the bound
 * Kusto syntax tree (plan/build.ts), turned into SQL by a dialect (sql/). No SQL here.
 */

export type KType = 'bool' | 'int' | 'long' | 'real' | 'decimal' | 'string' | 'datetime' | 'timespan' | 'dynamic' | 'guid';
export const KTYPES: readonly KType[] = ['bool', 'int', 'long', 'real', 'decimal', 'string', 'datetime', 'timespan', 'dynamic', 'guid'];

export interface Column { readonly name: string; readonly type: KType }

/**
 * Literal values, dialect-neutral:
 * bool: boolean; int/long: bigint; real: number; decimal: string; string: string;
 * datetime: bigint ticks (100 ns) since 1970-01-01; timespan: bigint ticks; dynamic: a JSON value
 * (already parsed); guid: string; null for a typed null.
 */
export type LitValue = null | boolean | bigint | number | string | { json: unknown };

/** Scalar expressions. `pos` is the offset in the query text, for error messages. */
export type Expr =
  /**
   * `now` (ticks from the query's now(), set by now()/ago()) marks a datetime that follows the
   * clock: dialects emit it as a placeholder (sql/now.ts) so a cached compile serves later calls.
   */
  | { readonly k: 'lit'; readonly type: KType; readonly value: LitValue; readonly now?: bigint }
  | { readonly k: 'col'; readonly name: string; readonly type: KType }
  /** scalar functions and operators by Kusto name ('strcat', '==', 'has', 'and', 'not', 'neg', 'between' ...) */
  | { readonly k: 'call'; readonly fn: string; readonly args: readonly Expr[]; readonly type: KType; readonly pos: number }
  /** aggregate functions, only inside Summarize aggregates (and make-series later) */
  | { readonly k: 'agg'; readonly fn: string; readonly args: readonly Expr[]; readonly type: KType; readonly pos: number; /** arg_max/arg_min columns that share one row pick */ readonly group?: number; /** make_list over a sorted input: the input's order */ readonly order?: readonly SortKey[] }
  /** window functions over the serialized row order: row_number, prev, next, row_cumsum, row_rank... */
  | { readonly k: 'win'; readonly fn: string; readonly args: readonly Expr[]; readonly type: KType; readonly order: readonly SortKey[]; readonly pos: number }
  /** toscalar(tabular): first column of first row */
  | { readonly k: 'scalar'; readonly plan: Plan; readonly type: KType }
  /** set of values from a tabular expression, for `x in (T | project c)` */
  | { readonly k: 'tableset'; readonly plan: Plan; readonly type: KType }
  /** a list of expressions, as the right side of in / !in / has_any ... */
  | { readonly k: 'list'; readonly items: readonly Expr[]; readonly type: KType }
  /** conditional: iff/case */
  | { readonly k: 'case'; readonly whens: readonly { readonly cond: Expr; readonly then: Expr }[]; readonly else: Expr; readonly type: KType };

export interface SortKey { readonly expr: Expr; readonly desc: boolean; readonly nullsFirst: boolean }
export interface NamedExpr { readonly name: string; readonly expr: Expr }

export type JoinKind = 'innerunique' | 'inner' | 'leftouter' | 'rightouter' | 'fullouter' | 'leftanti' | 'rightanti' | 'leftsemi' | 'rightsemi';

/** Tabular operators. Every node knows its output columns. */
export type Plan =
  | { readonly op: 'table'; readonly name: string; readonly columns: readonly Column[] }
  /** reference to a let-bound tabular expression (emitted once as a CTE) */
  | { readonly op: 'ref'; readonly id: number; readonly columns: readonly Column[] }
  | { readonly op: 'values'; readonly rows: readonly (readonly Expr[])[]; readonly columns: readonly Column[] }
  | { readonly op: 'range'; readonly from: Expr; readonly to: Expr; readonly step: Expr; readonly columns: readonly Column[] }
  | { readonly op: 'filter'; readonly input: Plan; readonly cond: Expr; readonly columns: readonly Column[] }
  | { readonly op: 'project'; readonly input: Plan; readonly exprs: readonly NamedExpr[]; readonly columns: readonly Column[] }
  | { readonly op: 'summarize'; readonly input: Plan; readonly keys: readonly NamedExpr[]; readonly aggs: readonly NamedExpr[]; readonly columns: readonly Column[] }
  | { readonly op: 'sort'; readonly input: Plan; readonly keys: readonly SortKey[]; readonly columns: readonly Column[] }
  | { readonly op: 'limit'; readonly input: Plan; readonly count: Expr; readonly columns: readonly Column[] }
  | { readonly op: 'distinct'; readonly input: Plan; readonly columns: readonly Column[] }
  | { readonly op: 'sample'; readonly input: Plan; readonly count: Expr; readonly columns: readonly Column[] }
  | {
      readonly op: 'join'; readonly kind: JoinKind; readonly left: Plan; readonly right: Plan;
      /** equality keys: left expression (over left columns) == right expression (over right columns) */
      readonly on: readonly { readonly left: Expr; readonly right: Expr }[];
      /** output columns: each from 'left' or 'right' input column `from` */
      readonly output: readonly { readonly side: 'left' | 'right'; readonly from: string; readonly name: string; readonly type: KType }[];
      /** inner kinds only: a following `where` folded into the join, over the output columns */
      readonly where?: Expr;
      readonly columns: readonly Column[];
    }
  | {
      readonly op: 'union'; readonly inputs: readonly Plan[]; readonly names: readonly string[];
      /** column that receives the source's name (withsource=) */
      readonly sourceColumn?: string;
      readonly columns: readonly Column[];
    }
  | {
      readonly op: 'mvexpand'; readonly input: Plan;
      readonly expand: readonly { readonly name: string; readonly expr: Expr; readonly type: KType }[];
      readonly bagExpansion: 'bag' | 'array'; readonly itemIndex?: string; readonly limit?: number;
      readonly columns: readonly Column[];
    }
  /** a data-dependent step the dialect cannot express statically (bag_unpack, pivot) */
  | { readonly op: 'unpack'; readonly input: Plan; readonly column: string; readonly prefix: string; readonly columns: readonly Column[] }
  /** parse / parse-where: one RE2 regex over `source`, group i -> captures[i]; strict: a failed conversion fails the row */
  | {
      readonly op: 'parse'; readonly input: Plan; readonly source: Expr; readonly regex: string; readonly captures: readonly Column[];
      readonly strict: boolean; readonly where: boolean; readonly columns: readonly Column[];
    }
  /** make-series: `input` is one row per (keys, `bin` index); arrays of `bins` values per key */
  | {
      readonly op: 'makeseries'; readonly input: Plan; readonly keys: readonly string[]; readonly bin: string;
      readonly series: readonly { readonly name: string; readonly from: string; readonly type: KType; readonly default: Expr }[];
      readonly axis: { readonly name: string; readonly type: KType; readonly start: Expr; readonly end: Expr; readonly step: Expr };
      readonly nonempty: boolean; readonly columns: readonly Column[];
    }
  /** distinct bag keys (of: 'bag') or values (of: 'value') of `expr`, as strings in column `key`: discovery for bag_unpack / pivot */
  | { readonly op: 'distinctkeys'; readonly input: Plan; readonly expr: Expr; readonly of: 'bag' | 'value'; readonly columns: readonly Column[] }
  /** mv-apply: `sub` runs once per input row; its leaf is the 'outerrow' with the same id (that row's columns) */
  | { readonly op: 'mvapply'; readonly input: Plan; readonly id: number; readonly sub: Plan; readonly columns: readonly Column[] }
  /** the current row of the enclosing mv-apply `id`, as a one-row table */
  | { readonly op: 'outerrow'; readonly id: number; readonly columns: readonly Column[] }
  /** parse-kv: the value of each key in `source`, by delimiters (quotes, escapes, greedy values) or by a two-group regex */
  | {
      readonly op: 'parsekv'; readonly input: Plan; readonly source: Expr; readonly keys: readonly Column[];
      readonly pairDelimiter?: string; readonly kvDelimiter?: string; readonly quotes: readonly string[]; readonly escapes: readonly string[];
      readonly greedy: boolean; readonly regex?: string; readonly columns: readonly Column[];
    }
  /** top-nested: nested levels of top-N groups (columns: key, aggregate per level); `ids`: CTE ids its SQL defines */
  | { readonly op: 'topnested'; readonly input: Plan; readonly levels: readonly TopNestedLevel[]; readonly ids: readonly [number, number]; readonly columns: readonly Column[] };

/** One top-nested clause: `n` best `key` groups by `agg` (all without n); `others` labels the rest. */
export interface TopNestedLevel { readonly key: Expr; readonly agg: Expr; readonly n?: number; readonly others?: Expr; readonly desc: boolean }

export type PlanOp = Plan['op'];

/** A compiled-away `render`: the visualization hint. */
export interface RenderHint { readonly kind: string; readonly properties: Record<string, unknown> }

export interface QueryPlan {
  /** let-bound tabular expressions, emitted as CTEs (in order; later may reference earlier) */
  readonly lets: readonly { readonly id: number; readonly plan: Plan; readonly materialize: boolean }[];
  readonly root: Plan;
  readonly render?: RenderHint;
}
