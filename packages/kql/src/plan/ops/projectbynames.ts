/**
 * project-by-names 'a', 'C*', dynamic(['x', 'y']): the input columns named (wildcards allowed),
 * in the order the binder gives. Only constant names are taken: with names computed at run time
 * (function parameters, column_names_of) the result columns are not known when compiling.
 */
import { items, kindOf, startOf, widthOf, type KNode } from '../../parse/kusto.ts';
import { UnsupportedFeature } from '../../errors.ts';
import { outColumns, projectColumns } from './basic.ts';
import type { OperatorBuilder } from '../operators.ts';

const CONSTANT = new Set(['LiteralExpression', 'DynamicExpression', 'CompoundStringLiteralExpression']);

const projectByNames: OperatorBuilder = (input, op) => {
  for (const e of items(op.Expressions) as KNode[]) {
    if (!CONSTANT.has(kindOf(e))) {
      throw new UnsupportedFeature('project-by-names with names computed at run time', startOf(e), widthOf(e), 'list the column names as string literals');
    }
  }
  return projectColumns(input, outColumns(op));
};

export const projectByNamesOperators: Record<string, OperatorBuilder> = {
  ProjectByNamesOperator: projectByNames,
};
