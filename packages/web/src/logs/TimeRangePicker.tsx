/** The Logs tab's time range: presets, a custom range (UTC), or "set in query" (timerange.ts). */
import { PRESETS, type TimeRange } from './timerange.ts';

export function TimeRangePicker({ value, onChange }: { value: TimeRange; onChange: (r: TimeRange) => void }) {
  const selected = value.kind === 'preset' ? value.duration : value.kind;
  const now = new Date();
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const local = (d: Date) => d.toISOString().slice(0, 16);
  return (
    <span className="time-range">
      <label>Time range{' '}
        <select data-testid="logs-time-range" value={selected} onChange={(e) => {
          const v = e.target.value;
          if (v === 'none') onChange({ kind: 'none' });
          else if (v === 'custom') onChange({ kind: 'custom', start: value.kind === 'custom' ? value.start : local(hourAgo), end: value.kind === 'custom' ? value.end : local(now) });
          else onChange({ kind: 'preset', duration: v });
        }}>
          {PRESETS.map((p) => <option key={p.duration} value={p.duration}>{p.label}</option>)}
          <option value="custom">Custom (UTC)…</option>
          <option value="none">Set in query</option>
        </select>
      </label>
      {value.kind === 'custom' && <>
        <input type="datetime-local" aria-label="from (UTC)" data-testid="logs-time-from" value={value.start} onChange={(e) => onChange({ ...value, start: e.target.value })} />
        <span>to</span>
        <input type="datetime-local" aria-label="to (UTC)" data-testid="logs-time-to" value={value.end} onChange={(e) => onChange({ ...value, end: e.target.value })} />
      </>}
    </span>
  );
}
