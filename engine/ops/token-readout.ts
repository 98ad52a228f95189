// How evaluation and the views turn a token sequence [N, T, D] into one vector per
// image. The mean of the tokens forgets where each patch was, which on digits is
// most of what tells a 6 from a 9; averaging over the four quadrants of the patch
// grid keeps a coarse layout, and concatenating every token keeps all of it. The
// same readout is applied to a trained and an untrained encoder, so comparing them
// stays fair whichever is chosen.
import type { Tensor, Tf } from '../spec';

export const TOKEN_READOUTS = ['mean', 'quadrants', 'tokens'] as const;
export type TokenReadout = (typeof TOKEN_READOUTS)[number];

/**
 * Averaging weights [4, T] over the quadrants of a gh×gw grid (row-major tokens).
 * An odd side gives its middle row or column to the first half, so no patch is
 * dropped and every weight row sums to 1.
 */
export function quadrantWeights(gh: number, gw: number): Float32Array {
  const t = gh * gw;
  const w = new Float32Array(4 * t);
  const rh = Math.ceil(gh / 2);
  const rw = Math.ceil(gw / 2);
  const counts = [rh * rw, rh * (gw - rw), (gh - rh) * rw, (gh - rh) * (gw - rw)];
  for (let r = 0; r < gh; r++) {
    for (let c = 0; c < gw; c++) {
      const q = (r < rh ? 0 : 2) + (c < rw ? 0 : 1);
      w[q * t + r * gw + c] = 1 / counts[q];
    }
  }
  return w;
}

/** tokens: [N, T, D] on a gh×gw grid -> [N, D] (mean), [N, 4·D] (quadrants) or [N, T·D] (tokens). */
export function readTokens(tf: Tf, tokens: Tensor, readout: TokenReadout, grid: [number, number] | undefined): Tensor {
  return tf.tidy(() => {
    const [n, t, d] = tokens.shape as [number, number, number];
    if (readout === 'tokens') return tf.reshape(tokens, [n, t * d]);
    // a grid too small to split in four (or unknown) falls back to the mean
    if (readout === 'mean' || !grid || grid[0] < 2 || grid[1] < 2 || grid[0] * grid[1] !== t) return tf.mean(tokens, 1);
    const w = tf.tensor2d(quadrantWeights(grid[0], grid[1]), [4, t]);
    const byToken = tf.reshape(tf.transpose(tokens, [1, 0, 2]), [t, n * d]); // [T, N·D]
    const q = tf.reshape(tf.matMul(w, byToken), [4, n, d]); // [4, N, D]
    return tf.reshape(tf.transpose(q, [1, 0, 2]), [n, 4 * d]); // [N, 4·D]
  });
}
