/**
 * A Vega-Lite spec as a static SVG string, for the HTML report: vega-lite compiles it, Vega draws
 * it headless (`view.toSVG()`) with the expression interpreter (no code compiled from the spec,
 * so it also runs under the app's Content-Security-Policy) and a loader that refuses every URL
 * (a spec's data must be inline: a report loads nothing). Works in the browser and in Node.
 */
import { View, parse, loader as vegaLoader } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';

/** A loader that never fetches: a chart in a report draws only the data written into it. */
function offlineLoader() {
  const l = vegaLoader();
  const refuse = (uri: string) => Promise.reject(new Error(`the chart asks for '${uri}'; a report loads no URL`));
  l.load = refuse;
  l.sanitize = (uri: string) => refuse(uri);
  return l;
}

/** The first `url` a Vega spec would load (data, images), or undefined. */
function urlIn(v: unknown): string | undefined {
  if (Array.isArray(v)) {
    for (const x of v) { const u = urlIn(x); if (u !== undefined) return u; }
  } else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'url' && typeof x === 'string') return x;
      const u = urlIn(x);
      if (u !== undefined) return u;
    }
  }
  return undefined;
}

/** The SVG of a Vega-Lite spec; rejects (with what failed) when it cannot be drawn. */
export async function vegaLiteToSvg(spec: unknown): Promise<string> {
  if (typeof spec !== 'object' || spec === null) throw new Error('the chart is not a Vega-Lite spec (an object)');
  const vg = compile(spec as TopLevelSpec).spec;
  // Vega only logs a failed load and draws an empty chart: refuse up front instead
  const url = urlIn(vg);
  if (url !== undefined) throw new Error(`the chart asks for '${url}'; a report loads no URL`);
  const view = new View(parse(vg, undefined, { ast: true }), { renderer: 'none', loader: offlineLoader(), expr: expressionInterpreter });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
