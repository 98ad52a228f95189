// Keeps one run's events as a RunRecord: what each event means is fold.ts's
// (shared with the dock's live store); this file decides how much of it a record
// keeps (caps, thinning, rounding). Pure (no timers, no storage): the live saver
// decides when to write, the tests feed events by hand.
import type { Graph } from '../../../engine/graph';
import type { TrainEvent } from '../../../workers/protocol';
import { appendRow, finite, foldEvent, PER_DIM_STD_MAX, round4, type RunFoldTarget } from './fold';
import { RUN_VERSION, type LatentSnapshot, type MetricSeries, type RunRecord, type RunStatus } from './record';

/** Caps that keep a record small however long the run: past them, series are thinned. */
export const LIMITS = {
  /** Logged steps kept per run; past it every other point is dropped (the last one stays). */
  metricPoints: 2000,
  /** Points per latent snapshot (the monitors send 1,000; more are subsampled evenly). */
  latentPoints: 1000,
  /** Latent snapshots per run; past it every other one is dropped (first and last stay). */
  latentSnapshots: 120,
  collapsePoints: 240,
  evalPoints: 240,
  perDimStd: PER_DIM_STD_MAX,
};

/** The indices kept when every other element is dropped; the last one always stays. */
export function halveIndices(n: number): number[] {
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (i % 2 === 0 || i === n - 1) keep.push(i);
  return keep;
}

export function decimateSeries(s: MetricSeries, max: number): void {
  while (s.step.length > max) {
    const keep = halveIndices(s.step.length);
    s.step = keep.map((i) => s.step[i]);
    s.wallMs = keep.map((i) => s.wallMs[i]);
    for (const k of Object.keys(s.values)) {
      const col = s.values[k];
      s.values[k] = keep.map((i) => col[i]);
    }
  }
}

/** Thins a list of snapshots, keeping the first and the last. */
export function thin<T>(list: T[], max: number): T[] {
  let out = list;
  while (out.length > max) out = halveIndices(out.length).map((i) => out[i]);
  return out;
}

/** At most `max` points, evenly spaced through the list (deterministic: same rows every snapshot). */
export function subsampleLatent(points: ArrayLike<number>, labels: ArrayLike<number>, max: number): { points: number[]; labels: number[] } {
  const n = labels.length;
  const take = Math.min(n, max);
  const outP = new Array<number>(take * 2);
  const outL = new Array<number>(take);
  for (let j = 0; j < take; j++) {
    const i = take === n ? j : Math.floor((j * n) / take);
    outP[2 * j] = round4(points[2 * i]);
    outP[2 * j + 1] = round4(points[2 * i + 1]);
    outL[j] = labels[i];
  }
  return { points: outP, labels: outL };
}

/** Replaces the entry at the same step (a probe change re-sends a snapshot), else appends in step order. */
function upsert<T extends { step: number }>(list: T[], item: T): T[] {
  const i = list.findIndex((x) => x.step === item.step);
  if (i >= 0) {
    const out = list.slice();
    out[i] = item;
    return out;
  }
  const out = [...list, item];
  if (out.length > 1 && out[out.length - 2].step > item.step) out.sort((a, b) => a.step - b.step);
  return out;
}

export interface RunInit {
  id: string;
  name: string;
  graph: Graph;
  backendChoice: string;
  stepBudget: number;
  startedAt: number;
  preset?: string | null;
  tags?: string[];
}

export function newRecord(init: RunInit): RunRecord {
  return {
    version: RUN_VERSION,
    id: init.id,
    name: init.name,
    tags: init.tags ?? [],
    graph: structuredClone(init.graph),
    graphName: init.graph.meta.name,
    preset: init.preset ?? null,
    seed: init.graph.meta.seed,
    backendChoice: init.backendChoice,
    backend: null,
    skipped: [],
    stepBudget: init.stepBudget,
    stepsDone: 0,
    startedAt: init.startedAt,
    endedAt: null,
    savedAt: init.startedAt,
    status: 'running',
    error: null,
    metrics: { step: [], wallMs: [], values: {} },
    evals: [],
    latents: [],
    collapses: [],
    result: null,
  };
}

export function isEnded(status: RunStatus): boolean {
  return status !== 'running';
}

export class RunRecorder {
  readonly record: RunRecord;
  /** Bumped on every change, so a saver can tell whether there is anything to write. */
  revision = 0;

  constructor(
    init: RunInit,
    private now: () => number = Date.now,
  ) {
    this.record = newRecord(init);
  }

  get ended(): boolean {
    return isEnded(this.record.status);
  }

  /** Returns true when the event changed the record. */
  handle(e: TrainEvent): boolean {
    if (this.ended || !foldEvent(e, this.keep)) return false;
    this.revision++;
    return true;
  }

  /** What the record keeps of each event (no state changes and no live-only views). */
  private readonly keep: RunFoldTarget = {
    backend: (backend, skipped) => {
      this.record.backend = backend;
      this.record.skipped = [...skipped];
    },
    metrics: (e, columns) => {
      const r = this.record;
      appendRow(r.metrics, e.step, e.wallMs, columns);
      decimateSeries(r.metrics, LIMITS.metricPoints);
      r.stepsDone = Math.max(r.stepsDone, e.step);
    },
    eval: (_e, point) => {
      this.record.evals = thin(upsert(this.record.evals, point), LIMITS.evalPoints);
    },
    latent: (e) => {
      const { points, labels } = subsampleLatent(e.points, e.labels, LIMITS.latentPoints);
      const snap: LatentSnapshot = { step: e.step, source: e.source, method: e.method, points, labels, explained: e.explained ? [round4(e.explained[0]), round4(e.explained[1])] : null };
      this.record.latents = thin(upsert(this.record.latents, snap), LIMITS.latentSnapshots);
    },
    collapse: (_e, point) => {
      this.record.collapses = thin(upsert(this.record.collapses, point), LIMITS.collapsePoints);
    },
    done: (e, { status, error }) => {
      const r = this.record;
      r.status = status;
      r.error = error;
      r.backend = e.backend ?? r.backend;
      r.stepsDone = Math.max(r.stepsDone, e.steps);
      r.endedAt = this.now();
      r.result = { steps: e.steps, wallMs: Math.max(0, e.wallMs), stepsPerSec: Math.max(0, finite(e.stepsPerSec) ?? 0), final: Object.fromEntries(Object.entries(e.final).map(([k, v]) => [k, finite(v)])), numTensors: e.numTensors };
    },
  };

  /** A rename or retag while the run trains: the live record is the one that keeps being written. */
  update(p: Partial<Pick<RunRecord, 'name' | 'tags'>>): void {
    Object.assign(this.record, p);
    this.revision++;
  }

  /** The worker went away (crash, train() rejected) or resolved without a done event. */
  end(error: string | null): void {
    if (this.ended) return;
    const r = this.record;
    r.status = error ? 'failed' : 'stopped';
    r.error = error;
    r.endedAt = this.now();
    this.revision++;
  }
}
