// The page's only door to training. TensorFlow.js lives in the worker, so the
// page stays responsive while a step runs for seconds (SwiftShader WebGPU) and
// never downloads tfjs at all; this file only speaks the typed Comlink API.
import * as Comlink from 'comlink';
import type { Graph, PortRef } from '../../engine/graph';
import { GPU_LOST, type BackendChoice, type TrainEvent, type TrainOptions, type TrainerApi } from '../../workers/protocol';
import { markRunStart } from './run-marks';

/** How long a run's observers wait for its done event after train() resolved. */
const DONE_GRACE_MS = 2000;

/** Follows one run: every event it emits, then its end (error: the worker died or could not be reached). */
export interface RunObserver {
  event(e: TrainEvent): void;
  end(error: Error | null): void;
}

/** Called as each run starts; returns an observer for it, or null to ignore it. */
export type RunTap = (graph: Graph, options: TrainOptions) => RunObserver | null | undefined;

export class TrainerClient {
  /** Watchers of every run this client starts, whoever started it (the run history records them all). */
  private taps = new Set<RunTap>();
  private worker: Worker | null = null;
  private api: Comlink.Remote<TrainerApi> | null = null;
  /** Rejects the run in flight when the worker dies, since Comlink would wait for ever. */
  private crash: ((e: Error) => void) | null = null;
  /** View choices made before a worker exists (or for a fresh one after a crash): sent before each train. */
  private probe: PortRef | null = null;
  private projection: 'pca' | 'umap' = 'pca';
  /** Set when a run's GPU device was lost: later runs skip WebGPU (this page's GPU may not come back). */
  private gpuLost = false;

