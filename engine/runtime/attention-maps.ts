// The attention view's data: for a fixed gallery of held-out digits, run the
// graph up to the first transformer (clean digits, every patch visible: masks
// and augmentations pass through at evaluation) and collect the attention maps
// it reports through ctx.probe. Small: 16 digits × blocks × heads × patches.
import * as tf from '@tensorflow/tfjs';
import type { AttentionEvent } from '../events';
import type { TensorType } from '../types';
import type { Tensor } from '../spec';
import type { CompiledNode, Plan } from './compile';

/** The first node that reports attention maps (a transformer), if any. */
export function attentionNode(plan: Plan): CompiledNode | undefined {
  return plan.nodes.find((n) => n.spec.probes?.includes('attention'));
}

/** The patch grid of the tokens a node reads: its own input's, else the nearest ancestor's (masked tokens lose it). */
export function gridOf(plan: Plan, n: CompiledNode): [number, number] | null {
  const seen = new Set<string>();
  const stack = [n];
  while (stack.length) {
    const c = stack.pop()!;
    for (const t of Object.values(c.inputTypes) as TensorType[]) if (t.grid) return t.grid;
    for (const [src] of Object.values(c.sources)) {
      if (seen.has(src)) continue;
      seen.add(src);
      const s = plan.nodes.find((x) => x.id === src);
      if (s) stack.push(s);
    }
  }
  return null;
}

/** Evenly spread held-out rows for the gallery. */
export function attentionRows(plan: Plan, count = 16): Int32Array {
  const n = Math.min(count, plan.dataset.test.count);
  return Int32Array.from({ length: n }, (_, i) => Math.floor(((i + 0.5) * plan.dataset.test.count) / n));
}

export async function attentionSnapshot(plan: Plan, rows: Int32Array, step: number): Promise<AttentionEvent | null> {
  const node = attentionNode(plan);
  const pixels = plan.dataset.test.pixels;
  if (!node || !pixels) return null;
  const grid = gridOf(plan, node);
  if (!grid) return null;
  const m = tf.tidy(() => {
    let maps: Tensor | null = null;
    plan.embed(node.id, Object.keys(node.outputTypes)[0], { split: 'test', indices: rows }, (name, value) => {
      if (name === 'attention') maps = value; // [N, blocks, heads, T]
    });
    return maps ?? tf.zeros([0, 0, 0, 0]);
  });
  try {
    const [, blocks, heads, t] = m.shape as [number, number, number, number];
    if (t !== grid[0] * grid[1]) return null;
    const f = plan.dataset.sampleShape.reduce((a, b) => a * b, 1);
    const px = new Uint8Array(rows.length * f);
    rows.forEach((r, i) => px.set(pixels.subarray(r * f, (r + 1) * f), i * f));
    return {
      type: 'attention',
      step,
      source: node.id,
      query: (node.params as { pool?: string }).pool === 'cls' ? 'cls' : 'mean',
      rows,
      sampleShape: plan.dataset.sampleShape,
      pixels: px,
      labels: Uint8Array.from(rows, (r) => plan.dataset.test.labels[r]),
      blocks,
      heads,
      grid,
      maps: (await m.data()) as Float32Array,
    };
  } finally {
    m.dispose();
  }
}
