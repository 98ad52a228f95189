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
  /** "projector.out": where the joint-embedding loss looks. */
  embedding: string | null;
  embeddingCollapse: number | null;
  /** Each loss term on the held-out split (eval mode). */
  heldOut: Record<string, number>;
  /** Weighted total of the held-out losses (single-phase graphs): the −ELBO for a VAE. */
  heldOutTotal: number | null;
}

export type TrainEvent = BackendEvent | StateEvent | MetricsEvent | ImagesEvent | IssuesEvent | EvalEvent | DoneEvent;
