// Per-sample random draws for the augmentations, and the two tensor helpers
// that apply them. Parameters (which rows are augmented, crop boxes, angles,
// factors) are drawn row by row from a seeded JS generator, then applied in
// batched tensor ops: each row, and so each stacked view of the same image,
// gets its own draw, which is what makes two views of one image differ.
import type { Tensor, Tf } from '../../spec';

/** A seeded uniform generator on [0, 1), e.g. mulberry32(ctx.seed()). */
export type Rand = () => number;

export function uniform(rand: Rand, lo: number, hi: number): number {
  return lo + (hi - lo) * rand();
}

/** Which of n rows an augmentation with probability p touches (one draw per row). */
export function drawApplied(rand: Rand, n: number, p: number): boolean[] {
  // one draw per row whatever p is (and the ops draw their other parameters for
  // every row too), so changing p does not shift the rest of the random stream
  return Array.from({ length: n }, () => rand() < p);
}

/** Image batch dimensions, checked: the augmentations work on [N, H, W, C]. */
export function imageDims(x: Tensor, what: string): [number, number, number, number] {
  if (x.rank !== 4) throw new Error(`${what} needs an image batch [N, H, W, C], got shape [${x.shape.join(', ')}]`);
  return x.shape as [number, number, number, number];
}

/**
 * One value per row, shaped to multiply or add onto a batch of `shape`
 * ([N, ...]): [N, 1, ...] for the GPU and wasm kernels, which broadcast
 * natively, but spread to the full shape (an outer product with a row of ones,
 * exact since v·1 = v) on the cpu backend, which broadcasts leading axes
 * element by element, ~20× slower than a same-shape op. (On webgpu the
 * outer product is the slow one.)
 */
export function perRow(tf: Tf, v: Tensor | Float32Array, shape: number[]): Tensor {
  const n = shape[0];
  return tf.tidy(() => {
    const col = v instanceof Float32Array ? tf.tensor2d(v, [n, 1]) : tf.reshape(v, [n, 1]); // [N, 1]
    if (tf.getBackend() !== 'cpu') return tf.reshape(col, [n, ...shape.slice(1).map(() => 1)]); // [N, 1, ...]
    const per = shape.slice(1).reduce((a, b) => a * b, 1);
    return tf.reshape(tf.matMul(col, tf.ones([1, per])), shape); // [N, ...]
  });
}

/**
 * Rows marked `applied` from y, the others from x, bit-exact: x·(1 − a) + y·a
 * with a exactly 0 or 1 only ever multiplies by 1 and adds a zero (both
 * finite), and it needs no bool broadcast, which tf.where does slowly on cpu
 * and wasm.
 */
export function selectRows(tf: Tf, applied: boolean[], y: Tensor, x: Tensor): Tensor {
  if (applied.every(Boolean)) return y;
  if (!applied.some(Boolean)) return x;
  return tf.tidy(() => {
    const a = perRow(tf, Float32Array.from(applied, Number), x.shape); // broadcasts onto x
    return tf.add(tf.mul(x, tf.sub(1, a)), tf.mul(y, a));
  });
}
