// Backend choice: webgpu -> webgl -> wasm (MLP graphs only) -> cpu, reporting
// why each faster one was skipped so the UI can tell the user.
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../events';
import { setDenseMode } from '../ops/dense';
import { installMatMulGradient } from './matmul-grad';
import { shareWasmIdentity } from './wasm-identity';

installMatMulGradient();

export type BackendChoice = 'auto' | BackendName;
export const AUTO_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendSelection {
  backend: BackendName;
  skipped: string[];
}

function webgpuMissingReason(): string | null {
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (!nav) return 'no navigator (not a browser)';
  if (!nav.gpu) return 'navigator.gpu is missing (this browser has no WebGPU, or Chromium runs without --enable-unsafe-webgpu)';
  return null;
}

/**
 * Picks and initialises a backend. `needsConv`: tfjs-backend-wasm lacks the
 * Conv2DBackpropFilter gradient, so graphs with convolutions skip it.
 */
export async function selectBackend(choice: BackendChoice, needsConv: boolean): Promise<BackendSelection> {
  const order = choice === 'auto' ? AUTO_ORDER : [choice, ...AUTO_ORDER.slice(AUTO_ORDER.indexOf(choice) + 1)];
  const skipped: string[] = [];
  for (const b of order) {
    if (b === 'wasm' && needsConv) {
      skipped.push('wasm: tfjs-backend-wasm has no convolution gradient (Conv2DBackpropFilter) and this graph has convolutions');
      continue;
    }
    if (!tf.findBackendFactory(b)) {
      skipped.push(`${b}: not bundled in this environment`);
      continue;
    }
    if (b === 'webgpu') {
      const why = webgpuMissingReason();
      if (why) {
        skipped.push(`webgpu: ${why}`);
        continue;
      }
    }
    if (b === 'wasm') shareWasmIdentity();
    try {
      const ok = await tf.setBackend(b);
      if (ok) {
        await tf.ready();
        // wasm runs matMul with transpose flags ~10x slower than an explicit transpose (docs/backends.md)
        setDenseMode(b === 'wasm' ? 'explicit-transpose' : 'builtin');
        return { backend: b, skipped };
      }
      skipped.push(`${b}: failed to initialise${b === 'webgpu' ? ' (no WebGPU adapter)' : ''}`);
    } catch (e) {
      skipped.push(`${b}: ${(e as Error).message}`);
    }
  }
  throw new Error(`no backend could start: ${skipped.join('; ')}`);
}
