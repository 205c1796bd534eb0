/**
 * Time layout: rows of a table are spread over [end - days, end) following a
 * daily/weekly activity profile, and are monotone in the row index (so the
 * data lands in time order, like real ingestion). A quantile table maps a
 * row's position i/n to a time by inverting the profile's CDF.
 */
import { makeDim, type Dim } from './sql.ts';

export type Profile = 'flat' | 'office' | 'mixed';

/** HQ local time offset used for the working day (Chicago, UTC-6). */
const TZ = -6;
const QUANTILES = 8192;

function hourWeight(profile: Profile, localHour: number, weekday: number): number {
  if (profile === 'flat') return 1;
  const weekend = weekday === 0 || weekday === 6;
  let w: number;
  if (weekend) w = 1;
  else if (localHour >= 8 && localHour < 18) w = localHour === 12 ? 7 : 10;
  else if (localHour === 7 || localHour === 18 || localHour === 19) w = 5;
  else if (localHour >= 20 && localHour < 23) w = 2;
  else w = 0.7;
  return profile === 'office' ? w : 2 + w;
}

/**
 * Quantile dimension: q_idx 0..Q-1 with q_t0 (seconds after the window start)
 * and q_dt (seconds to the next quantile).
 */
export function quantileDim(prefix: string, profile: Profile, startMs: number, days: number): Dim {
  const hours = Math.max(1, Math.round(days * 24));
  const spanSec = days * 86400;
  const w: number[] = [];
  for (let b = 0; b < hours; b++) {
    const local = new Date(startMs + b * 3600_000 + TZ * 3600_000);
    w.push(hourWeight(profile, local.getUTCHours(), local.getUTCDay()));
  }
  const total = w.reduce((a, b) => a + b, 0);
  const bucketSec = spanSec / hours;
  // inverse CDF of the piecewise-constant density
  const at = (p: number): number => {
    let target = p * total;
    for (let b = 0; b < hours; b++) {
      if (target <= w[b]! || b === hours - 1) return b * bucketSec + Math.min(1, target / w[b]!) * bucketSec;
      target -= w[b]!;
    }
    return spanSec;
  };
  const rows = [];
  let prev = at(0);
  for (let q = 0; q < QUANTILES; q++) {
    const next = at((q + 1) / QUANTILES);
    rows.push({ t0: prev, dt: next - prev });
    prev = next;
  }
  return makeDim(prefix, rows);
}

export const QUANTILE_COUNT = QUANTILES;

/** Default newest TimeGenerated (exclusive) of the sample data. */
export const DEFAULT_END = new Date('2026-01-01T00:00:00Z');
