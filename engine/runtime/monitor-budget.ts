// The views (image grids, collapse, node statistics, energy, attention, latent
// plot) and the periodic evaluation run between training steps. On a fast
// graph, or with wide embeddings, they could take most of a run's time: here
// they get at most a share of it. Past that share a refresh is skipped until
// training catches up (the run's last refresh always happens), and the run says
// so once. Each pass is also split into parts with a look at Stop between them.
import type { GraphIssue } from '../types';

/** Monitors may take at most this fraction of the time spent training (so at most a third of the run). */
export const MONITOR_SHARE = 0.5;
/** Below this much monitor time in a run nothing is skipped: short runs (a lesson's few steps) show every refresh. */
export const MONITOR_FLOOR_MS = 15_000;

export class MonitorBudget {
  private spentMs = 0;
  private readonly startMs: number;
  private skipped = 0;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly floorMs = MONITOR_FLOOR_MS,
  ) {
    this.startMs = now();
  }

  /** Time spent in monitor passes so far (ms). */
  get spent(): number {
    return this.spentMs;
  }

  /** Whether a (non-final) pass may run now; counts the ones it refuses. */
  allows(): boolean {
    const training = this.now() - this.startMs - this.spentMs;
    if (this.spentMs < this.floorMs || this.spentMs <= MONITOR_SHARE * training) return true;
    this.skipped++;
    return false;
  }

  /** True exactly once: when the first pass was skipped (the moment to tell the user). */
  get justCapped(): boolean {
    return this.skipped === 1;
  }

  async time<T>(fn: () => Promise<T>): Promise<T> {
    const t = this.now();
    try {
      return await fn();
    } finally {
      this.spentMs += this.now() - t;
    }
  }

  /** The run-level warning shown in the run panel when refreshes start being skipped. */
  notice(): GraphIssue {
    const total = (this.now() - this.startMs) / 1000;
    return {
      code: 'slow',
      severity: 'warning',
      nodeIds: [],
      message: `The views and evaluation took ${(this.spentMs / 1000).toFixed(1)} s of the run's ${total.toFixed(1)} s, more than a third: some of their refreshes are now skipped so training keeps its pace (the last one always runs). Fewer views open, a smaller latent or a larger "images every" make them cheaper.`,
    };
  }
}
