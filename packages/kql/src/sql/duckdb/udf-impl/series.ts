/**
 * The model-fitting series functions (series_fit_line, series_fill_linear, series_outliers,
 * series_decompose, series_decompose_anomalies and the period detection they use), as plain
 * JavaScript over JSON array text. Registered as DuckDB UDFs (../udfs.ts); every function takes
 * the JSON text of the series and returns JSON text.
 *
 * Elements: JSON numbers, and the strings "NaN" / "Infinity" / "-Infinity" Kusto writes for
 * non-finite reals, are numbers; anything else (null, strings, bags) is a missing value.
 *
 * Where the Kusto documentation states the algorithm, it is followed:
 * - series_fit_line: least squares over x = 1..n; variance is the sample variance of the input
 *   (n - 1), rvariance the residual sum of squares over n - 1 (both checked against the docs'
 *   example), rsquare = 1 - SSE / SST.
 * - series_fill_linear: linear interpolation between the nearest present neighbours; edges take
 *   the nearest present value (fill_edges) or stay; an all-missing array is filled with
 *   constant_value; an array of whole numbers stays whole (interpolated values truncated, as in
 *   the docs' example: 73.5 -> 73, 32.667 -> 32).
 * - series_outliers: Tukey's fences; the score of a value above the high percentile is
 *   (v - high) / (high - low), below the low percentile (v - low) / (high - low), else 0;
 *   'tukey' uses the 25th/75th percentiles, 'ctukey' min_percentile/max_percentile (10/90).
 * - series_decompose: seasonal = the median of the learning points of the same phase;
 *   trend = the average ('avg') or the least-squares line ('linefit') of the deseasonalised
 *   learning points, or 0 ('none'); baseline = seasonal + trend; residual = x - baseline.
 *   The last test_points points are left out of the learning and get the extrapolated baseline.
 * - series_decompose_anomalies: ad_score = series_outliers(residual, AD_method);
 *   ad_flag = +1 / -1 where ad_score > threshold / < -threshold, else 0.
 *
 * What differs from Kusto (its exact numerics are not documented):
 * - percentiles interpolate linearly between the closest ranks (Kusto does not say how);
 * - when high - low is 0 (a perfectly regular series, e.g. a clean seasonal pattern), the
 *   outlier scale falls back to the mean absolute deviation from the median, so that isolated
 *   spikes still score high and flat points score 0 (Kusto's behaviour there is not documented);
 * - period detection (Seasonality = -1) scores each whole lag p by the autocorrelation of the
 *   linearly detrended series at p (unbiased: sum over n - p pairs), keeps local maxima, prefers
 *   the shortest period whose multiples explain the longer peaks, and accepts the best one when
 *   its score exceeds Seasonality_threshold (0.6). Kusto's own detector (documented only as
 *   "series_periods_detect") gives different scores, e.g. 0.84 where this gives 0.96 for the
 *   docs' 14-point example; so series_periods_detect itself stays unsupported in queries.
 */

export type Num = number | null;

/** A parsed series: the numeric value of each element (null = missing) and whether every number is whole. */
export interface Series { readonly values: Num[]; readonly whole: boolean }

const NONFINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** JSON array text -> series; null when the text is not an array. */
export function parseSeries(text: string | null): Series | null {
  if (text === null) return null;
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { return null; }
  if (!Array.isArray(parsed)) return null;
  const values: Num[] = parsed.map((v) => (typeof v === 'number' ? v : typeof v === 'string' && v in NONFINITE ? NONFINITE[v]! : null));
  return { values, whole: values.some((v) => v !== null) && wholeNumberTokens(text) && values.every((v) => v === null || Number.isInteger(v)) };
}

/** True when no number token in the JSON text has a fraction or an exponent (111 vs 111.0). */
function wholeNumberTokens(text: string): boolean {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '.' || c === 'e' || c === 'E') return false;
  }
  return true;
}

/** A real as JSON: whole values keep a fraction (1.0), non-finite ones are Kusto's strings. */
export function realJson(v: Num): string {
  if (v === null) return 'null';
  if (Number.isNaN(v)) return '"NaN"';
  if (!Number.isFinite(v)) return v > 0 ? '"Infinity"' : '"-Infinity"';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return `${v}.0`;
  return String(v);
}
const wholeJson = (v: Num): string => (v === null ? 'null' : String(v));
const realsJson = (vs: readonly Num[]): string => `[${vs.map(realJson).join(',')}]`;

