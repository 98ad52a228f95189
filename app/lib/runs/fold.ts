// The one reading of a training run's event stream. Two places keep what a run
// says: the dock's live store (app/lib/run-store.ts: everything, at full
// resolution, for the training views) and the run recorder (recorder.ts: a
// compact record for IndexedDB and the compare view). Both hand every event to
// foldEvent, which decides what each event means — the metric columns of a
// logged step, the evaluation and collapse points, how a run ended — and passes
// the result to the keeper's hooks. A keeper only says where the data goes.
//
// Tensor-free and DOM-free, like the record schema.
import type { BackendName, CollapseEvent, DoneEvent, EvalEvent, LatentEvent, MetricsEvent, RunState, TrainEvent } from '../../../workers/protocol';
import type { CollapsePoint, EvalPoint, MetricSeries, RunStatus } from './record';

/** A finite number, else null (NaN and ±Infinity do not survive JSON). */
export const finite = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Four significant digits: a plot does not need more, and the JSON is a third the size. */
export function round4(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(4)) : 0;
}

/**
 * Loss terms plus one `total:<phase>` column per optimizer phase. A NaN stays a number here
 * (the live read-out shows it); a series stores it as null (appendRow).
 */
export function metricColumns(losses: Record<string, unknown>, totals: Record<string, unknown>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const keep = (v: unknown) => (typeof v === 'number' ? v : null);
  for (const [k, v] of Object.entries(losses)) out[k] = keep(v);
  for (const [k, v] of Object.entries(totals)) out[`total:${k}`] = keep(v);
  return out;
}

/** Appends one row to a columnar series, null-padding keys that are new or missing. */
export function appendRow(s: MetricSeries, step: number, wallMs: number, row: Record<string, number | null>): void {
  const n = s.step.length;
  for (const k of Object.keys(row)) if (!s.values[k]) s.values[k] = new Array<number | null>(n).fill(null);
  s.step.push(step);
  s.wallMs.push(wallMs);
  for (const [k, col] of Object.entries(s.values)) {
    const v = row[k];
    col.push(typeof v === 'number' && Number.isFinite(v) ? v : null);
  }
}

/** The figures of an evaluation that a run keeps (the held-out losses per term stay live-only). */
export function evalPoint(e: EvalEvent): EvalPoint {
  return {
    step: e.step,
    representation: e.representation,
    knn: finite(e.knn),
    probe: finite(e.probe),
    collapse: finite(e.collapse),
    effectiveRank: finite(e.effectiveRank),
    embeddingCollapse: finite(e.embeddingCollapse),
    heldOutTotal: finite(e.heldOutTotal),
  };
}

/** Dimensions of the per-dimension spread a collapse point keeps. */
export const PER_DIM_STD_MAX = 512;

/** One collapse monitor reading: summary figures and the per-dimension spread (4 significant digits). */
export function collapsePoint(e: CollapseEvent): CollapsePoint {
  return {
    step: e.step,
    source: e.source,
    effectiveRank: finite(e.effectiveRank),
    collapse: finite(e.collapse),
    alignment: finite(e.alignment),
    uniformity: finite(e.uniformity),
    perDimStd: Array.from(e.perDimStd.subarray(0, PER_DIM_STD_MAX), (v) => (Number.isFinite(v) ? round4(v) : null)),
    warning: e.warning,
  };
}

export interface RunOutcome {
  status: Exclude<RunStatus, 'running' | 'interrupted'>;
  /** Why it failed; a failure without a message still says so. */
  error: string | null;
}

export function runOutcome(e: DoneEvent): RunOutcome {
  const status = e.state === 'done' ? 'finished' : e.state;
  return { status, error: e.error ?? (status === 'failed' ? 'the run failed' : null) };
}

/** Where each kind of event goes; a keeper implements the hooks it keeps. */
export interface RunFoldTarget {
  /** `why`: the sentence the run panel shows (auto's rule); `threads`: wasm's thread count. */
  backend?(backend: BackendName, skipped: string[], why?: string, threads?: number): void;
  state?(state: RunState): void;
  /** `columns`: every loss term and `total:<phase>` of the logged step. */
  metrics?(e: MetricsEvent, columns: Record<string, number | null>): void;
  eval?(e: EvalEvent, point: EvalPoint): void;
  latent?(e: LatentEvent): void;
  collapse?(e: CollapseEvent, point: CollapsePoint): void;
  done?(e: DoneEvent, outcome: RunOutcome): void;
  /** Every other event (images, issues, the evaluation set, node statistics, energy, embeddings, weights): only live views show them. */
  view?(e: Exclude<TrainEvent, { type: 'backend' | 'state' | 'metrics' | 'eval' | 'latent' | 'collapse' | 'done' }>): void;
}

/** Hands one event to the target's hook for it; returns false when the target has no such hook. */
export function foldEvent(e: TrainEvent, t: RunFoldTarget): boolean {
  switch (e.type) {
    case 'backend':
      if (!t.backend) return false;
      t.backend(e.backend, e.skipped, e.why, e.threads);
      return true;
    case 'state':
      if (!t.state) return false;
      t.state(e.state);
      return true;
    case 'metrics':
      if (!t.metrics) return false;
      t.metrics(e, metricColumns(e.losses, e.totals));
      return true;
    case 'eval':
      if (!t.eval) return false;
      t.eval(e, evalPoint(e));
      return true;
    case 'latent':
      if (!t.latent) return false;
      t.latent(e);
      return true;
    case 'collapse':
      if (!t.collapse) return false;
      t.collapse(e, collapsePoint(e));
      return true;
    case 'done':
      if (!t.done) return false;
      t.done(e, runOutcome(e));
      return true;
    default:
      if (!t.view) return false;
      t.view(e);
      return true;
  }
}
