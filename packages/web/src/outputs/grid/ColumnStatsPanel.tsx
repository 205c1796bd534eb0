/** The statistics of one column of the grid's shown rows (stats.ts): counts, min/max, top values. */
import { useMemo } from 'react';
import { columnStats } from './stats.ts';
import { cellText } from './values.ts';
import type { KqlResultOutput } from './types.ts';

export function ColumnStatsPanel({ result, column, indexes, onClose }: { result: KqlResultOutput; column: number; indexes: readonly number[]; onClose: () => void }) {
  const s = useMemo(() => columnStats(result.rows, result.columns, column, { indexes, top: 10 }), [result, column, indexes]);
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    <div className="grid-stats" data-testid="grid-stats">
      <div className="grid-detail-head"><strong>{s.column}</strong> <span className="muted">{s.type}</span> <button className="link" onClick={onClose}>close</button></div>
      <dl>
        <dt>rows</dt><dd>{n(s.rows)}</dd>
        <dt>values</dt><dd data-testid="stat-count">{n(s.count)}</dd>
        <dt>distinct</dt><dd data-testid="stat-distinct">{n(s.distinct)}</dd>
        <dt>nulls</dt><dd>{n(s.nulls)}</dd>
        <dt>empty</dt><dd>{n(s.empties)}</dd>
        <dt>min</dt><dd>{cellText(s.min)}</dd>
        <dt>max</dt><dd>{cellText(s.max)}</dd>
      </dl>
      <table className="grid-top">
        <thead><tr><th>top values</th><th>count</th></tr></thead>
        <tbody>{s.top.map((t, i) => <tr key={i}><td>{t.text === '' ? <em>(empty)</em> : t.text}</td><td>{n(t.count)}</td></tr>)}</tbody>
      </table>
    </div>
  );
}
