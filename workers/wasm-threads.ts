// wasm threads in the training worker. On a cross-origin isolated page tfjs picks its
// threaded SIMD binary. Its pthread workers load the Emscripten JS glue from a Blob that tfjs
// builds from the glue function's source text (factory.toString()), but the bundled glue is
// minified: the function refers to a closure variable the minifier renamed, and every pthread
// dies with "ReferenceError: a is not defined" (the class of tfjs issue #4539). So the worker
// swaps that one Blob's text for tfjs's own unminified glue, served from public/tfjs/ by
// scripts/build-mnist.mjs. If the glue cannot be fetched, threads are turned off and tfjs uses
// its single-threaded binary, as on a page without isolation.
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

const GLUE_HEAD = 'var WasmBackendModuleThreadedSimd = ';

export const isolated = (self as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;

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
      setThreadsCount(navigator.hardwareConcurrency || 1);
    } catch {
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    }
  })();
  return ready;
}
