// Salt-and-pepper noise: a random share of the pixels of a row set to the
// brightest (salt) or darkest (pepper) value. An impulse corruption for
// denoising autoencoders, complementary to Gaussian noise: few pixels, each
// destroyed completely rather than all pixels nudged.
import type { Tensor, Tf } from '../../spec';
import { drawApplied, imageDims, type Rand } from './per-sample';

export interface SaltPepperOptions {
  /** Fraction of the pixels replaced, half by salt and half by pepper. */
  amount: number;
  /** Value of pepper and of salt (the pixel range's ends). */
  range: [number, number];
  p: number;
}

/** x: [N, H, W, C] -> [N, H, W, C]; a pixel's channels are replaced together. */
export function saltAndPepper(tf: Tf, x: Tensor, rand: Rand, o: SaltPepperOptions): Tensor {
  const [n, h, w, c] = imageDims(x, 'salt and pepper');
  if (o.p <= 0 || o.amount <= 0) return x;
  const applied = drawApplied(rand, n, o.p);
  const [lo, hi] = o.range;
  // per-pixel draws made here, as two maps: out = x·keep + set, where a
  // replaced pixel has keep 0 and set salt / pepper, the others keep 1, set 0
  const keep = new Float32Array(n * h * w * c).fill(1); // [N, H, W, C]
  const set = new Float32Array(n * h * w * c); // [N, H, W, C]
  for (let i = 0; i < n * h * w; i++) {
    const u = rand();
    if (!applied[Math.floor(i / (h * w))] || u >= o.amount) continue;
    const v = u < o.amount / 2 ? hi : lo;
    for (let ch = 0; ch < c; ch++) {
      keep[i * c + ch] = 0;
      set[i * c + ch] = v;
    }
  }
  return tf.tidy(() => tf.add(tf.mul(x, tf.tensor4d(keep, [n, h, w, c])), tf.tensor4d(set, [n, h, w, c]))); // [N, H, W, C]
}
