// Folds the worker's event stream into what the run panel and the training
// views show. Events can arrive hundreds of times a second on a fast backend,
// so nothing here renders: events are folded into plain data at once, and a
// new immutable snapshot is published at most ~10 times a second (aligned to
// an animation frame). Each view subscribes to its own field of the snapshot
// (see use-run.ts), so a loss point re-renders the loss chart, not the studio.
// The loss series is an append-only buffer the chart reads directly instead of
// an immutable array copied on every point.
import type { Graph } from '../../engine/graph';
import type { GraphIssue } from '../../engine/types';
import type {
  AttentionEvent,
  BackendName,
  CollapseEvent,
  DoneEvent,
  EmbeddingsEvent,
  EnergyEvent,
  EvalEvent,
  EvalSetEvent,
  ImagesEvent,
  LatentEvent,
  LiveParamsEvent,
  MetricsEvent,
  NodeStatsEvent,
  StepStatsEvent,
  RunState,
  TrainEvent,
} from '../../workers/protocol';
import { LossSeries } from './loss-series';
import { foldEvent, type RunFoldTarget } from './runs/fold';
import type { CollapsePoint } from './runs/record';
import { TaskQueue } from './task-queue';

export { LossSeries };
export type { CollapsePoint };

export interface RunSnapshot {
  runId: number;
  /** The graph being trained: not always the one on the canvas (the run queue trains others). */
  graph: Graph | null;
  state: RunState;
  backend: BackendName | null;
  skipped: string[];
  /** Why this backend (the worker's sentence) and, on wasm, its threads. */
  backendWhy: string | null;
  threads: number | null;
  step: number;
  totalSteps: number;
  stepsPerSec: number | null;
  wallMs: number;
  latest: Record<string, number | null>;
  images: ImagesEvent | null;
  /** Problems the worker found (compile errors, divergence); shown on the nodes. */
  issues: GraphIssue[];
  error: string | null;
  done: DoneEvent | null;
  /** Bumped whenever the loss series grew. */
  seriesVersion: number;
  /** The held-out subset the latent plot shows (its images, for the hover preview). */
  evalset: EvalSetEvent | null;
  /** Every latent snapshot of this run, oldest first (each is ~12 KB; the scrubber replays them). */
  latents: LatentEvent[];
  collapse: CollapseEvent | null;
  collapseHistory: CollapsePoint[];
  nodeStats: NodeStatsEvent | null;
  /** Step mode: the last step's node outputs and per-tensor gradient norms (training batch). */
  stepStats: StepStatsEvent | null;
  /** The last parameter change made during the run: what applied, or why it could not. */
  live: LiveParamsEvent | null;
  energy: EnergyEvent | null;
  /** The latest attention maps (graphs with a transformer). */
  attention: AttentionEvent | null;
  evals: EvalEvent[];
  /** The held-out embeddings sent when the run ended (for the .npy download). */
  embeddings: EmbeddingsEvent | null;
}

const IDLE: RunSnapshot = {
  runId: 0,
  graph: null,
  state: 'idle',
  backend: null,
  skipped: [],
  backendWhy: null,
  threads: null,
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
  evalset: null,
  latents: [],
  collapse: null,
  collapseHistory: [],
  nodeStats: null,
  stepStats: null,
  live: null,
  energy: null,
  attention: null,
  evals: [],
  embeddings: null,
};

/** The loss chart's columns: per-phase totals only add information when several terms are summed. */
export function lossColumns(e: MetricsEvent, columns: Record<string, number | null>): Record<string, number | null> {
  if (Object.keys(e.losses).length > 1) return columns;
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(columns)) if (!k.startsWith('total:')) out[k] = v;
  return out;
}

/** Learning rate and gradient norm per phase: their scales differ from the losses', so they get their own chart. */
export function auxValues(learningRate: number, gradNorms: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { lr: learningRate };
  for (const [phase, v] of Object.entries(gradNorms)) out[`norm:${phase}`] = v;
  return out;
}

/**
 * PCA axes come with an arbitrary sign, so consecutive snapshots of the same tensor can
 * mirror each other and the replay jumps. Each axis of `next` is flipped (in place: the
 * event's arrays were transferred to this thread) to agree with `prev` on the same rows.
 */
export function alignLatentSigns(prev: LatentEvent | undefined, next: LatentEvent): void {
  if (!prev || prev.method !== 'pca' || next.method !== 'pca' || prev.source !== next.source || prev.points.length !== next.points.length) return;
  const p = prev.points;
  const q = next.points;
  for (let axis = 0; axis < 2; axis++) {
    let dot = 0;
    for (let i = axis; i < q.length; i += 2) dot += p[i] * q[i];
    if (dot < 0) for (let i = axis; i < q.length; i += 2) q[i] = -q[i];
  }
}

