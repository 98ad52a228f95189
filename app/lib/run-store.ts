// Folds the worker's event stream into what the run panel shows. A fast
// backend can log hundreds of steps a second; React re-renders at most once per
// animation frame, and the loss series is an append-only buffer the chart reads
// directly instead of an immutable array copied on every point.
import type { GraphIssue } from '../../engine/types';
import type { BackendName, DoneEvent, ImagesEvent, RunState, TrainEvent } from '../../workers/protocol';

export interface RunSnapshot {
  runId: number;
  state: RunState;
  backend: BackendName | null;
  skipped: string[];
  step: number;
  totalSteps: number;
  stepsPerSec: number | null;
  wallMs: number;
  latest: Record<string, number>;
  images: ImagesEvent | null;
  /** Problems the worker found (compile errors, divergence); shown on the nodes. */
  issues: GraphIssue[];
  error: string | null;
  done: DoneEvent | null;
  /** Bumped whenever the loss series grew. */
  seriesVersion: number;
}

const IDLE: RunSnapshot = {
  runId: 0,
  state: 'idle',
  backend: null,
  skipped: [],
  step: 0,
  totalSteps: 0,
  stepsPerSec: null,
  wallMs: 0,
  latest: {},
  images: null,
  issues: [],
  error: null,
  done: null,
  seriesVersion: 0,
};

/** Loss curves, one column per key; a key that appears late gets nulls before it. */
export class LossSeries {
  steps: number[] = [];
  keys: string[] = [];
  columns = new Map<string, (number | null)[]>();

  push(step: number, values: Record<string, number>) {
    for (const k of Object.keys(values)) {
      if (!this.columns.has(k)) {
        this.keys.push(k);
        this.columns.set(k, new Array<number | null>(this.steps.length).fill(null));
      }
    }
    this.steps.push(step);
    for (const k of this.keys) {
      const v = values[k];
      this.columns.get(k)!.push(typeof v === 'number' && Number.isFinite(v) ? v : null);
    }
  }

  get length(): number {
    return this.steps.length;
  }
}

/** Loss keys plus per-phase totals; totals only add information when several terms are summed. */
export function seriesValues(losses: Record<string, number>, totals: Record<string, number>): Record<string, number> {
  const out = { ...losses };
  if (Object.keys(losses).length > 1) for (const [phase, v] of Object.entries(totals)) out[`total:${phase}`] = v;
  return out;
}

export class RunStore {
  private snap: RunSnapshot = IDLE;
  private next: RunSnapshot = IDLE;
  private listeners = new Set<() => void>();
  private frame: number | null = null;
  series = new LossSeries();

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): RunSnapshot => this.snap;

  getServerSnapshot = (): RunSnapshot => IDLE;

  private update(patch: Partial<RunSnapshot>, now = false) {
    this.next = { ...this.next, ...patch };
    if (now) {
      this.publish();
      return;
    }
    if (this.frame === null) {
      this.frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => this.publish()) : (setTimeout(() => this.publish(), 16) as unknown as number);
    }
  }

  private publish() {
    if (this.frame !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.frame);
    this.frame = null;
    if (this.snap === this.next) return;
    this.snap = this.next;
    for (const l of this.listeners) l();
  }

  start(totalSteps: number) {
    this.series = new LossSeries();
    this.next = { ...IDLE, runId: this.snap.runId + 1, state: 'compiling', totalSteps };
    this.publish();
  }

  handle = (e: TrainEvent) => {
    switch (e.type) {
      case 'backend':
        this.update({ backend: e.backend, skipped: e.skipped });
        break;
      case 'state':
        this.update({ state: e.state });
        break;
      case 'metrics': {
        const values = seriesValues(e.losses, e.totals);
        this.series.push(e.step, values);
        this.update({ step: e.step, stepsPerSec: e.stepsPerSec, wallMs: e.wallMs, latest: values, seriesVersion: this.next.seriesVersion + 1 });
        break;
      }
      case 'images':
        this.update({ images: e });
        break;
      case 'issues':
        this.update({ issues: e.issues });
        break;
      case 'done':
        this.update(
          {
            state: e.state,
            done: e,
            backend: e.backend,
            step: Math.max(this.next.step, e.steps),
            stepsPerSec: e.stepsPerSec,
            wallMs: e.wallMs,
            error: e.error ?? (e.state === 'failed' ? 'the run failed' : null),
          },
          true,
        );
        break;
    }
  };

  /** The worker could not be reached or died: the run is over whatever it last said. */
  fail(message: string) {
    this.update({ state: 'failed', error: message }, true);
  }

  /** train() resolved without a done event: treat the run as ended, not running for ever. */
  settle() {
    const s = this.next.state;
    if (s === 'compiling' || s === 'running' || s === 'paused') this.update({ state: 'stopped' }, true);
  }

  clearIssues() {
    if (this.next.issues.length) this.update({ issues: [] }, true);
  }
}

export function isActive(state: RunState): boolean {
  return state === 'compiling' || state === 'running' || state === 'paused';
}
