// Studio tensors <-> PyTorch state_dict tensors, by the weight map of an export
// (each node part says which studio name lands where, in which layout).
// Tensor-free: plain typed arrays, so the page, the CLI and the tests share it.
import type { ExportPlan } from './plan';
import type { NpzArray } from './npz';
import type { Layout } from './types';

export type Named = Record<string, { shape: number[]; data: Float32Array }>;

/** Permutes a row-major tensor: out[i_perm[0], ...] = in[i_0, ...]; out dim k is in dim perm[k]. */
function permute(data: Float32Array, shape: number[], perm: number[]): { data: Float32Array; shape: number[] } {
  const outShape = perm.map((p) => shape[p]);
  const inStrides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(data.length);
  const idx = new Array(outShape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let k = 0; k < perm.length; k++) src += idx[k] * inStrides[perm[k]];
    out[o] = data[src];
    for (let k = outShape.length - 1; k >= 0; k--) {
      if (++idx[k] < outShape[k]) break;
      idx[k] = 0;
    }
  }
  return { data: out, shape: outShape };
}

const TO_TORCH: Record<Layout, number[] | null> = {
  same: null,
  dense: [1, 0], // [in, out] -> [out, in]
  conv: [3, 2, 0, 1], // [k, k, in, out] -> [out, in, k, k]
  deconv: [3, 2, 0, 1], // [k, k, out, in] -> [in, out, k, k]
};
const FROM_TORCH: Record<Layout, number[] | null> = {
  same: null,
  dense: [1, 0],
  conv: [2, 3, 1, 0], // [out, in, k, k] -> [k, k, in, out]
  deconv: [2, 3, 1, 0],
};

export function toTorchLayout(t: { shape: number[]; data: Float32Array }, layout: Layout): { shape: number[]; data: Float32Array } {
  const perm = TO_TORCH[layout];
  return perm ? permute(t.data, t.shape, perm) : t;
}

export function fromTorchLayout(t: { shape: number[]; data: Float32Array }, layout: Layout): { shape: number[]; data: Float32Array } {
  const perm = FROM_TORCH[layout];
  return perm ? permute(t.data, t.shape, perm) : t;
}

/** The studio's tensors (by `<node id>.<name>`) as a PyTorch state_dict (by key). */
export function studioToTorch(plan: ExportPlan, studio: Named): Record<string, NpzArray> {
  const out: Record<string, NpzArray> = {};
  const missing: string[] = [];
  for (const w of plan.weightMap) {
    const t = studio[w.studio];
    if (!t) missing.push(w.studio);
    else out[w.torch] = toTorchLayout(t, w.layout);
  }
  if (missing.length) throw new Error(`the studio has no tensor ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', …' : ''}`);
  return out;
}

export interface TorchImport {
  tensors: Named;
  /** Studio tensors the file did not hold (they keep their current values). */
  missing: string[];
  /** Tensors of the file the graph has no place for. */
  unused: string[];
}

/** A PyTorch state_dict (weights.npz from train.py) as studio tensors; shapes are checked. */
export function torchToStudio(plan: ExportPlan, torch: Record<string, NpzArray>, expected: Record<string, number[]>): TorchImport {
  const tensors: Named = {};
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const w of plan.weightMap) {
    const t = torch[w.torch];
    if (!t) {
      missing.push(w.studio);
      continue;
    }
    seen.add(w.torch);
    const data = t.data instanceof Float32Array ? t.data : Float32Array.from(t.data);
    const back = fromTorchLayout({ shape: t.shape, data }, w.layout);
    const want = expected[w.studio];
    if (want && want.join(',') !== back.shape.join(',')) throw new Error(`${w.torch} has shape [${t.shape.join(', ')}], the graph's ${w.studio} needs [${want.join(', ')}] (in PyTorch layout)`);
    tensors[w.studio] = back;
  }
  return { tensors, missing, unused: Object.keys(torch).filter((k) => !seen.has(k)) };
}