// ---------------------------------------------------------------------------------------------
// series_fit_line

export interface LineFit { rsquare: number; slope: number; variance: number; rvariance: number; interception: number; line_fit: number[] }

/** Least squares y = slope * x + interception over x = 1..n (missing values are left out of the fit). */
export function fitLine(values: readonly Num[]): LineFit {
  const n = values.length;
  const pts: [number, number][] = [];
  values.forEach((v, i) => { if (v !== null) pts.push([i + 1, v]); });
  const m = pts.length;
  if (m === 0) return { rsquare: NaN, slope: NaN, variance: NaN, rvariance: NaN, interception: NaN, line_fit: values.map(() => NaN) };
  const mx = pts.reduce((s, p) => s + p[0], 0) / m;
  const my = pts.reduce((s, p) => s + p[1], 0) / m;
  let sxx = 0, sxy = 0, syy = 0;
  for (const [x, y] of pts) { sxx += (x - mx) ** 2; sxy += (x - mx) * (y - my); syy += (y - my) ** 2; }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const interception = my - slope * mx;
  let sse = 0;
  for (const [x, y] of pts) sse += (y - (slope * x + interception)) ** 2;
  const dof = m > 1 ? m - 1 : 1;
  return {
    rsquare: syy === 0 ? (sse === 0 ? 1 : 0) : 1 - sse / syy,
    slope, variance: syy / dof, rvariance: sse / dof, interception,
    line_fit: Array.from({ length: n }, (_v, i) => slope * (i + 1) + interception),
  };
}

export function fitLineJson(text: string | null): string | null {
  const s = parseSeries(text);
  if (!s) return null;
  const f = fitLine(s.values);
  return `{"rsquare":${realJson(f.rsquare)},"slope":${realJson(f.slope)},"variance":${realJson(f.variance)},"rvariance":${realJson(f.rvariance)},`
    + `"interception":${realJson(f.interception)},"line_fit":${realsJson(f.line_fit)}}`;
}

// ---------------------------------------------------------------------------------------------
// series_fill_linear

/** `constant`: the fill of an all-missing array (null keeps the nulls). */
export function fillLinearJson(text: string | null, placeholder: number | null, fillEdges: boolean, constant: number | null): string | null {
  const s = parseSeries(text);
  if (!s) return null;
  const vals = s.values;
  const missing = (v: Num): boolean => v === null || (placeholder !== null && v === placeholder);
  const known: number[] = [];
  vals.forEach((v, i) => { if (!missing(v)) known.push(i); });
  if (known.length === 0) {
    return realsJson(vals.map(() => constant));
  }
  const out: Num[] = vals.slice();
  for (let k = 0; k < known.length; k++) {
    const a = known[k]!, b = known[k + 1];
    if (b === undefined) break;
    const va = vals[a]!, vb = vals[b]!;
    for (let i = a + 1; i < b; i++) {
      const v = va + ((vb - va) * (i - a)) / (b - a);
      out[i] = s.whole ? Math.trunc(v) : v;
    }
  }
  if (fillEdges) {
    const first = known[0]!, last = known[known.length - 1]!;
    for (let i = 0; i < first; i++) out[i] = vals[first]!;
    for (let i = last + 1; i < vals.length; i++) out[i] = vals[last]!;
  }
  return `[${out.map((v) => (s.whole ? wholeJson(v) : realJson(v))).join(',')}]`;
}

// ---------------------------------------------------------------------------------------------
// series_outliers

