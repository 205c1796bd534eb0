/**
 * All scalar function emitters of the DuckDB dialect, by lower-case Kusto name.
 * One file per family; adding a function touches one file.
 */
import type { ScalarEmitter } from '../types.ts';
import { conversionFunctions } from './conversion.ts';
import { stringFunctions } from './strings.ts';
import { datetimeFunctions } from './datetime.ts';
import { mathFunctions } from './math.ts';
import { dynamicFunctions } from './dynamic.ts';
import { ipFunctions } from './ip.ts';
import { encodingFunctions } from './encoding.ts';
import { textParseFunctions } from './text-parse.ts';
import { moreStringFunctions } from './more-strings.ts';
import { seriesStatsFunctions } from './series-stats.ts';
import { miscFunctions } from './misc.ts';
import { seriesFunctions } from './series.ts';
import { udfFunctions } from './udf-functions.ts';

export const SCALARS: Record<string, ScalarEmitter> = {
  ...conversionFunctions,
  ...stringFunctions,
  ...datetimeFunctions,
  ...mathFunctions,
  ...dynamicFunctions,
  ...ipFunctions,
  ...encodingFunctions,
  ...textParseFunctions,
  ...moreStringFunctions,
  ...seriesStatsFunctions,
  ...miscFunctions,
  ...seriesFunctions,
  ...udfFunctions,
};
