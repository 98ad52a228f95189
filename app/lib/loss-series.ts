// The loss curves the dock draws: an append-only columnar series (the run
// record's MetricSeries, filled by the same appendRow) plus the seconds since the
// start of each point, for the time axis. The chart reads the columns in place
// instead of an immutable copy per point.
import { appendRow } from './runs/fold';
import type { MetricSeries } from './runs/record';

/** Loss curves, one column per key; a key that appears late gets nulls before it. */
export class LossSeries {
  readonly data: MetricSeries = { step: [], wallMs: [], values: {} };
  /** Seconds since the run started, per point (for the time axis). */
  seconds: number[] = [];
  /** Column keys in the order they first appeared. */
  keys: string[] = [];
  columns = new Map<string, (number | null)[]>();

  push(step: number, values: Record<string, number | null>, seconds = 0) {
    appendRow(this.data, step, seconds * 1000, values);
    this.seconds.push(seconds);
    for (const [k, col] of Object.entries(this.data.values)) {
      if (this.columns.has(k)) continue;
      this.keys.push(k);
      this.columns.set(k, col);
    }
  }

  get steps(): number[] {
    return this.data.step;
  }

  get length(): number {
    return this.data.step.length;
  }
}
