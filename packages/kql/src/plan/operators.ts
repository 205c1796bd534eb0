/** The registry of tabular operator builders, by Kusto.Language syntax class name. */
import type { KNode } from '../parse/kusto.ts';
import type { BuildContext } from './context.ts';
import type { Plan } from './types.ts';
import { basicOperators, basicSources } from './ops/basic.ts';
import { summarizeOperators } from './ops/summarize.ts';
import { parseOperators } from './ops/parse.ts';
import { joinOperators } from './ops/join.ts';
import { unionOperators, unionSources } from './ops/union.ts';
import { mvexpandOperators } from './ops/mvexpand.ts';
import { searchOperators, searchSources } from './ops/search.ts';
import { miscOperators, miscSources } from './ops/misc.ts';
import { makeSeriesOperators } from './ops/makeseries.ts';
import { evaluateOperators } from './ops/evaluate.ts';
import { mvapplyOperators } from './ops/mvapply.ts';
import { parsekvOperators } from './ops/parsekv.ts';
import { projectByNamesOperators } from './ops/projectbynames.ts';
import { topNestedOperators } from './ops/topnested.ts';

/** Applies an operator to its input. */
export type OperatorBuilder = (input: Plan, op: KNode, ctx: BuildContext) => Plan;
/** Builds a plan from an expression that starts a pipeline (print, range, datatable, union ...). */
export type SourceBuilder = (n: KNode, ctx: BuildContext) => Plan;

export const OPERATORS: Record<string, OperatorBuilder> = {
  ...basicOperators,
  ...summarizeOperators,
  ...parseOperators,
  ...joinOperators,
  ...unionOperators,
  ...mvexpandOperators,
  ...searchOperators,
  ...miscOperators,
  ...makeSeriesOperators,
  ...evaluateOperators,
  ...mvapplyOperators,
  ...parsekvOperators,
  ...projectByNamesOperators,
  ...topNestedOperators,
};

export const SOURCES: Record<string, SourceBuilder> = {
  ...basicSources,
  ...unionSources,
  ...searchSources,
  ...miscSources,
};
