// Images as token sequences (ViT): cut the image into non-overlapping p×p
// patches, flatten each, and add a position embedding so attention, which is
// blind to order, knows where each patch sits. Pure functions taking tf.
import type { Tensor, Tf } from '../spec';

/** Patch grid of an H×W image with patch size p (p must divide both). */
export function patchGrid(h: number, w: number, p: number): { gh: number; gw: number } {
  return { gh: h / p, gw: w / p };
}

/**
 * x: [B, H, W, C] -> [B, T, p·p·C] with T = (H/p)·(W/p), patches row-major,
 * each patch flattened as (row, column, channel), the order MAE's patchify uses.
 * Rank-4 reshapes and transposes only, so every backend (wasm too) runs it.
 */
export function patchify(tf: Tf, x: Tensor, p: number): Tensor {
  const [b, h, w, c] = x.shape as [number, number, number, number];
  const { gh, gw } = patchGrid(h, w, p);
  const rows = tf.reshape(x, [b * gh, p, gw, p * c]); // [B·gh, p, gw, p·C]
  const t = tf.transpose(rows, [0, 2, 1, 3]); // [B·gh, gw, p, p·C]
  return tf.reshape(t, [b, gh * gw, p * p * c]); // [B, T, p·p·C]
}

/** The inverse of patchify: [B, T, p·p·C] -> [B, gh·p, gw·p, C]. */
export function unpatchify(tf: Tf, tokens: Tensor, p: number, gh: number, gw: number, c: number): Tensor {
  const b = tokens.shape[0];
  const t = tf.reshape(tokens, [b * gh, gw, p, p * c]); // [B·gh, gw, p, p·C]
  const rows = tf.transpose(t, [0, 2, 1, 3]); // [B·gh, p, gw, p·C]
  return tf.reshape(rows, [b, gh * p, gw * p, c]);
}

/** 1-D sine-cosine embedding of positions (Vaswani et al.): [n] -> [n, d], d even. */
function sincos1d(pos: number[], d: number): number[][] {
  const half = d / 2;
  return pos.map((x) => {
    const row = new Array<number>(d);
    for (let i = 0; i < half; i++) {
      const omega = 1 / 10000 ** (i / half);
      row[i] = Math.sin(x * omega);
      row[half + i] = Math.cos(x * omega);
    }
    return row;
  });
}

/**
 * Fixed 2-D sine-cosine position embedding, as in MAE and I-JEPA: the first half of
 * the width encodes the patch's row, the second half its column. [gh·gw, d] values,
 * row-major over the grid; d must be a multiple of 4.
 */
export function sincos2d(gh: number, gw: number, d: number): Float32Array {
  const out = new Float32Array(gh * gw * d);
  const rowsEmb = sincos1d(Array.from({ length: gh }, (_, i) => i), d / 2);
  const colsEmb = sincos1d(Array.from({ length: gw }, (_, j) => j), d / 2);
  for (let i = 0; i < gh; i++) {
    for (let j = 0; j < gw; j++) {
      const o = (i * gw + j) * d;
      out.set(rowsEmb[i], o);
      out.set(colsEmb[j], o + d / 2);
    }
  }
  return out;
}

/** Per-patch normalised pixels (MAE's norm_pix_loss target): each patch to zero mean, unit variance. [B, T, P] -> [B, T, P] */
export function normalizePatches(tf: Tf, patches: Tensor, eps = 1e-6): Tensor {
  const { mean, variance } = tf.moments(patches, -1, true); // [B, T, 1]
  // MAE divides by the unbiased variance's square root (torch .var default)
  const n = patches.shape[patches.rank - 1];
  const unbiased = tf.mul(variance, n / Math.max(1, n - 1));
  return tf.div(tf.sub(patches, mean), tf.sqrt(tf.add(unbiased, eps)));
}
