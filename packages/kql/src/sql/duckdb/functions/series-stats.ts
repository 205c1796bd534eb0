/**
 * series_* functions over dynamic numeric arrays (the ones hunting uses on make-series output):
 * element-wise arithmetic, comparisons and math, sums/products/similarities, statistics and
 * gap filling. Arrays are JSON; elements that are not numbers give null elements. Whole
 * numbers stay whole where Kusto keeps them (add, subtract, multiply, abs, sign).
 * Line fitting, linear filling, outliers and decomposition run as JavaScript UDFs; the other
 * signal-processing and model-fitting ones are refused by name.
 */
import { isNullLiteral, type ScalarEmitter, type Arg } from '../types.ts';
import type { Expr } from '../../../plan/types.ts';
import { toDynamicSql } from '../coerce.ts';
import { str } from '../quote.ts';
import { UnsupportedFeature } from '../../../errors.ts';
import { mathFunctions } from './math.ts';

/** A placeholder plan expression for the element arguments handed to the math emitters. */
const ELEM_EXPR: Expr = { k: 'lit', type: 'real', value: null };
const realArg = (sql: string): Arg => ({ sql, type: 'real', e: ELEM_EXPR });

/** A SQL list of JSON elements for a dynamic argument (null when not an array). */
const arr = (a: Arg): string => `hb_arr(${a.sql})`;
const isNum = (a: Arg): boolean => a.type === 'int' || a.type === 'long' || a.type === 'real' || a.type === 'decimal';
/** A numeric scalar argument as one JSON element (whole numbers stay whole). */
const scalarJson = (a: Arg): string =>
  a.type === 'int' || a.type === 'long' ? `to_json(CAST(${a.sql} AS BIGINT))` : `hb_jreal(CAST(${a.sql} AS DOUBLE))`;

type Elem2 = (x: string, y: string) => string;

/** Element-wise over (array, array), (array, number) or (number, array); to JSON. */
function pairwise(elem: Elem2): ScalarEmitter {
  return ([a, b], _t, call) => {
    if (a!.type === 'dynamic' && b!.type === 'dynamic') {
      return `(CASE WHEN ${arr(a!)} IS NOT NULL AND ${arr(b!)} IS NOT NULL THEN to_json(list_transform(list_zip(${arr(a!)}, ${arr(b!)}), _hb_p -> ${elem('_hb_p[1]', '_hb_p[2]')})) END)`;
    }
    if (a!.type === 'dynamic' && isNum(b!)) return `to_json(list_transform(${arr(a!)}, _hb_x -> ${elem('_hb_x', scalarJson(b!))}))`;
    if (isNum(a!) && b!.type === 'dynamic') return `to_json(list_transform(${arr(b!)}, _hb_x -> ${elem(scalarJson(a!), '_hb_x')}))`;
    throw new UnsupportedFeature(`${call.fn}() of arguments that are not a dynamic array and a number`, call.pos);
  };
}

/** + - *: whole when both elements are whole, else real. */
const arith = (op: string): Elem2 => (x, y) =>
  `(CASE WHEN hb_jisint(${x}) AND hb_jisint(${y}) THEN to_json(CAST(${x} AS BIGINT) ${op} CAST(${y} AS BIGINT)) ELSE hb_jreal(hb_jnum(${x}) ${op} hb_jnum(${y})) END)`;
const compare = (op: string): Elem2 => (x, y) => `to_json(hb_jnum(${x}) ${op} hb_jnum(${y}))`;

/** A unary element function given as a real emitter of mathFunctions (domain handling included). */
function elementwise(f: (x: string) => string): ScalarEmitter {
  return ([a]) => `to_json(list_transform(${arr(a!)}, _hb_x -> ${f('_hb_x')}))`;
}
const viaMath = (fn: string) => (x: string): string => `hb_jreal(${mathFunctions[fn]!([realArg(`hb_jnum(${x})`)], 'real', undefined as never)})`;
/** Whole elements stay whole (abs, sign). */
const wholeOrReal = (fn: string) => (x: string): string =>
  `(CASE WHEN hb_jisint(${x}) THEN to_json(CAST(${fn}(CAST(${x} AS BIGINT)) AS BIGINT)) ELSE hb_jreal(${fn}(hb_jnum(${x}))) END)`;

/** The array as DOUBLE[]; a runtime error when an element is not a number (Kusto's handling of those is not reproduced). */
const strictNums = (a: Arg, fn: string): string => `hb_dbls_strict(${arr(a)}, ${str(fn)})`;