/** Publishing more often than this buys nothing a person can read and costs main-thread time. */
export const MIN_PUBLISH_MS = 100;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class RunStore {
  private snap: RunSnapshot = IDLE;
  private next: RunSnapshot = IDLE;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private frame: number | null = null;
  private lastPublish = -Infinity;
  private tasks = new TaskQueue((l) => this.listeners.has(l));
  series = new LossSeries();
  /** Learning rate (`lr`) and gradient norms (`norm:<phase>`), on the same steps as `series`. */
  aux = new LossSeries();

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): RunSnapshot => this.snap;

  getServerSnapshot = (): RunSnapshot => IDLE;

  private update(patch: Partial<RunSnapshot>, immediately = false) {
    this.next = { ...this.next, ...patch };
    if (immediately) this.publish();
    else this.schedule();
  }

  private schedule() {
    if (this.timer !== null || this.frame !== null) return;
    const wait = Math.max(0, this.lastPublish + MIN_PUBLISH_MS - now());
    this.timer = setTimeout(() => {
      this.timer = null;
      if (typeof requestAnimationFrame === 'function') this.frame = requestAnimationFrame(() => this.publish());
      else this.publish();
    }, wait);
  }

  private publish() {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.frame !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.frame);
    this.timer = null;
    this.frame = null;
    this.lastPublish = now();
    if (this.snap === this.next) return;
    this.snap = this.next;
    // a listener still waiting from the last publish is not queued twice: it reads the newest snapshot
    for (const l of this.listeners) this.tasks.add(l);
  }

  start(totalSteps: number, graph: Graph | null = null) {
    this.series = new LossSeries();
    this.aux = new LossSeries();
    this.next = { ...IDLE, runId: this.snap.runId + 1, state: 'compiling', totalSteps, graph };
    this.publish();
  }

  handle = (e: TrainEvent) => {
    foldEvent(e, this.keep);
  };

  /** Everything the views show, at full resolution (the run record keeps a thinned copy). */
  private readonly keep: RunFoldTarget = {
    backend: (backend, skipped, why, threads) => this.update({ backend, skipped, backendWhy: why ?? null, threads: threads ?? null }),
    state: (state) => this.update({ state }),
    metrics: (e, columns) => {
      const values = lossColumns(e, columns);
      this.series.push(e.step, values, e.wallMs / 1000);
      this.aux.push(e.step, auxValues(e.learningRate, e.gradNorms), e.wallMs / 1000);
      this.update({ step: e.step, stepsPerSec: e.stepsPerSec, wallMs: e.wallMs, latest: values, seriesVersion: this.next.seriesVersion + 1 });
    },
    eval: (e) => this.update({ evals: [...this.next.evals, e] }),
    latent: (e) => {
      alignLatentSigns(this.next.latents[this.next.latents.length - 1], e);
      this.update({ latents: [...this.next.latents, e] });
    },
    collapse: (e, point) => this.update({ collapse: e, collapseHistory: [...this.next.collapseHistory, point] }),
    done: (e, { error }) =>
      this.update({ state: e.state, done: e, backend: e.backend, step: Math.max(this.next.step, e.steps), stepsPerSec: e.stepsPerSec, wallMs: e.wallMs, error }, true),
    view: (e) => {
      switch (e.type) {
        case 'images':
          return this.update({ images: e });
        case 'issues':
          return this.update({ issues: e.issues });
        case 'evalset':
          return this.update({ evalset: e });
        case 'nodestats':
          return this.update({ nodeStats: e });
        case 'energy':
          return this.update({ energy: e });
        case 'stepstats':
          return this.update({ stepStats: e });
        case 'live':
          return this.update({ live: e });
        case 'embeddings':
          return this.update({ embeddings: e });
        case 'attention':
          return this.update({ attention: e });
      }
    },
  };

  /** The worker could not be reached or died: the run is over whatever it last said. */
  fail(message: string) {
    this.update({ state: 'failed', error: message }, true);
  }

  /** train() resolved without a done event: treat the run as ended, not running for ever. */
  settle() {
    const s = this.next.state;
    if (s === 'compiling' || s === 'running' || s === 'paused') this.update({ state: 'stopped' }, true);
    // events that arrived just before the end must not wait for the throttle
    else this.publish();
  }

  clearIssues() {
    if (this.next.issues.length) this.update({ issues: [] }, true);
  }
}

export function isActive(state: RunState): boolean {
  return state === 'compiling' || state === 'running' || state === 'paused';
}
