// What `auto` decides between WebGPU and wasm, and why, in words the run panel
// shows. A WebGPU adapter can be a CPU emulation (SwiftShader in Chromium
// without a GPU: 0.1–0.5 steps/s where wasm trains at 5–18, docs/backends.md);
// such an adapter is skipped for any graph wasm can run. With a real adapter
// the faster backend depends on the graph (a tiny MLP can be faster on wasm),
// so a few steps of the graph are timed on each and the winner is remembered
// per graph shape for the life of the worker.
import type { BackendName } from '../events';
import type { ValidatedGraph } from '../validated-graph';

/** What a WebGPU adapter says about itself (GPUAdapter.info, isFallbackAdapter). */
export interface AdapterFacts {
  isFallback: boolean;
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|software|microsoft basic render|\bwarp\b/i;

/** Why this adapter is a software one, or null for a hardware adapter. */
export function softwareAdapter(a: AdapterFacts): string | null {
  const named = [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' ');
  if (a.isFallback) return `a fallback adapter${named ? ` (${named})` : ''}`;
  const m = named.match(SOFTWARE);
  return m ? `a software adapter (${named})` : null;
}

/** Reads the adapter the WebGPU backend would get; null when there is none. */
export async function webgpuAdapterFacts(): Promise<AdapterFacts | null> {
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator?.gpu;
  if (!gpu) return null;
  const adapter = (await gpu.requestAdapter()) as null | {
    isFallbackAdapter?: boolean;
    info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  };
  if (!adapter) return null;
  const info = adapter.info ?? {};
  return {
    isFallback: !!(adapter.isFallbackAdapter ?? info.isFallbackAdapter),
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
  };
}

/** The WebGL renderer string (WEBGL_debug_renderer_info), or null where it cannot be read. */
export function webglRenderer(): string | null {
  try {
    const Canvas = (globalThis as { OffscreenCanvas?: new (w: number, h: number) => { getContext(k: string): unknown } }).OffscreenCanvas;
    if (!Canvas) return null;
    const gl = new Canvas(1, 1).getContext('webgl2') as null | { getExtension(n: string): { UNMASKED_RENDERER_WEBGL: number } | null; getParameter(p: number): unknown };
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : null;
  } catch {
    return null;
  }
}

/** Why this WebGL renderer is a software one, or null. */
export function softwareRenderer(renderer: string | null): string | null {
  return renderer && SOFTWARE.test(renderer) ? `a software renderer (${renderer})` : null;
}

/** The graph without what does not change the step's cost (ids, positions, seed, step budget). */
export function graphShapeKey(v: ValidatedGraph): string {
  return JSON.stringify(v.nodes.map((n) => [n.spec.type, n.params, Object.values(n.sources)]));
}

const winners = new Map<string, { backend: BackendName; why: string }>();

/** ms per step of the graph on a backend (the caller runs a few steps there). */
export type StepTimer = (b: BackendName) => Promise<number>;

/**
 * Times each candidate on the graph (once per graph shape) and returns the fastest,
 * with the figures that decided it. A candidate whose timing fails is left out.
 */
export async function fastestByTiming(key: string, candidates: BackendName[], time: StepTimer): Promise<{ backend: BackendName; why: string } | null> {
  const known = winners.get(key);
  if (known) return { backend: known.backend, why: `${known.why} (measured earlier for this graph)` };
  const results: Array<[BackendName, number]> = [];
  for (const b of candidates) {
    try {
      const ms = await time(b);
      if (Number.isFinite(ms)) results.push([b, ms]);
    } catch {
      // a backend that cannot run the graph simply does not win
    }
  }
  if (!results.length) return null;
  results.sort((a, b) => a[1] - b[1]);
  const why = `auto timed this graph: ${results.map(([b, ms]) => `${b} ${ms.toFixed(0)} ms/step`).join(', ')}`;
  const win = { backend: results[0][0], why };
  winners.set(key, win);
  return win;
}

/** Tests: forget the remembered winners. */
export function forgetTimings(): void {
  winners.clear();
}