  /** The worker is created by warm() once the page is idle, else on the first Train. */
  private ensure(): Comlink.Remote<TrainerApi> {
    if (this.api) return this.api;
    // Keep `new URL(...)` literally inside `new Worker(...)`: that is the form Next's bundler
    // recognises to emit the worker as its own chunk.
    const worker = new Worker(new URL('../../workers/trainer.worker.ts', import.meta.url));
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.fail(new Error(e.message ? `the training worker failed: ${e.message}` : 'the training worker failed to start'));
    });
    worker.addEventListener('messageerror', () => this.fail(new Error('the training worker sent a message the page could not read')));
    worker.addEventListener('message', (e: MessageEvent) => {
      if ((e.data as { type?: unknown } | null)?.type !== GPU_LOST || this.worker !== worker) return;
      this.gpuLost = true;
      const why = String((e.data as { message?: unknown }).message ?? '').slice(0, 200);
      this.fail(new Error(`the GPU device was lost (${why}): the run stopped here; Train again runs on the next backend (WebGL, then wasm or cpu)`));
    });
    this.worker = worker;
    const api = Comlink.wrap<TrainerApi>(worker);
    this.api = api;
    this.watchLife(worker, api);
    return api;
  }

  /**
   * A worker can die without an error event (out of memory, a crashed GPU process,
   * closed from inside): it holds a Web Lock for its life, and the page queues for the
   * same lock, which the browser grants the moment the worker is gone.
   */
  private watchLife(worker: Worker, api: Comlink.Remote<TrainerApi>) {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return;
    const name = `latent-studio-trainer:${Date.now()}:${Math.random().toString(36).slice(2)}`;
    api
      .hold(name)
      .then(() =>
        locks.request(name, () => {
          // a worker this client ended on purpose (dispose, a failure) is not news
          if (this.worker === worker) this.fail(new Error('the training worker stopped unexpectedly (the browser may have run out of memory): the run ended here, its recorded steps are kept; Train starts a fresh worker'));
        }),
      )
      .catch(() => undefined);
  }

  /** A dead worker is dropped so the next Train starts a fresh one. */
  private fail(err: Error) {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    const c = this.crash;
    this.crash = null;
    c?.(err);
  }

  /** Adds a run watcher; returns the function that removes it. */
  tap(t: RunTap): () => void {
    this.taps.add(t);
    return () => void this.taps.delete(t);
  }

  async train(graph: Graph, options: TrainOptions, onEvent: (e: TrainEvent) => void): Promise<void> {
    // A watcher that throws must never break the run it watches.
    const observers = [...this.taps].flatMap((t) => {
      try {
        return t(graph, options) ?? [];
      } catch (e) {
        console.error(e);
        return [];
      }
    });
    if (observers.length === 0) return this.run(graph, options, onEvent);
    // Events come through the callback's own MessagePort and the end of train() through the
    // worker's, and the two are not ordered: the done event can land after train() resolved.
    let sawDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (sawDone = resolve));
    const forward = (e: TrainEvent) => {
      if (e.type === 'done') sawDone();
      onEvent(e);
      for (const o of observers) {
        try {
          o.event(e);
        } catch (err) {
          console.error(err);
        }
      }
    };
    let failure: Error | null = null;
    try {
      await this.run(graph, options, forward);
    } catch (e) {
      failure = e instanceof Error ? e : new Error(String(e));
      throw e;
    } finally {
      if (!failure) await Promise.race([done, new Promise((r) => setTimeout(r, DONE_GRACE_MS))]);
      for (const o of observers) {
        try {
          o.end(failure);
        } catch (err) {
          console.error(err);
        }
      }
    }
  }

  private async run(graph: Graph, options: TrainOptions, onEvent: (e: TrainEvent) => void): Promise<void> {
    const api = this.ensure();
    const crashed = new Promise<never>((_, reject) => {
      this.crash = reject;
    });
    // Comlink keeps message order, so the worker has the view choices before the run starts.
    api.setProbe(this.probe).catch(() => undefined);
    api.setProjection(this.projection).catch(() => undefined);
    try {
      // after a lost GPU device, WebGPU is skipped: auto (or an explicit webgpu) starts at WebGL
      const opts = { ...options, backend: this.backendFor(options.backend) };
      await Promise.race([api.train(graph, opts, Comlink.proxy(markRunStart(onEvent))), crashed]);
    } finally {
      this.crash = null;
    }
  }

  /** After a lost GPU device, WebGPU is skipped: auto (or an explicit webgpu) starts at WebGL. */
  private backendFor(b: BackendChoice): BackendChoice {
    return this.gpuLost && (b === 'auto' || b === 'webgpu') ? 'webgl' : b;
  }

  /**
   * Starts the worker, its backend and the graph's datasets before Train is pressed (the
   * page is open long before that), so the first step does not wait for them.
   */
  warm(graph: Graph, backend: BackendChoice): void {
    this.ensure()
      .warm(graph, this.backendFor(backend))
      .catch(() => undefined);
  }

  // Control calls are fire-and-forget: a worker that already finished has nothing to pause.
  pause(): void {
    this.api?.pause().catch(() => undefined);
  }

  resume(): void {
    this.api?.resume().catch(() => undefined);
  }

  stop(): void {
    this.api?.stop().catch(() => undefined);
  }

  /** Step mode: `n` more steps of the paused run, then pause again. */
  step(n: number): void {
    this.api?.step(n).catch(() => undefined);
  }

  /** The edited graph: its params and learning rate apply from the run's next step. */
  setGraph(graph: Graph): void {
    this.api?.setGraph(graph).catch(() => undefined);
  }

  /** The port the latent plot shows (null: the representation); applies at the next step, or the next run. */
  setProbe(probe: PortRef | null): void {
    this.probe = probe;
    this.api?.setProbe(probe).catch(() => undefined);
  }

  setProjection(method: 'pca' | 'umap'): void {
    this.projection = method;
    this.api?.setProjection(method).catch(() => undefined);
  }

  /** The graph as a zipped PyTorch project, made in the worker (which holds the datasets). */
  exportTorch(graph: Graph, weights: TrainOptions['initialWeights'] | null): ReturnType<TrainerApi['exportTorch']> {
    return this.ensure().exportTorch(graph, weights ?? null);
  }

  dispose(): void {
    this.api?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }
}