/** Percentile p (0..100) of sorted values, interpolating linearly between the closest ranks. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function median(vs: readonly number[]): number {
  return percentile([...vs].sort((a, b) => a - b), 50);
}

/** Tukey-fence scores; missing, non-finite and ignored values score 0. */
export function outliers(values: readonly Num[], kind: string, ignore: number | null, minPct: number, maxPct: number): number[] {
  const k = kind.toLowerCase();
  if (k !== 'tukey' && k !== 'ctukey') throw new Error(`series_outliers(): kind must be 'tukey' or 'ctukey', not '${kind}'`);
  if (k === 'ctukey' && !(minPct >= 2 && minPct <= 98 && maxPct >= 2 && maxPct <= 98 && minPct < maxPct)) {
    throw new Error('series_outliers(): min_percentile and max_percentile must be in [2, 98], min below max');
  }
  const use = (v: Num): v is number => v !== null && Number.isFinite(v) && (ignore === null || v !== ignore);
  const present = values.filter(use).sort((a, b) => a - b);
  if (present.length === 0) return values.map(() => 0);
  const [pl, ph] = k === 'tukey' ? [25, 75] : [minPct, maxPct];
  const lo = percentile(present, pl), hi = percentile(present, ph);
  let scale = hi - lo;
  if (!(scale > 0)) {
    // a perfectly regular series: scale by the mean absolute deviation from the median instead
    const med = percentile(present, 50);
    scale = present.reduce((s, v) => s + Math.abs(v - med), 0) / present.length;
  }
  return values.map((v) => {
    if (!use(v) || !(scale > 0)) return 0;
    if (v > hi) return (v - hi) / scale;
    if (v < lo) return (v - lo) / scale;
    return 0;
  });
}

export function outliersJson(text: string | null, kind: string | null, ignore: number | null, minPct: number | null, maxPct: number | null): string | null {
  const s = parseSeries(text);
  if (!s) return null;
  return realsJson(outliers(s.values, kind ?? 'ctukey', ignore, minPct ?? 10, maxPct ?? 90));
}

// ---------------------------------------------------------------------------------------------
// period detection

/** Unbiased autocorrelation of a centred series at each lag 0..maxLag. */
function autocorrelation(z: readonly number[], maxLag: number): number[] {
  const n = z.length;
  const var0 = z.reduce((s, v) => s + v * v, 0) / n;
  const r: number[] = [];
  for (let p = 0; p <= maxLag; p++) {
    let s = 0;
    for (let t = 0; t + p < n; t++) s += z[t]! * z[t + p]!;
    r.push(var0 > 0 && n - p > 0 ? s / (n - p) / var0 : 0);
  }
  return r;
}

/** Missing values filled with the mean, then the least-squares line removed. */
function detrended(values: readonly Num[]): number[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const mean = present.length ? present.reduce((s, v) => s + v, 0) / present.length : 0;
  const filled = values.map((v) => (v !== null && Number.isFinite(v) ? v : mean));
  const f = fitLine(filled);
  return filled.map((v, i) => v - f.line_fit[i]!);
}

