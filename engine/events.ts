// What a training run reports, in order. The worker forwards these to the UI
// unchanged and the CLI prints them as JSON lines, so both see the same numbers.
import type { GraphIssue } from './types';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type RunState = 'idle' | 'compiling' | 'running' | 'paused' | 'stopped' | 'done' | 'failed';

export interface BackendEvent {
  type: 'backend';
  backend: BackendName;
  /** Why each faster backend was not used, e.g. "webgpu: no adapter (navigator.gpu missing)". */
  skipped: string[];
  /** Why this backend, in a sentence (auto's rule, or the run settings). */
  why?: string;
  /** wasm only: the threads it computes with (1 without cross-origin isolation and in Node). */
  threads?: number;
  /** ms this run spent loading its datasets and starting the backend (near 0 when the worker was warmed). */
  startMs?: { data: number; backend: number };
}

export interface StateEvent {
  type: 'state';
  state: RunState;
}

/** One logged step: every loss term, the per-phase totals, and wall time since the start. */
export interface MetricsEvent {
  type: 'metrics';
  step: number;
  /** Loss terms by key: a loss node's id, or `${nodeId}/${term}` for its sub-terms. */
  losses: Record<string, number>;
  /** Weighted total per optimizer phase ('main' for most graphs). */
  totals: Record<string, number>;
  /** Global gradient norm per phase, before the optimizer step. */
  gradNorms: Record<string, number>;
  learningRate: number;
  wallMs: number;
  stepsPerSec: number;
}

export interface ImageRow {
  /** "MNIST.image", "Gaussian noise.out", "Decoder.out" */
  label: string;
  nodeId: string;
  port: string;
  /** [n, h, w, c] pixels as bytes 0..255, row-major. */
  pixels: Uint8Array;
  n: number;
  height: number;
  width: number;
  channels: number;
}

export interface ImagesEvent {
  type: 'images';
  step: number;
  rows: ImageRow[];
}

export interface IssuesEvent {
  type: 'issues';
  issues: GraphIssue[];
}

export interface DoneEvent {
  type: 'done';
  state: 'done' | 'stopped' | 'failed';
  steps: number;
  wallMs: number;
  stepsPerSec: number;
  /** The last logged value of every loss term. */
  final: Record<string, number>;
  backend: BackendName;
  numTensors: number;
  error?: string;
  /** Warnings the run raised without stopping (an exploding loss, a dead network), in order. */
  warnings?: string[];
}

/** Evaluation on the held-out split (every `evalEvery` steps and at the end). */
export interface EvalEvent {
  type: 'eval';
  step: number;
  /** "encoder.out": the frozen representation evaluated. */
  representation: string | null;
  /** kNN accuracy (cosine, k = 20) with all training labels. */
  knn: number | null;
  /** Linear probe accuracy with 10 labels per class, mean of 5 draws. */
  probe: number | null;
  probeDraws: number[] | null;
  /** Std of the L2-normalised representation × √d (≈1 spread out, ≈0 collapsed). */
  collapse: number | null;
  /** exp(entropy of the singular values) of the representation. */
  effectiveRank: number | null;
  /** Set when the effective rank was computed on a row sample (wide representations): what was sampled. */
  effectiveRankNote?: string | null;
  /** "projector.out": where the joint-embedding loss looks. */
  embedding: string | null;
  embeddingCollapse: number | null;
  /** Each loss term on the held-out split (eval mode). */
  heldOut: Record<string, number>;
  /** Weighted total of the held-out losses (single-phase graphs): the −ELBO for a VAE. */
  heldOutTotal: number | null;
  /** Labelled rows per class the probe trained on: 10, or fewer when a class has fewer training rows. */
  probePerClass?: number;
  /** Set when kNN and the probe could not be scored, saying why (e.g. an unlabelled imported dataset). */
  noLabels?: string;
}

/** 2-D projection of the held-out subset's embeddings at one port. */
export interface LatentEvent {
  type: 'latent';
  step: number;
  /** "encoder.out" */
  source: string;
  method: 'pca' | 'umap';
  /** [N * 2] */
  points: Float32Array;
  /** [N] class of each point */
  labels: Uint8Array;
  /** false when the dataset has no labels (the plot is drawn uncoloured). */
  labelled?: boolean;
  /** PCA: fraction of variance on each axis. */
  explained: [number, number] | null;
}

/** The held-out subset itself, sent once per run so the UI can show the image under the cursor. */
export interface EvalSetEvent {
  type: 'evalset';
  /** Row indices into the test split, in plot order. */
  rows: Int32Array;
  sampleShape: number[];
  /** [N * H * W * C] bytes for image data */
  pixels: Uint8Array | null;
  labels: Uint8Array;
}

