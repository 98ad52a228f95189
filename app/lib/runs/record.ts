// A training run as it is kept: in IndexedDB, in an exported file, in the
// compare view. The one schema (zod) all three go through; what comes back from
// storage or a file is untrusted (an older app version, a hand-edited export, a
// record half-written when the tab closed), so it is migrated to the current
// version and validated before anything reads it, exactly like Graph JSON.
//
// Tensor-free and DOM-free: the recorder, the history and the tests use it in Node.
// Summaries for the list view are summary.ts; the runs file format is runs-file.ts.
import { z } from 'zod';
import { parseGraph, type Graph } from '../../../engine/graph';
import { appendRow, metricColumns } from './fold';

export const RUN_VERSION = 2;

export const RUN_STATUSES = ['running', 'finished', 'stopped', 'failed', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

/** NaN and ±Infinity do not survive JSON (they become null); a series stores them as null. */
const value = z.number().nullable();

/**
 * Per-step metrics, one column per key (a loss term, `nodeId/term`, or `total:<phase>`),
 * aligned with `step`. A key that first appears late is null-padded before it. Long runs
 * are decimated (every other point dropped, the last one kept), so a record stays small.
 */
export const MetricSeriesSchema = z.strictObject({
  step: z.array(z.number().int().min(0)),
  wallMs: z.array(z.number().min(0)),
  values: z.record(z.string(), z.array(value)),
});
export type MetricSeries = z.infer<typeof MetricSeriesSchema>;

export const EvalPointSchema = z.strictObject({
  step: z.number().int().min(0),
  representation: z.string().nullable(),
  knn: value,
  probe: value,
  collapse: value,
  effectiveRank: value,
  embeddingCollapse: value,
  heldOutTotal: value,
});
export type EvalPoint = z.infer<typeof EvalPointSchema>;

/** A 2-D projection of the held-out subset: points as [x0, y0, x1, y1, …], one label per point. */
export const LatentSnapshotSchema = z
  .strictObject({
    step: z.number().int().min(0),
    source: z.string(),
    method: z.enum(['pca', 'umap']),
    points: z.array(z.number()),
    labels: z.array(z.number().int().min(0).max(255)),
    explained: z.tuple([z.number(), z.number()]).nullable(),
  })
  .refine((s) => s.points.length === 2 * s.labels.length, { message: 'points must hold two numbers per label', path: ['points'] });
export type LatentSnapshot = z.infer<typeof LatentSnapshotSchema>;

export const CollapsePointSchema = z.strictObject({
  step: z.number().int().min(0),
  source: z.string(),
  effectiveRank: value,
  collapse: value,
  alignment: value,
  uniformity: value,
  /** Std of each dimension of the L2-normalised embedding. */
  perDimStd: z.array(value),
  warning: z.string().nullable(),
});
export type CollapsePoint = z.infer<typeof CollapsePointSchema>;

export const RunResultSchema = z.strictObject({
  steps: z.number().int().min(0),
  wallMs: z.number().min(0),
  stepsPerSec: z.number().min(0),
  final: z.record(z.string(), value),
  numTensors: z.number().int(),
});

/** The graph as it was trained; older graph versions are migrated by parseGraph. */
const GraphField = z.unknown().transform((raw, ctx): Graph => {
  const r = parseGraph(raw);
  if (r.ok) return r.graph;
  for (const message of r.errors) ctx.addIssue({ code: 'custom', message: `graph: ${message}` });
  return z.NEVER;
});

const tag = z.string().trim().min(1).max(40);

export const RunRecordSchema = z.strictObject({
  version: z.literal(RUN_VERSION),
  id: z.string().min(1).max(80),
  name: z.string().max(200),
  tags: z.array(tag).max(20),
  graph: GraphField,
  /** graph.meta.name when the run started (the graph itself may be renamed later). */
  graphName: z.string().max(200),
  /** The preset the graph came from when the app knows it (a queued comparison), else null. */
  preset: z.string().nullable(),
  seed: z.number().int().min(0),
  /** What the user asked for ('auto' or a backend) and what actually ran. */
  backendChoice: z.string(),
  backend: z.enum(BACKENDS).nullable(),
  skipped: z.array(z.string()),
  stepBudget: z.number().int().min(0),
  stepsDone: z.number().int().min(0),
  /** ms since the epoch */
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Last time the record was written: what an interrupted run's end time falls back to. */
  savedAt: z.number(),
  status: z.enum(RUN_STATUSES),
  error: z.string().nullable(),
  metrics: MetricSeriesSchema,
  evals: z.array(EvalPointSchema),
  latents: z.array(LatentSnapshotSchema),
  collapses: z.array(CollapsePointSchema),
  result: RunResultSchema.nullable(),
});
/** The validated form: `graph` is a parsed Graph. */
export type RunRecord = z.infer<typeof RunRecordSchema>;

// ---------------------------------------------------------------------------
// Version 1 (the first stored form, kept here so old records and files still open):
// metrics as one row per logged step, statuses "done"/"stopped"/"failed"/"running",
// createdAt/finishedAt, no tags, latent snapshots without source or method, and the
// end summary under `summary`.
// ---------------------------------------------------------------------------
type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback: number | null = null): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function migrate1to2(r: Json): Json {
  const metrics: MetricSeries = { step: [], wallMs: [], values: {} };
  for (const row of arr(r.metrics)) {
    if (!isObj(row)) continue;
    appendRow(metrics, num(row.step, 0)!, Math.max(0, num(row.wallMs, 0)!), metricColumns(isObj(row.losses) ? row.losses : {}, isObj(row.totals) ? row.totals : {}));
  }
  const graph = isObj(r.graph) ? r.graph : null;
  const meta = graph && isObj(graph.meta) ? graph.meta : {};
  const status = r.status === 'done' ? 'finished' : r.status;
  const summary = isObj(r.summary) ? r.summary : null;
  const lastStep = metrics.step.length ? metrics.step[metrics.step.length - 1] : 0;
  const createdAt = num(r.createdAt, 0)!;
  const finishedAt = num(r.finishedAt);
  const budget = num(r.steps, lastStep)!;
  return {
    version: 2,
    id: r.id,
    name: r.name,
    tags: [],
    graph: r.graph,
    graphName: typeof meta.name === 'string' ? meta.name : String(r.name ?? ''),
    preset: null,
    seed: r.seed ?? meta.seed ?? 42,
    backendChoice: 'auto',
    backend: r.backend ?? null,
    skipped: [],
    stepBudget: budget,
    stepsDone: num(summary?.steps, lastStep)!,
    startedAt: createdAt,
    endedAt: finishedAt,
    savedAt: finishedAt ?? createdAt,
    status,
    error: typeof r.error === 'string' ? r.error : null,
    metrics,
    evals: arr(r.evals).map((e) => {
      const o = isObj(e) ? e : {};
      return {
        step: o.step,
        representation: null,
        knn: num(o.knn),
        probe: num(o.probe),
        collapse: num(o.collapse),
        effectiveRank: num(o.effectiveRank),
        embeddingCollapse: null,
        heldOutTotal: null,
      };
    }),
    latents: arr(r.latents).map((l) => {
      const o = isObj(l) ? l : {};
      return { step: o.step, source: 'representation', method: 'pca', points: o.points, labels: o.labels, explained: null };
    }),
    collapses: [],
    result:
      summary && (status === 'finished' || status === 'stopped' || status === 'failed')
        ? { steps: num(summary.steps, lastStep), wallMs: num(summary.wallMs, 0), stepsPerSec: num(summary.stepsPerSec, 0), final: isObj(summary.final) ? summary.final : {}, numTensors: num(summary.numTensors, 0) }
        : null,
  };
}