/** Two same-length numeric arrays (a number as the second argument is repeated). */
function twoSeries(a: Arg, b: Arg, fn: string, pos: number): [string, string] {
  if (a.type !== 'dynamic') throw new UnsupportedFeature(`${fn}() whose first argument is not a dynamic array`, pos);
  const x = strictNums(a, fn);
  if (isNum(b)) return [x, `list_transform(${x}, _hb_v -> CAST(${b.sql} AS DOUBLE))`];
  return [x, `hb_same_len(${x}, ${strictNums(b, fn)}, ${str(fn)})`];
}

function statsBag(a: Arg, ignore: Arg | undefined, call: Expr & { k: 'call' }): string {
  const ign = ignore ? litBool(ignore, call) : false;
  const all = `list_transform(${arr(a)}, _hb_x -> hb_jnum(_hb_x))`;
  return `hb_series_stats(${all}, ${ign ? 'TRUE' : 'FALSE'})`;
}

function litBool(a: Arg, call: Expr & { k: 'call' }): boolean {
  if (a.e.k === 'lit' && typeof a.e.value === 'boolean') return a.e.value;
  throw new UnsupportedFeature(`${call.fn}() with a computed ignore_nonfinite`, call.pos);
}

/** The optional missing_value_placeholder of the fill functions: only the default (null). */
function defaultPlaceholder(p: Arg | undefined, call: Expr & { k: 'call' }): void {
  if (p && !isNullLiteral(p.e)) {
    throw new UnsupportedFeature(`${call.fn}() with a missing_value_placeholder other than null`, call.pos);
  }
}

export const seriesStatsFunctions: Record<string, ScalarEmitter> = {
  series_add: pairwise(arith('+')),
  series_subtract: pairwise(arith('-')),
  series_multiply: pairwise(arith('*')),
  series_divide: pairwise((x, y) => `hb_jreal(hb_jnum(${x}) / hb_jnum(${y}))`),
  series_pow: pairwise((x, y) => `hb_jreal(pow(hb_jnum(${x}), hb_jnum(${y})))`),
  series_greater: pairwise(compare('>')),
  series_greater_equals: pairwise(compare('>=')),
  series_less: pairwise(compare('<')),
  series_less_equals: pairwise(compare('<=')),
  series_equals: pairwise(compare('=')),
  series_not_equals: pairwise(compare('<>')),
  series_abs: elementwise(wholeOrReal('abs')),
  series_sign: elementwise(wholeOrReal('sign')),
  series_ceiling: elementwise((x) => `hb_jreal(ceil(hb_jnum(${x})))`),
  series_floor: elementwise((x) => `hb_jreal(floor(hb_jnum(${x})))`),
  series_exp: elementwise(viaMath('exp')),
  series_log: elementwise(viaMath('log')),
  series_sin: elementwise(viaMath('sin')),
  series_cos: elementwise(viaMath('cos')),
  series_tan: elementwise(viaMath('tan')),
  series_asin: elementwise(viaMath('asin')),
  series_acos: elementwise(viaMath('acos')),
  series_atan: elementwise(viaMath('atan')),
  series_sum: ([a], _t, call) => `COALESCE(list_sum(${strictNums(a!, call.fn)}), CASE WHEN ${arr(a!)} IS NOT NULL THEN 0.0 END)`,
  series_product: ([a], _t, call) => `COALESCE(list_product(${strictNums(a!, call.fn)}), CASE WHEN ${arr(a!)} IS NOT NULL THEN 1.0 END)`,
  series_magnitude: ([a], _t, call) =>
    `sqrt(COALESCE(list_sum(list_transform(${strictNums(a!, call.fn)}, _hb_v -> _hb_v * _hb_v)), CASE WHEN ${arr(a!)} IS NOT NULL THEN 0.0 END))`,
  series_dot_product: ([a, b], _t, call) => {
    const [x, y] = twoSeries(a!, b!, call.fn, call.pos);
    return `COALESCE(list_inner_product(${x}, ${y}), CASE WHEN ${x} IS NOT NULL THEN 0.0 END)`;
  },
  series_cosine_similarity: ([a, b], _t, call) => {
    const [x, y] = twoSeries(a!, b!, call.fn, call.pos);
    return `list_cosine_similarity(${x}, ${y})`;
  },
  series_pearson_correlation: ([a, b], _t, call) => {
    const [x, y] = twoSeries(a!, b!, call.fn, call.pos);
    return `hb_pearson(${x}, ${y})`;
  },
  series_stats_dynamic: ([a, ignore], _t, call) => statsBag(a!, ignore, call),
  // several columns in Kusto: the planner spreads the bag's members over them
  series_stats: ([a, ignore], _t, call) => statsBag(a!, ignore, call),
  series_fill_const: ([a, c, p]) => {
    const fill = c ? `CAST(${toDynamicSql(c.sql, c.type)} AS JSON)` : `to_json(0.0)`;
    const missing = p && !isNullLiteral(p.e) ? ` OR hb_json_eq(_hb_x, CAST(${toDynamicSql(p.sql, p.type)} AS JSON))` : '';
    return `to_json(list_transform(${arr(a!)}, _hb_x -> CASE WHEN _hb_x IS NULL OR json_type(_hb_x) = 'NULL'${missing} THEN ${fill} ELSE _hb_x END))`;
  },
  series_fill_forward: ([a, p], _t, call) => {
    defaultPlaceholder(p, call);
    return `hb_fill_forward(${arr(a!)})`;
  },
  series_fill_backward: ([a, p], _t, call) => {
    defaultPlaceholder(p, call);
    return `hb_fill_backward(${arr(a!)})`;
  },
};

