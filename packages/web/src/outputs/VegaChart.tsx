/// <reference lib="dom" />
/**
 * A Vega-Lite (or Vega) spec drawn with vega-embed: SVG, no action menu, expressions evaluated by
 * vega-interpreter (never compiled into functions in the app's origin), and a loader that refuses
 * every URL, so a chart shows only the data inlined in its spec and loads nothing.
 */
import { useEffect, useRef, useState } from 'react';
import embed, { type VisualizationSpec } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { loader as vegaLoader } from 'vega';

function offlineLoader() {
  const l = vegaLoader();
  const refuse = async (uri: string) => { throw new Error(`charts load nothing from the network or disk (the spec asked for '${uri}'): inline the data`); };
  l.load = refuse;
  l.sanitize = refuse as unknown as typeof l.sanitize;
  l.http = refuse as unknown as typeof l.http;
  l.file = refuse as unknown as typeof l.file;
  return l;
}

export function VegaChart({ spec }: { spec: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let finalize: (() => void) | undefined;
    let cancelled = false;
    setError(undefined);
    embed(el, spec as VisualizationSpec, { renderer: 'svg', actions: false, ast: true, expr: expressionInterpreter, loader: offlineLoader() }).then(
      (r) => { if (cancelled) r.finalize(); else finalize = () => r.finalize(); },
      (e: Error) => { if (!cancelled) setError(`the chart cannot be drawn: ${e.message}`); },
    );
    return () => { cancelled = true; finalize?.(); };
  }, [spec]);
  return (
    <div className="chart-output" data-testid="chart">
      <div ref={ref} />
      {error && <div className="error">{error}</div>}
    </div>
  );
}
