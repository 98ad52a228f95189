// Cutout (DeVries & Taylor 2017): one square hole per row, filled with a
// constant. Masking part of the input forces the representation to use the
// context around the hole, the idea that masked image modelling scales up.
import type { Tensor, Tf } from '../../spec';
import { drawApplied, imageDims, type Rand } from './per-sample';

export interface CutoutOptions {
  /** Side of the hole as a fraction of the image's shorter side. */
  size: number;
  /** Value written into the hole. */
  fill: number;
  p: number;
}

/** Side of the hole in pixels (at least one). */
export function cutoutSide(h: number, w: number, size: number): number {
  return Math.max(1, Math.min(h, w, Math.round(size * Math.min(h, w))));
}

/**
 * x: [N, H, W, C] -> [N, H, W, C]. The hole lies wholly inside the image (unlike
 * the paper's, which may hang over the border), so every augmented row loses
 * exactly side² pixels.
 */
export function cutout(tf: Tf, x: Tensor, rand: Rand, o: CutoutOptions): Tensor {
  const [n, h, w, c] = imageDims(x, 'cutout');
  if (o.p <= 0 || o.size <= 0) return x;
  const applied = drawApplied(rand, n, o.p);
  const side = cutoutSide(h, w, o.size);
  // the holes as two maps: out = x·keep + set (keep 0 and set = fill inside a hole)
  const keep = new Float32Array(n * h * w * c).fill(1); // [N, H, W, C]
  const set = new Float32Array(n * h * w * c); // [N, H, W, C]
  for (let i = 0; i < n; i++) {
    const top = Math.floor(rand() * (h - side + 1));
    const left = Math.floor(rand() * (w - side + 1));
    if (!applied[i]) continue;
    for (let y = top; y < top + side; y++) {
      const from = ((i * h + y) * w + left) * c;
      keep.fill(0, from, from + side * c);
      set.fill(o.fill, from, from + side * c);
    }
  }
  return tf.tidy(() => tf.add(tf.mul(x, tf.tensor4d(keep, [n, h, w, c])), tf.tensor4d(set, [n, h, w, c]))); // [N, H, W, C]
}
