// wasm threads in the training worker. On a cross-origin isolated page tfjs picks its
// threaded SIMD binary. Two things stood between that binary and more than one thread:
// 1. Its pthread workers load the Emscripten JS glue from a Blob that tfjs builds from the
//    glue function's source text (factory.toString()), but the bundled glue is minified: the
//    function refers to a closure variable the minifier renamed, and every pthread dies with
//    "ReferenceError: a is not defined" (the class of tfjs issue #4539). So the worker swaps
//    that one Blob's text for tfjs's own unminified glue, served from public/tfjs/ by
//    scripts/build-mnist.mjs. If the glue cannot be fetched, threads are turned off and tfjs
//    uses its single-threaded binary, as on a page without isolation.
// 2. The binary caps its pool at navigator.hardwareConcurrency / 2 (it assumes two hardware
//    threads per core), read once as the binary starts, whatever setThreadsCount asked: on a
//    2-core machine every count became 1. So until wasm has started, the worker's
//    hardwareConcurrency reads twice the count it asks for (tfjs's own ceiling is 8).
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

const GLUE_HEAD = 'var WasmBackendModuleThreadedSimd = ';
/** tfjs-backend-wasm 4.22 runs at most 8 threads (its pthread pool). */
export const MAX_WASM_THREADS = 8;

export const isolated = (self as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;

/** The machine's logical cores, as the browser reports them (read before any override). */
export const cores = Math.max(1, Math.min(MAX_WASM_THREADS, self.navigator?.hardwareConcurrency || 1));

let ready: Promise<void> | null = null;

/** Call before the wasm backend starts; resolves when threads are set up (or turned off). */
export function prepareWasmThreads(glueUrl: string): Promise<void> {
  ready ??= (async () => {
    if (!isolated) return;
    try {
      const res = await fetch(glueUrl);
      if (!res.ok) throw new Error(`${res.status}`);
      const glue = await res.text();
      const NativeBlob = self.Blob;
      self.Blob = class extends NativeBlob {
        constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
          const swap = parts?.length === 1 && typeof parts[0] === 'string' && parts[0].startsWith(GLUE_HEAD);
          super(swap ? [glue] : parts, options);
        }
      };
      requestWasmThreads(cores);
    } catch {
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    }
  })();
  return ready;
}

/** The count the wasm backend will start with; only before it starts (the count is fixed from then on). */
export function requestWasmThreads(n: number): void {
  if (!isolated) return;
  const count = Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(n)));
  setThreadsCount(count);
  Object.defineProperty(self.navigator, 'hardwareConcurrency', { value: 2 * count, configurable: true });
}

/** Once wasm has started: the worker's hardwareConcurrency reads the truth again. */
export function wasmThreadsFixed(): void {
  const nav = self.navigator as unknown as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(nav, 'hardwareConcurrency')) delete nav.hardwareConcurrency;
}
