/** A chart whose drawing code (vega, vega-lite, vega-embed: most of the bundle) loads only when a chart is first shown. */
import { lazy, Suspense } from 'react';

const VegaChart = lazy(() => import('./VegaChart.tsx').then((m) => ({ default: m.VegaChart })));

export function Chart({ spec }: { spec: unknown }) {
  return (
    <Suspense fallback={<div className="chart-output muted">loading the chart…</div>}>
      <VegaChart spec={spec} />
    </Suspense>
  );
}
