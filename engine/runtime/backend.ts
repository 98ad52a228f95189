// Backend choice: webgpu -> webgl -> wasm (MLP graphs only) -> cpu, reporting
// why each faster one was skipped and why the chosen one won, so the UI can
// tell the user. `auto` skips a software WebGPU adapter for graphs wasm can run
// and, with a real GPU, times the graph on both (engine/runtime/backend-choice.ts).
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../events';
import { setDenseMode } from '../ops/dense';
import { fastestByTiming, softwareAdapter, softwareRenderer, webglRenderer, webgpuAdapterFacts, type StepTimer } from './backend-choice';
import { installMatMulGradient } from './matmul-grad';
import { installReduceGradients } from './reduce-grad';
import { shareWasmIdentity } from './wasm-identity';
import { sliceFromWasmHeap } from './wasm-slice';

installMatMulGradient();
installReduceGradients();

export type BackendChoice = 'auto' | BackendName;
export const AUTO_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendSelection {
  backend: BackendName;
  skipped: string[];
  /** Why this backend, in a sentence (the run panel shows it). */
  why: string;
  /** wasm: its thread count. */
  threads?: number;
}

/** For `auto` with a real GPU: the graph's shape key and a timer of a few of its steps. */
export interface AutoTiming {
  key: string;
  time: StepTimer;
}

function webgpuMissingReason(): string | null {
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (!nav) return 'no navigator (not a browser)';
  if (!nav.gpu) return 'navigator.gpu is missing (this browser has no WebGPU, or Chromium runs without --enable-unsafe-webgpu)';
  return null;
}

/** Makes `b` the current backend (initialising it once); false when it cannot start. */
export async function useBackend(b: BackendName): Promise<boolean> {
  if (b === 'wasm') {
    shareWasmIdentity();
    sliceFromWasmHeap();
  }
  const ok = await tf.setBackend(b);
  if (!ok) return false;
  await tf.ready();
  // wasm runs matMul with transpose flags ~10x slower than an explicit transpose (docs/backends.md)
  setDenseMode(b === 'wasm' ? 'explicit-transpose' : 'builtin');
  return true;
}

/** The wasm backend's thread count (read off the backend: importing the wasm package here would register it in every process that imports this file). */
function wasmThreads(): number | undefined {
  const n = (tf.backend() as unknown as { wasm?: { tfjs?: { getThreadsCount?: () => number } } }).wasm?.tfjs?.getThreadsCount?.();
  return typeof n === 'number' && n > 0 ? n : undefined;
}

function selection(backend: BackendName, skipped: string[], why: string): BackendSelection {
  const threads = backend === 'wasm' ? wasmThreads() : undefined;
  return { backend, skipped, why, ...(threads ? { threads } : {}) };
}

/**
 * Picks and initialises a backend. `needsConv`: tfjs-backend-wasm lacks the
 * Conv2DBackpropFilter gradient, so graphs with convolutions skip it.
 * `timing`: lets `auto` time the graph when a real GPU competes with wasm.
 */
export async function selectBackend(choice: BackendChoice, needsConv: boolean, timing?: AutoTiming): Promise<BackendSelection> {
  const order = choice === 'auto' ? AUTO_ORDER : [choice, ...AUTO_ORDER.slice(AUTO_ORDER.indexOf(choice) + 1)];
  const skipped: string[] = [];
  const wasmCan = !needsConv && !!tf.findBackendFactory('wasm');
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
      if (choice === 'auto' && wasmCan) {
        const facts = await webgpuAdapterFacts().catch(() => null);
        const soft = facts && softwareAdapter(facts);
        if (soft) {
          skipped.push(`webgpu: ${soft}, a CPU emulation of a GPU; wasm trains this graph faster`);
          continue;
        }
        if (facts && timing) {
          const won = await fastestByTiming(timing.key, ['webgpu', 'wasm'], async (c) => {
            if (!(await useBackend(c))) throw new Error(`${c} did not start`);
            return timing.time(c);
          });
          if (won && (await useBackend(won.backend))) {
            if (won.backend !== 'webgpu') skipped.push(`webgpu: slower on this graph (${won.why})`);
            return selection(won.backend, skipped, won.why);
          }
        }
      }
    }
    if (b === 'webgl' && choice === 'auto' && wasmCan) {
      const soft = softwareRenderer(webglRenderer());
      if (soft) {
        skipped.push(`webgl: ${soft}, a CPU emulation of a GPU; wasm trains this graph faster`);
        continue;
      }
    }
    try {
      if (await useBackend(b)) {
        const why = choice === 'auto' ? (skipped.length ? `auto: the first of webgpu → webgl → wasm → cpu that can run this graph` : 'auto: the first choice was available') : `chosen in the run settings`;
        return selection(b, skipped, b === choice || choice === 'auto' ? why : `${choice} could not start; ${b} is the next that can`);
      }
      skipped.push(`${b}: failed to initialise${b === 'webgpu' ? ' (no WebGPU adapter)' : ''}`);
    } catch (e) {
      skipped.push(`${b}: ${(e as Error).message}`);
    }
  }
  throw new Error(`no backend could start: ${skipped.join('; ')}`);
}
