// Random affine warp: a small rotation, translation and zoom about the image
// centre, one transform per row, in a single tf.image.transform call. Small
// geometric jitter is the classic augmentation for digits, where crops and
// flips would change the class.
import type { Tensor4D } from '@tensorflow/tfjs';
import type { Tensor, Tf } from '../../spec';
import { drawApplied, imageDims, uniform, type Rand } from './per-sample';

export interface AffineOptions {
  /** Largest rotation either way, in degrees. */
  degrees: number;
  /** Largest shift either way, as a fraction of the width (x) and height (y). */
  translate: number;
  /** Range of the zoom factor. */
  scale: [number, number];
  p: number;
}

/**
 * The 8 projective-transform numbers tf.image.transform wants: they map an
 * OUTPUT pixel (x, y) to the INPUT pixel it samples, so this is the inverse of
 * "rotate by θ and scale by s about the centre c, then shift by t":
 *   in = R(−θ)/s · (out − c − t) + c
 * With y pointing down, θ > 0 turns the image clockwise on screen.
 */
export function affineRow(h: number, w: number, theta: number, s: number, tx: number, ty: number): number[] {
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const a0 = Math.cos(theta) / s;
  const a1 = Math.sin(theta) / s;
  const b0 = -Math.sin(theta) / s;
  const b1 = Math.cos(theta) / s;
  const ox = cx + tx;
  const oy = cy + ty;
  return [a0, a1, cx - a0 * ox - a1 * oy, b0, b1, cy - b0 * ox - b1 * oy, 0, 0];
}

/** x: [N, H, W, C] -> [N, H, W, C], each row its own transform. */
export function randomAffine(tf: Tf, x: Tensor, rand: Rand, o: AffineOptions): Tensor {
  const [n, h, w] = imageDims(x, 'random affine');
  if (o.p <= 0) return x;
  const applied = drawApplied(rand, n, o.p);
  const m = new Float32Array(n * 8); // [N, 8]
  for (let i = 0; i < n; i++) {
    const theta = (uniform(rand, -o.degrees, o.degrees) * Math.PI) / 180;
    const tx = uniform(rand, -o.translate, o.translate) * w;
    const ty = uniform(rand, -o.translate, o.translate) * h;
    const s = uniform(rand, o.scale[0], o.scale[1]);
    m.set(applied[i] ? affineRow(h, w, theta, s, tx, ty) : [1, 0, 0, 0, 1, 0, 0, 0], i * 8);
  }
  return tf.tidy(() => {
    // 'nearest' fill repeats the border pixels into the uncovered corners: no
    // fill value to pick per pixel range, and digit / shape borders are background
    const warp = (img: Tensor, t: Tensor) => tf.image.transform(img as Tensor4D, t as never, 'bilinear', 'nearest');
    if (tf.getBackend() !== 'cpu') return warp(x, tf.tensor2d(m, [n, 8])); // [N, H, W, C]
    // tfjs 4.22's cpu Transform kernel returns after the first image of a batch
    // (its `return` sits inside the batch loop; the other rows come back as the
    // fill value), so on cpu each row is warped on its own
    const rows = tf.split(x, n, 0); // N × [1, H, W, C]
    return tf.concat(rows.map((r, i) => warp(r, tf.tensor2d(m.subarray(i * 8, i * 8 + 8), [1, 8]))), 0); // [N, H, W, C]
  });
}
