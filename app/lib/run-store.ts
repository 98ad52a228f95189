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
  NodeStatsEvent,
  RunState,
  TrainEvent,
} from '../../workers/protocol';

/** One point of the collapse monitors' history, for the sparklines. */
export interface CollapsePoint {
  step: number;
  effectiveRank: number;
  collapse: number;
  alignment: number | null;
  uniformity: number | null;
}

export interface RunSnapshot {
  runId: number;
  /** The graph being trained: not always the one on the canvas (the run queue trains others). */
  graph: Graph | null;
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
  /** The held-out subset the latent plot shows (its images, for the hover preview). */
  evalset: EvalSetEvent | null;
  /** Every latent snapshot of this run, oldest first (each is ~12 KB; the scrubber replays them). */
  latents: LatentEvent[];
  collapse: CollapseEvent | null;
  collapseHistory: CollapsePoint[];
  nodeStats: NodeStatsEvent | null;
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
  energy: null,
  attention: null,
  evals: [],
  embeddings: null,
};

/** Loss curves, one column per key; a key that appears late gets nulls before it. */
export class LossSeries {
  steps: number[] = [];
  /** Seconds since the run started, per point (for the time axis). */
  seconds: number[] = [];
  keys: string[] = [];
  columns = new Map<string, (number | null)[]>();

  push(step: number, values: Record<string, number>, seconds = 0) {
    for (const k of Object.keys(values)) {
      if (!this.columns.has(k)) {
        this.keys.push(k);
        this.columns.set(k, new Array<number | null>(this.steps.length).fill(null));
      }
    }
    this.steps.push(step);
    this.seconds.push(seconds);
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

/**
 * Runs callbacks one per macrotask. Each view re-renders and redraws in its own
 * listener call (useSyncExternalStore renders synchronously), so notifying them all
 * in one task would add their costs into one long task — the first snapshot of a
 * run mounts a chart, a scatter, a bar chart and a dozen image canvases at once.
 * One task each keeps every piece short and lets input events in between.
 */
class TaskQueue {
  private queue: (() => void)[] = [];
  private queued = new Set<() => void>();

  /** `alive` is asked when its turn comes: a view that unmounted meanwhile is skipped. */
  constructor(private readonly alive: (f: () => void) => boolean = () => true) {}

  private port: MessagePort | null = null;
  private posted = false;

  add(f: () => void) {
    if (this.queued.has(f)) return;
    if (typeof window === 'undefined' || typeof MessageChannel === 'undefined') {
      f(); // Node (unit tests, prerendering): no frames to protect
      return;
    }
    this.queued.add(f);
    this.queue.push(f);
    if (!this.port) {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => this.runOne();
      this.port = ch.port2;
    }
    if (!this.posted) {
      this.posted = true;
      this.port.postMessage(0);
    }
  }

  private runOne() {
    this.posted = false;
    const f = this.queue.shift();
    if (f) {
      this.queued.delete(f);
      if (this.alive(f)) f();
    }
    if (this.queue.length && this.port) {
      this.posted = true;
      this.port.postMessage(0);
    }
  }
}

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
    switch (e.type) {
      case 'backend':
        this.update({ backend: e.backend, skipped: e.skipped });
        break;
      case 'state':
        this.update({ state: e.state });
        break;
      case 'metrics': {
        const values = seriesValues(e.losses, e.totals);
        this.series.push(e.step, values, e.wallMs / 1000);
        this.aux.push(e.step, auxValues(e.learningRate, e.gradNorms), e.wallMs / 1000);
        this.update({ step: e.step, stepsPerSec: e.stepsPerSec, wallMs: e.wallMs, latest: values, seriesVersion: this.next.seriesVersion + 1 });
        break;
      }
      case 'images':
        this.update({ images: e });
        break;
      case 'issues':
        this.update({ issues: e.issues });
        break;
      case 'evalset':
        this.update({ evalset: e });
        break;
      case 'latent':
        alignLatentSigns(this.next.latents[this.next.latents.length - 1], e);
        this.update({ latents: [...this.next.latents, e] });
        break;
      case 'collapse': {
        const p: CollapsePoint = { step: e.step, effectiveRank: e.effectiveRank, collapse: e.collapse, alignment: e.alignment, uniformity: e.uniformity };
        this.update({ collapse: e, collapseHistory: [...this.next.collapseHistory, p] });
        break;
      }
      case 'nodestats':
        this.update({ nodeStats: e });
        break;
      case 'energy':
        this.update({ energy: e });
        break;
      case 'attention':
        this.update({ attention: e });
        break;
      case 'eval':
        this.update({ evals: [...this.next.evals, e] });
        break;
      case 'embeddings':
        this.update({ embeddings: e });
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
