/** Dialect-neutral facts about Kusto functions the planner needs. */

/** Aggregation functions (by lower-case Kusto name, legacy spellings included). */
export const AGGREGATES: ReadonlySet<string> = new Set([
  'count', 'countif', 'dcount', 'dcountif', 'count_distinct', 'count_distinctif', 'sum', 'sumif', 'avg', 'avgif', 'min', 'max', 'minif', 'maxif',
  'arg_max', 'arg_min', 'make_list', 'make_list_if', 'make_set', 'make_set_if', 'make_bag', 'make_bag_if', 'make_list_with_nulls', 'take_any', 'take_anyif',
  'any', 'anyif', 'makeset', 'makelist', 'percentile', 'percentiles', 'percentiles_array', 'percentilew', 'percentilesw', 'stdev', 'stdevif', 'stdevp', 'variance', 'varianceif', 'variancep',
  'hll', 'hll_merge', 'tdigest', 'tdigest_merge', 'binary_all_and', 'binary_all_or', 'binary_all_xor',
  'variancepif', 'percentilesw_array',
]);

/** Functions that need a serialized (ordered) input. */
export const WINDOW_FUNCTIONS: ReadonlySet<string> = new Set(['row_number', 'prev', 'next', 'row_cumsum', 'row_rank_dense', 'row_rank_min']);