/*
 * The model-fitting functions run as JavaScript UDFs (udf-impl/series.ts says how each follows
 * the documented algorithm and where it differs from Kusto). Functions that Kusto types as
 * several columns (series_fit_line, series_decompose, series_decompose_anomalies) give one bag
 * here; the planner spreads its members over the result columns.
 */
const seriesText = (a: Arg): string => `CAST(${a.sql} AS VARCHAR)`;
const optDouble = (a: Arg | undefined, dflt: string): string => (a && !isNullLiteral(a.e) ? `COALESCE(CAST(${a.sql} AS DOUBLE), ${dflt})` : dflt);
const optLong = (a: Arg | undefined, dflt: string): string => (a && !isNullLiteral(a.e) ? `COALESCE(CAST(${a.sql} AS BIGINT), ${dflt})` : dflt);
const optString = (a: Arg | undefined, dflt: string): string => (a && !isNullLiteral(a.e) ? `COALESCE(NULLIF(CAST(${a.sql} AS VARCHAR), ''), ${str(dflt)})` : str(dflt));
/** An optional number that may be null: (value, is_null) for the UDF (it never gets a constant NULL). */
const nullableDouble = (a: Arg | undefined, absentIsNull: boolean, dflt = '0.0'): string => {
  if (!a) return `${dflt}, ${absentIsNull ? 'TRUE' : 'FALSE'}`;
  if (isNullLiteral(a.e)) return `${dflt}, TRUE`;
  return `COALESCE(CAST(${a.sql} AS DOUBLE), ${dflt}), (${a.sql} IS NULL)`;
};
const asJson = (sql: string): string => `CAST(${sql} AS JSON)`;

Object.assign(seriesStatsFunctions, {
  series_fit_line: ([a]) => asJson(`hb_udf_series_fit_line(${seriesText(a!)})`),
  series_fit_line_dynamic: ([a]) => asJson(`hb_udf_series_fit_line(${seriesText(a!)})`),
  series_fill_linear: ([a, ph, edges, c]) => {
    const e = edges && !isNullLiteral(edges.e) ? `COALESCE(CAST(${edges.sql} AS BOOLEAN), TRUE)` : 'TRUE';
    return asJson(`hb_udf_series_fill_linear(${seriesText(a!)}, ${nullableDouble(ph, true)}, ${e}, ${nullableDouble(c, false)})`);
  },
  series_outliers: ([a, kind, ignore, lo, hi]) =>
    asJson(`hb_udf_series_outliers(${seriesText(a!)}, ${optString(kind, 'ctukey')}, ${nullableDouble(ignore, true)}, ${optDouble(lo, '10.0')}, ${optDouble(hi, '90.0')})`),
  series_decompose: ([a, seas, trend, tp, st]) =>
    asJson(`hb_udf_series_decompose(${seriesText(a!)}, ${optLong(seas, '-1')}, ${optString(trend, 'avg')}, ${optLong(tp, '0')}, ${optDouble(st, '0.6')})`),
  series_decompose_anomalies: ([a, th, seas, trend, tp, method, st]) =>
    asJson(`hb_udf_series_decompose_anomalies(${seriesText(a!)}, ${optDouble(th, '1.5')}, ${optLong(seas, '-1')}, ${optString(trend, 'avg')}, `
      + `${optLong(tp, '0')}, ${optString(method, 'ctukey')}, ${optDouble(st, '0.6')})`),
} satisfies Record<string, ScalarEmitter>);

/**
 * Refused: their algorithms (forecasting, two-line and polynomial fits, FFT, filters) are not
 * reproduced; series_periods_detect/validate because Kusto's period scores are not documented
 * well enough to reproduce (series_decompose's own detection is described in udf-impl/series.ts).
 */
for (const name of [
  'series_decompose_forecast', 'series_fit_2lines', 'series_fit_2lines_dynamic', 'series_fit_poly',
  'series_periods_detect', 'series_periods_validate', 'series_seasonal', 'series_fft', 'series_ifft',
  'series_fir', 'series_iir',
]) {
  seriesStatsFunctions[name] = (_a, _t, call) => { throw new UnsupportedFeature(`${name}()`, call.pos); };
}

