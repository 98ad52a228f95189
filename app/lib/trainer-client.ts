// The page's only door to training. TensorFlow.js lives in the worker, so the
// page stays responsive while a step runs for seconds (SwiftShader WebGPU) and
// never downloads tfjs at all; this file only speaks the typed Comlink API.
import * as Comlink from 'comlink';
import type { Graph } from '../../engine/graph';
import type { TrainEvent, TrainOptions, TrainerApi } from '../../workers/protocol';

export class TrainerClient {
  private worker: Worker | null = null;
  private api: Comlink.Remote<TrainerApi> | null = null;
  /** Rejects the run in flight when the worker dies, since Comlink would wait for ever. */
  private crash: ((e: Error) => void) | null = null;

  /** The worker is created on the first Train, not on page load: most visits only edit. */
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
    this.worker = worker;
    this.api = Comlink.wrap<TrainerApi>(worker);
    return this.api;
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

  async train(graph: Graph, options: TrainOptions, onEvent: (e: TrainEvent) => void): Promise<void> {
    const api = this.ensure();
    const crashed = new Promise<never>((_, reject) => {
      this.crash = reject;
    });
    try {
      await Promise.race([api.train(graph, options, Comlink.proxy(onEvent)), crashed]);
    } finally {
      this.crash = null;
    }
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

  dispose(): void {
    this.api?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }
}
