/**
 * Shared by the render-*.test.ts files: small hunting results (failed logons per hour, top
 * accounts, make-series, an anomaly series, sign-in locations) and the checks every spec must
 * pass: vega-lite 5's compile() without warnings, Vega's own renderer drawing it to SVG, and
 * no URL anywhere but $schema.
 */
import assert from 'node:assert/strict';
import { compile } from 'vega-lite';
import * as vega from 'vega';
import type { RenderInfo, ResultColumn } from '../src/types.ts';

export type Spec = Record<string, unknown>;

/** A render object as the Log Analytics API sends it: every key, nulls and 'NaN' where unset. */
export function render(visualization: string | null, props: Partial<RenderInfo> = {}): RenderInfo {
  return {
    visualization, title: null, xColumn: null, series: null, yColumns: null, anomalyColumns: null, xTitle: null, yTitle: null,
    xAxis: null, yAxis: null, legend: null, ySplit: null, accumulate: false, kind: null, yMin: 'NaN', yMax: 'NaN', xMin: null, xMax: null,
    ...props,
  };
}

export interface Result { columns: ResultColumn[]; rows: unknown[][] }

/** SigninLogs | where ResultType != 0 | summarize FailedLogons=count() by bin(TimeGenerated, 1h), Computer */
export const failedPerHour: Result = {
  columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Computer', type: 'string' }, { name: 'FailedLogons', type: 'long' }],
  rows: [
    ['2024-03-01T00:00:00Z', 'DC01', 4], ['2024-03-01T00:00:00Z', 'WS17', 1],
    ['2024-03-01T01:00:00.1234567Z', 'DC01', 9], ['2024-03-01T01:00:00Z', 'WS17', 3],
    ['2024-03-01T02:00:00Z', 'DC01', 57], ['2024-03-01T02:00:00Z', 'WS17', 2],
  ],
};

/** SecurityEvent | where EventID == 4625 | summarize Failures=count(), Hosts=dcount(Computer) by TargetAccount | top 4 by Failures */
export const topAccounts: Result = {
  columns: [{ name: 'TargetAccount', type: 'string' }, { name: 'Failures', type: 'long' }, { name: 'Hosts', type: 'long' }],
  rows: [['CONTOSO\\admin', 120, 14], ['CONTOSO\\svc_sql', 64, 2], ['CONTOSO\\jdoe', 12, 1], ['', 5, 1]],
};

const hours = ['2024-03-01T00:00:00.0000000Z', '2024-03-01T01:00:00.0000000Z', '2024-03-01T02:00:00.0000000Z', '2024-03-01T03:00:00.0000000Z'];

/** SigninLogs | make-series Logons=count() default=0 on TimeGenerated step 1h by UserPrincipalName — dynamic cells as JSON text, as the Log Analytics API sends them */
export const logonSeries: Result = {
  columns: [{ name: 'UserPrincipalName', type: 'string' }, { name: 'Logons', type: 'dynamic' }, { name: 'TimeGenerated', type: 'dynamic' }],
  rows: [
    ['alice@contoso.com', JSON.stringify([2, 3, 40, 1]), JSON.stringify(hours)],
    ['bob@contoso.com', JSON.stringify([0, 1, 0, 2]), JSON.stringify(hours)],
  ],
};

/** ... | extend (anomalies, score, baseline) = series_decompose_anomalies(Logons) — arrays as parsed values */
export const anomalySeries: Result = {
  columns: [
    { name: 'TimeGenerated', type: 'dynamic' }, { name: 'Logons', type: 'dynamic' },
    { name: 'anomalies', type: 'dynamic' }, { name: 'baseline', type: 'dynamic' },
  ],
  rows: [[hours, [5, 6, 90, 5], [0, 0, 1, 0], [5, 5.5, 6, 5]]],
};

/** SigninLogs | summarize SignIns=count() by UserPrincipalName, Latitude, Longitude */
export const signInLocations: Result = {
  columns: [
    { name: 'UserPrincipalName', type: 'string' }, { name: 'Latitude', type: 'real' },
    { name: 'Longitude', type: 'real' }, { name: 'SignIns', type: 'long' },
  ],
  rows: [
    ['alice@contoso.com', 47.61, -122.33, 40], ['alice@contoso.com', 55.75, 37.62, 3],
    ['bob@contoso.com', 51.51, -0.13, 12], ['bob@contoso.com', null, null, 1],
  ],
};

/** The spec compiles with vega-lite 5 without a warning; returns the Vega spec. */
export function compiles(spec: Spec | undefined): vega.Spec {
  assert.ok(spec, 'a spec was expected');
  assert.equal(spec.$schema, 'https://vega.github.io/schema/vega-lite/v5.json');
  const warnings: string[] = [];
  const logger = {
    level(): never { throw new Error('not used'); },
    error: (...a: unknown[]) => { warnings.push(`error: ${a.join(' ')}`); return logger; },
    warn: (...a: unknown[]) => { warnings.push(`warn: ${a.join(' ')}`); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  const out = compile(spec as never, { logger: logger as never });
  assert.deepEqual(warnings, [], 'vega-lite compile() warned');
  return out.spec as vega.Spec;
}

/** The spec drawn by Vega itself (no browser, no network: any data loading would fail) as SVG. */
export async function drawn(spec: Spec | undefined): Promise<string> {
  const view = new vega.View(vega.parse(compiles(spec)), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** How many marks of a kind ("line mark", "bar", "circle" ...) an SVG of drawn() holds. */
export function marks(svg: string, roledescription: string): number {
  return svg.split(`aria-roledescription="${roledescription}"`).length - 1;
}

/** Nothing in the spec but $schema names a URL: data is inline. */
export function assertNoUrls(spec: Spec | undefined): void {
  assert.ok(spec);
  const { $schema: _schema, ...rest } = spec;
  const text = JSON.stringify(rest);
  assert.doesNotMatch(text, /[a-z][a-z0-9+.-]*:\/\//i, 'a URL in the spec');
  assert.doesNotMatch(text, /"url"\s*:/, 'a url property in the spec');
}

/** The inline values of a spec (top level data). */
export function values(spec: Spec | undefined): Spec[] {
  return ((spec?.data as Spec).values as Spec[]);
}

/** The encoding of a single-view spec. */
export function encoding(spec: Spec | undefined): Record<string, Spec> {
  return spec?.encoding as Record<string, Spec>;
}