export const SERIES_STATS_PRELUDE: readonly string[] = [
  // a JSON element as a number: numbers, and the "NaN"/"Infinity" strings Kusto writes for those; else NULL
  `CREATE OR REPLACE TEMP MACRO hb_jnum(x) AS
     CASE WHEN json_type(x) IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN CAST(x AS DOUBLE)
          WHEN json_type(x) = 'VARCHAR' AND json_extract_string(x, '$') IN ('NaN', 'Infinity', '-Infinity') THEN CAST(json_extract_string(x, '$') AS DOUBLE) END`,
  `CREATE OR REPLACE TEMP MACRO hb_jisint(x) AS COALESCE(json_type(x) IN ('BIGINT', 'UBIGINT'), FALSE)`,
  // a real as a JSON element: non-finite values as Kusto's strings
  `CREATE OR REPLACE TEMP MACRO hb_jreal(v) AS
     CASE WHEN v IS NULL THEN CAST(NULL AS JSON) WHEN isfinite(v) THEN to_json(v) ELSE to_json(hb_format_real(v)) END`,
  `CREATE OR REPLACE TEMP MACRO hb_dbls_strict(l, fn) AS
     CASE WHEN l IS NULL THEN NULL
          WHEN COALESCE(list_bool_or(list_transform(l, _hb_x -> hb_jnum(_hb_x) IS NULL)), FALSE)
            THEN error(fn || '() of an array with null or non-numeric elements is not supported')
          ELSE list_transform(l, _hb_x -> hb_jnum(_hb_x)) END`,
  `CREATE OR REPLACE TEMP MACRO hb_same_len(x, y, fn) AS
     CASE WHEN x IS NULL OR y IS NULL THEN NULL WHEN len(x) <> len(y)
          THEN error(fn || '() of arrays of different lengths is not supported') ELSE y END`,
  `CREATE OR REPLACE TEMP MACRO hb_pearson(x, y) AS
     CASE WHEN x IS NOT NULL AND y IS NOT NULL AND len(x) > 1 THEN
       list_sum(list_transform(list_zip(x, y), _hb_p -> (_hb_p[1] - list_avg(x)) * (_hb_p[2] - list_avg(y)))) /
       sqrt(list_sum(list_transform(x, _hb_v -> (_hb_v - list_avg(x)) * (_hb_v - list_avg(x)))) *
            list_sum(list_transform(y, _hb_v -> (_hb_v - list_avg(y)) * (_hb_v - list_avg(y))))) END`,
  // statistics of a DOUBLE list (NULL = not a number); non-finite values are skipped when asked,
  // else refused at run time
  `CREATE OR REPLACE TEMP MACRO hb_finite(l) AS list_filter(l, _hb_v -> isfinite(_hb_v))`,
  `CREATE OR REPLACE TEMP MACRO hb_series_stats(l, ign) AS
     CASE WHEN l IS NULL THEN CAST(NULL AS JSON)
          WHEN NOT ign AND COALESCE(list_bool_or(list_transform(l, _hb_v -> _hb_v IS NULL OR NOT isfinite(_hb_v))), FALSE)
            THEN error('series_stats_dynamic() of a series with null or non-finite values (pass ignore_nonfinite=true)')
          ELSE json_object(
            'min', hb_jreal(list_min(hb_finite(l))), 'min_idx', list_position(l, list_min(hb_finite(l))) - 1,
            'max', hb_jreal(list_max(hb_finite(l))), 'max_idx', list_position(l, list_max(hb_finite(l))) - 1,
            'avg', hb_jreal(list_avg(hb_finite(l))), 'stdev', hb_jreal(list_stddev_samp(hb_finite(l))),
            'variance', hb_jreal(list_var_samp(hb_finite(l))), 'sum', hb_jreal(COALESCE(list_sum(hb_finite(l)), 0.0)),
            'len', len(hb_finite(l))) END`,
  // gap filling: JSON nulls take the previous (next) non-null element; the ends stay null.
  // (List functions only: a correlated subquery would lose the row order.)
  `CREATE OR REPLACE TEMP MACRO hb_present(l) AS list_filter(l, _hb_x -> _hb_x IS NOT NULL AND json_type(_hb_x) <> 'NULL')`,
  `CREATE OR REPLACE TEMP MACRO hb_fill_forward(l) AS
     to_json(list_transform(range(len(l)), _i -> hb_present(list_slice(l, 1, _i + 1))[-1]))`,
  `CREATE OR REPLACE TEMP MACRO hb_fill_backward(l) AS
     to_json(list_transform(range(len(l)), _i -> hb_present(list_slice(l, _i + 1, len(l)))[1]))`,
];
