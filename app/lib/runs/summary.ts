// The list view reads summaries only: a run with a long series is megabytes, a summary is
// a few hundred bytes. A summary is derived from its record on every write and never
// edited by itself, so it can always be rebuilt.
import { z } from 'zod';
import { primaryLossKey } from './compare';
import { BACKENDS, RUN_STATUSES, type RunRecord } from './record';

/** 2: finalLoss (the Runs list ranks by it); older summaries fail to parse and are rebuilt. */
export const SUMMARY_VERSION = 2;

export const RunSummarySchema = z.strictObject({
  summaryVersion: z.literal(SUMMARY_VERSION),
  id: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  graphName: z.string(),
  preset: z.string().nullable(),
  status: z.enum(RUN_STATUSES),
  error: z.string().nullable(),
  backend: z.enum(BACKENDS).nullable(),
  stepBudget: z.number(),
  stepsDone: z.number(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  savedAt: z.number(),
  knn: z.number().nullable(),
  probe: z.number().nullable(),
  effectiveRank: z.number().nullable(),
  /** Last logged value of the run's primary loss (compare.ts primaryLossKey). */
  finalLoss: z.number().nullable(),
  stepsPerSec: z.number().nullable(),
  wallMs: z.number().nullable(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** The last evaluation that measured `key`, or null. */
export function lastEval(r: Pick<RunRecord, 'evals'>, key: 'knn' | 'probe' | 'effectiveRank' | 'collapse'): number | null {
  for (let i = r.evals.length - 1; i >= 0; i--) {
    const v = r.evals[i][key];
    if (v !== null) return v;
  }
  return null;
}

export function wallMsOf(r: RunRecord): number | null {
  if (r.result) return r.result.wallMs;
  const w = r.metrics.wallMs;
  return w.length ? w[w.length - 1] : null;
}

export function stepsPerSecOf(r: RunRecord): number | null {
  if (r.result && r.result.stepsPerSec > 0) return r.result.stepsPerSec;
  const w = wallMsOf(r);
  return w && r.stepsDone > 0 ? r.stepsDone / (w / 1000) : null;
}

export function finalLossOf(r: Pick<RunRecord, 'metrics'>): number | null {
  const key = primaryLossKey(r);
  const col = key ? r.metrics.values[key] : undefined;
  for (let i = (col?.length ?? 0) - 1; i >= 0; i--) {
    const v = col![i];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

export function summarize(r: RunRecord): RunSummary {
  return {
    summaryVersion: SUMMARY_VERSION,
    id: r.id,
    name: r.name,
    tags: [...r.tags],
    graphName: r.graphName,
    preset: r.preset,
    status: r.status,
    error: r.error,
    backend: r.backend,
    stepBudget: r.stepBudget,
    stepsDone: r.stepsDone,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    savedAt: r.savedAt,
    knn: lastEval(r, 'knn'),
    probe: lastEval(r, 'probe'),
    effectiveRank: lastEval(r, 'effectiveRank'),
    finalLoss: finalLossOf(r),
    stepsPerSec: stepsPerSecOf(r),
    wallMs: wallMsOf(r),
  };
}