/** The most significant whole periods in [minPeriod, maxPeriod] (at least 4 points, at most half the length), best first. */
export function detectPeriods(values: readonly Num[], minPeriod: number, maxPeriod: number, count: number): { period: number; score: number }[] {
  const n = values.length;
  const lo = Math.max(4, Math.ceil(minPeriod));
  const hi = Math.min(Math.floor(maxPeriod), Math.floor(n / 2));
  if (hi < lo || count <= 0) return [];
  const r = autocorrelation(detrended(values), Math.min(hi + 1, n - 1));
  const at = (p: number): number => (p >= 0 && p < r.length ? r[p]! : -Infinity);
  const peaks: number[] = [];
  for (let p = lo; p <= hi; p++) if (at(p) > 0 && at(p) >= at(p - 1) && at(p) >= at(p + 1)) peaks.push(p);
  const isPeak = new Set(peaks);
  peaks.sort((a, b) => at(b) - at(a) || a - b);
  const chosen: { period: number; score: number }[] = [];
  for (const p0 of peaks) {
    // a peak at p is also one at 2p, 3p ...: prefer the shortest divisor that scores nearly as well
    let p = p0;
    for (let k = Math.floor(p0 / lo); k >= 2; k--) {
      if (p0 % k === 0 && isPeak.has(p0 / k) && at(p0 / k) >= 0.9 * at(p0)) { p = p0 / k; break; }
    }
    if (chosen.some((c) => p % c.period === 0)) continue;
    chosen.push({ period: p, score: Math.min(1, at(p)) });
    if (chosen.length >= count) break;
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------
// series_decompose, series_decompose_anomalies

export interface Decomposition { baseline: Num[]; seasonal: Num[]; trend: Num[]; residual: Num[]; period: number }

export function decompose(values: readonly Num[], seasonality: number, trend: string, testPoints: number, seasonalityThreshold: number): Decomposition {
  const n = values.length;
  const t = trend.toLowerCase();
  if (t !== 'avg' && t !== 'linefit' && t !== 'none') throw new Error(`series_decompose(): Trend must be 'avg', 'linefit' or 'none', not '${trend}'`);
  if (!Number.isInteger(seasonality) || seasonality < -1) throw new Error('series_decompose(): Seasonality must be -1 (detect), 0 (none) or a positive number of bins');
  if (!Number.isInteger(testPoints) || testPoints < 0) throw new Error('series_decompose(): Test_points must be a whole number >= 0');
  const learn = Math.max(0, n - testPoints);
  const ok = (v: Num): v is number => v !== null && Number.isFinite(v);
  const training = values.slice(0, learn);

  let period = seasonality;
  if (period === -1) {
    const [best] = detectPeriods(training, 4, learn / 2, 1);
    period = best && best.score > seasonalityThreshold ? best.period : 0;
  }
  const seasonal: number[] = new Array<number>(n).fill(0);
  if (period > 0) {
    const phase: number[][] = Array.from({ length: period }, () => []);
    training.forEach((v, i) => { if (ok(v)) phase[i % period]!.push(v); });
    const med = phase.map((vs) => (vs.length ? median(vs) : 0));
    for (let i = 0; i < n; i++) seasonal[i] = med[i % period]!;
  }
  const deseason: Num[] = training.map((v, i) => (ok(v) ? v - seasonal[i]! : null));
  let trendOf: (i: number) => number = () => 0;
  if (t === 'avg') {
    const present = deseason.filter((v): v is number => v !== null);
    const avg = present.length ? present.reduce((s, v) => s + v, 0) / present.length : 0;
    trendOf = () => avg;
  } else if (t === 'linefit') {
    const f = fitLine(deseason);
    const slope = Number.isFinite(f.slope) ? f.slope : 0, icpt = Number.isFinite(f.interception) ? f.interception : 0;
    trendOf = (i) => slope * (i + 1) + icpt;
  }
  const trendArr = Array.from({ length: n }, (_v, i) => trendOf(i));
  const baseline = seasonal.map((s, i) => s + trendArr[i]!);
  const residual = values.map((v, i) => (ok(v) ? v - baseline[i]! : null));
  return { baseline, seasonal, trend: trendArr, residual, period };
}

interface DecomposeArgs { seasonality: number | bigint | null; trend: string | null; testPoints: number | bigint | null; seasonalityThreshold: number | null }
const decomposeWith = (values: readonly Num[], a: DecomposeArgs): Decomposition =>
  decompose(values, a.seasonality === null ? -1 : Number(a.seasonality), a.trend ?? 'avg', a.testPoints === null ? 0 : Number(a.testPoints), a.seasonalityThreshold ?? 0.6);

export function decomposeJson(text: string | null, a: DecomposeArgs): string | null {
  const s = parseSeries(text);
  if (!s) return null;
  const d = decomposeWith(s.values, a);
  return `{"baseline":${realsJson(d.baseline)},"seasonal":${realsJson(d.seasonal)},"trend":${realsJson(d.trend)},"residual":${realsJson(d.residual)}}`;
}

export function anomalies(values: readonly Num[], threshold: number, a: DecomposeArgs, method: string): { flag: number[]; score: number[]; baseline: Num[] } {
  const m = method.toLowerCase();
  if (m !== 'ctukey' && m !== 'tukey') throw new Error(`series_decompose_anomalies(): AD_method must be 'ctukey' or 'tukey', not '${method}'`);
  const d = decomposeWith(values, a);
  const score = outliers(d.residual, m, null, 10, 90);
  const flag = score.map((s) => (s > threshold ? 1 : s < -threshold ? -1 : 0));
  return { flag, score, baseline: d.baseline };
}

export function anomaliesJson(text: string | null, threshold: number | null, a: DecomposeArgs, method: string | null): string | null {
  const s = parseSeries(text);
  if (!s) return null;
  const r = anomalies(s.values, threshold ?? 1.5, a, method ?? 'ctukey');
  return `{"ad_flag":[${r.flag.join(',')}],"ad_score":${realsJson(r.score)},"baseline":${realsJson(r.baseline)}}`;
}
