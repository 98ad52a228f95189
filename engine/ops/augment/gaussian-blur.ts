// Gaussian blur with a random width per row (SimCLR, BYOL). Blurring removes
// the fine texture two crops could be matched by, so the encoder has to agree
// on coarser structure.
import type { Tensor4D } from '@tensorflow/tfjs';
import type { Tensor, Tf } from '../../spec';
import { drawApplied, imageDims, uniform, type Rand } from './per-sample';

export interface BlurOptions {
  /** Range of the kernel's standard deviation, in pixels. */
  sigma: [number, number];
  p: number;
}

/** Kernel radius covering ±3σ of the widest draw, capped so reflect padding fits the image. */
export function blurRadius(h: number, w: number, sigmaMax: number): number {
  return Math.max(0, Math.min(Math.ceil(3 * sigmaMax), h - 1, w - 1));
}

/** Normalised 1-D Gaussian taps for offsets −r..r; σ = 0 gives the identity (a single 1). */
export function gaussianTaps(sigma: number, r: number): Float32Array {
  const k = new Float32Array(2 * r + 1);
  if (sigma <= 0) {
    k[r] = 1;
    return k;
  }
  let sum = 0;
  for (let j = -r; j <= r; j++) sum += k[j + r] = Math.exp(-(j * j) / (2 * sigma * sigma));
  for (let j = 0; j < k.length; j++) k[j] /= sum;
  return k;
}

/**
 * x: [N, H, W, C] -> [N, H, W, C]. Each row gets its own σ in one batched op:
 * the rows are moved into the channel axis ([1, H, W, N·C]) so a depthwise
 * convolution applies a different kernel to each, separably (1×k then k×1).
 * Rows left alone get the identity kernel, which reproduces them exactly.
 */
export function gaussianBlur(tf: Tf, x: Tensor, rand: Rand, o: BlurOptions): Tensor {
  const [n, h, w, c] = imageDims(x, 'gaussian blur');
  const r = blurRadius(h, w, o.sigma[1]);
  if (o.p <= 0 || r === 0) return x;
  const applied = drawApplied(rand, n, o.p);
  const k = 2 * r + 1;
  const nc = n * c;
  const taps = new Float32Array(k * nc); // [k, N·C]: tap j of channel (row i, channel ch) at j·N·C + i·C + ch
  for (let i = 0; i < n; i++) {
    const sigma = uniform(rand, o.sigma[0], o.sigma[1]);
    const g = gaussianTaps(applied[i] ? sigma : 0, r);
    for (let j = 0; j < k; j++) for (let ch = 0; ch < c; ch++) taps[j * nc + i * c + ch] = g[j];
  }
  return tf.tidy(() => {
    const cols = tf.reshape(tf.transpose(x, [1, 2, 0, 3]), [1, h, w, nc]); // [1, H, W, N·C]
    // reflect padding: the blur near the border sees image, not a constant that
    // would depend on the pixel range
    const padded = tf.mirrorPad(cols, [[0, 0], [r, r], [r, r], [0, 0]], 'reflect') as Tensor4D; // [1, H+2r, W+2r, N·C]
    const horiz = tf.depthwiseConv2d(padded, tf.tensor4d(taps, [1, k, nc, 1]), 1, 'valid'); // [1, H+2r, W, N·C]
    const both = tf.depthwiseConv2d(horiz, tf.tensor4d(taps, [k, 1, nc, 1]), 1, 'valid'); // [1, H, W, N·C]
    return tf.transpose(tf.reshape(both, [h, w, n, c]), [2, 0, 1, 3]); // [N, H, W, C]
  });
}