export interface CollapseEvent {
  type: 'collapse';
  step: number;
  /** "projector.out": the embedding the loss looks at. */
  source: string;
  /** [D] std over the held-out subset of each dimension of the L2-normalised embedding. */
  perDimStd: Float32Array;
  effectiveRank: number;
  /** Set when the effective rank was computed on a row sample (wide embeddings): what was sampled. */
  effectiveRankNote?: string | null;
  /** mean std × √d: ≈1 spread, ≈0 collapsed */
  collapse: number;
  /** Wang & Isola, on two augmented views (null without views). */
  alignment: number | null;
  uniformity: number | null;
  /** A one-line explanation when the embedding has collapsed. */
  warning: string | null;
}

export interface PortStats {
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Fraction of units that are zero for every sample of the batch (dead ReLUs). */
  dead: number;
}

export interface NodeStatsEvent {
  type: 'nodestats';
  step: number;
  stats: Record<string, Record<string, PortStats>>;
}

/** Per-sample energy over a grid of the plane, for 2-D toy data. */
export interface EnergyEvent {
  type: 'energy';
  step: number;
  /** The grid is size × size, row-major from the top-left corner. */
  size: number;
  /** [xmin, xmax, ymin, ymax] */
  extent: [number, number, number, number];
  energy: Float32Array;
  /** Held-out points drawn on top, [N * 2], with their labels. */
  points: Float32Array;
  labels: Uint8Array;
  /**
   * Latent-variable models: where the model explains each held-out point, [N * 2]
   * (dec(ž) at the inferred code, from a loss that reports 'fit'); absent otherwise.
   */
  fit?: Float32Array;
}

/** The held-out embeddings at the end of a run (the representation), for download as .npy. */
export interface EmbeddingsEvent {
  type: 'embeddings';
  step: number;
  source: string;
  /** [n * d] float32 */
  data: Float32Array;
  shape: [number, number];
  labels: Uint8Array;
}

/**
 * Every weight and state tensor of the graph when a run ends, by `<node id>.<name>`
 * (momentum-encoder copies `<id>.<followed id>/<name>`): what a PyTorch export with
 * weights starts from.
 */
export interface WeightsEvent {
  type: 'weights';
  step: number;
  tensors: Record<string, { shape: number[]; data: Float32Array }>;
}

/**
 * What a transformer attends to, for a gallery of held-out digits (the attention view):
 * per digit, block and head, the attention each patch receives from the CLS token (or,
 * without one, averaged over every query token).
 */
export interface AttentionEvent {
  type: 'attention';
  step: number;
  /** The transformer node, e.g. "vit". */
  source: string;
  query: 'cls' | 'mean';
  /** Row indices into the test split, and the digits themselves [N * H * W * C] bytes. */
  rows: Int32Array;
  sampleShape: number[];
  pixels: Uint8Array;
  labels: Uint8Array;
  blocks: number;
  heads: number;
  /** The patch grid [rows, columns]. */
  grid: [number, number];
  /** [N * blocks * heads * rows * columns], row-major in that order. */
  maps: Float32Array;
}

/**
 * Step mode: what one training step did, on that step's own training batch. Sent only when
 * the caller asks (Control.stepStats), for the last pass of each step.
 */
export interface StepStatsEvent {
  type: 'stepstats';
  step: number;
  /** Output statistics of every node, on this step's training batch (training mode). */
  stats: Record<string, Record<string, PortStats>>;
  /** L2 norm of the gradient of each trainable tensor in this step, per optimizer phase. */
  grads: Array<{ phase: string; nodeId: string; name: string; shape: number[]; norm: number }>;
}

/** Parameters changed during a run: what the next step uses, or why it cannot. */
export interface LiveParamsEvent {
  type: 'live';
  /** The first step that uses the new values. */
  step: number;
  /** "vicreg.varWeight 25 → 0", "learning rate 0.001 → 0.01" */
  applied: string[];
  /** Set when the change needs a new run (weights change shape, a node was added…): nothing was applied. */
  refused: string | null;
}

export type TrainEvent =
  | StepStatsEvent
  | LiveParamsEvent
  | AttentionEvent
  | EmbeddingsEvent
  | WeightsEvent
  | BackendEvent
  | StateEvent
  | MetricsEvent
  | ImagesEvent
  | IssuesEvent
  | EvalEvent
  | LatentEvent
  | EvalSetEvent
  | CollapseEvent
  | NodeStatsEvent
  | EnergyEvent
  | DoneEvent;
