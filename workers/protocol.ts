// The typed API between the UI and the training worker (Comlink). The UI
// imports its types, and GPU_LOST (a string), nothing else.
import type { BackendName, TrainEvent } from '../engine/events';
import type { Graph, PortRef } from '../engine/graph';

export type { BackendName, TrainEvent };
export type * from '../engine/events';

export type BackendChoice = 'auto' | BackendName;

export interface TrainOptions {
  backend: BackendChoice;
  /** Overrides graph.meta.train.steps. */
  steps?: number;
  /** Start from these tensors (an imported PyTorch checkpoint, by `<node id>.<name>`). */
  initialWeights?: Record<string, { shape: number[]; data: Float32Array }>;
  /** Step mode from the start: train this many steps, then pause (each step sends its `stepstats`). */
  pauseAfter?: number;
  /**
   * Threads of the wasm backend (default: one per core on a cross-origin isolated page, else 1).
   * Fixed once wasm has started in this worker: the bench uses a fresh worker per count.
   */
  wasmThreads?: number;
}

/** What the worker posts outside Comlink when the GPU device of a run is lost (the page then ends the worker). */
export const GPU_LOST = 'latent-studio:gpu-lost';

export interface TrainerApi {
  /**
   * Holds the Web Lock `name` for the worker's whole life (resolves once held). The page
   * queues for the same lock: it is granted when the worker dies, however it died.
   */
  hold(name: string): Promise<void>;
  /**
   * Validates, compiles and trains `graph`, calling `onEvent` (a Comlink proxy)
   * as it goes. Resolves when the run ends (done, stopped or failed); never rejects
   * for a bad graph: problems arrive as `issues` / `done` events.
   */
  train(graph: Graph, options: TrainOptions, onEvent: (e: TrainEvent) => void): Promise<void>;
  /**
   * Gets the worker ready for `graph` while the page is idle: loads the datasets it names
   * and starts the backend `backend` would pick (without `auto`'s timing, which needs the
   * graph's steps), so Train waits for neither. A run started meanwhile waits for it.
   */
  warm(graph: Graph, backend: BackendChoice): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Step mode: run `n` more steps of the paused run (each sends its `stepstats`), then pause again. */
  step(n: number): void;
  /** The graph edited during the run: its params and learning rate apply from the next step (a `live` event says what applied). */
  setGraph(graph: Graph): void;
  /** Which port the latent plot shows (null: the representation, usually encoder.out); takes effect at the next step. */
  setProbe(probe: PortRef | null): void;
  /** PCA (fast, default) or UMAP (slower, in the worker). */
  setProjection(method: 'pca' | 'umap'): void;
  /**
   * The graph as a PyTorch project (engine/export), zipped, with the dataset and, when
   * given, these weights; or the problems that stop the export, naming their nodes.
   */
  exportTorch(graph: Graph, weights: Record<string, { shape: number[]; data: Float32Array }> | null): Promise<{ ok: true; zip: Uint8Array } | { ok: false; issues: import('../engine/types').GraphIssue[] }>;
}