/** version N -> N + 1, applied in order. */
const migrations: Record<number, (r: Json) => Json> = { 1: migrate1to2 };

export type RunParse = { ok: true; record: RunRecord; migrated: boolean } | { ok: false; errors: string[] };

function describeIssue(i: z.core.$ZodIssue): string {
  const at = i.path.length ? i.path.map(String).join('.') : 'run';
  if (i.code === 'unrecognized_keys') return `${at}: unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${at}: ${i.message}`;
}

/** Parses a run record from untrusted data (IndexedDB, an imported file), migrating older versions. */
export function parseRunRecord(raw: unknown): RunParse {
  if (!isObj(raw)) return { ok: false, errors: ['a run must be a JSON object with version, id, graph and metrics'] };
  let r: Json = raw;
  const v = r.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return { ok: false, errors: ['version: missing or not a positive integer'] };
  if (v > RUN_VERSION) return { ok: false, errors: [`version ${v} is newer than this app understands (${RUN_VERSION}); update Latent Studio`] };
  for (let from = v; from < RUN_VERSION; from++) {
    const m = migrations[from];
    if (!m) return { ok: false, errors: [`no migration from run version ${from}`] };
    r = m(r);
  }
  const p = RunRecordSchema.safeParse(r);
  if (!p.success) return { ok: false, errors: p.error.issues.slice(0, 12).map(describeIssue) };
  return { ok: true, record: p.data, migrated: v !== RUN_VERSION };
}
