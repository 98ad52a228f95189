// Collapse monitors: is the embedding using its dimensions, or has it shrunk
// to a point (complete collapse) or a low-dimensional subspace (dimensional
// collapse)?
import type { Tensor, Tf } from '../spec';
import { symmetricEigen } from './symmetric-eigen';

/**
 * Std over the batch of the L2-normalised embedding, averaged over dimensions,
 * times √d. ~1 when normalised embeddings spread over the sphere, ~0 when they
 * collapse to one point (docs/evaluation.md: healthy projector outputs 0.74–0.99,
 * collapsed ≤ 0.02). x: [N, D] -> number
 */
export async function collapseFigure(tf: Tf, x: Tensor): Promise<number> {
  const t = tf.tidy(() => {
    const n = tf.div(x, tf.add(tf.norm(x, 'euclidean', 1, true), 1e-12));
    const { variance } = tf.moments(n, 0);
    return tf.mul(tf.mean(tf.sqrt(variance)), Math.sqrt(x.shape[1] as number));
  });
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

/**
 * The eigen-solvers below are O(k³) in the matrix side k, so k is capped: with
 * D ≤ RANK_MAX_SIDE the D×D covariance of every row is used (exact); a wider
 * embedding uses the Gram matrix of RANK_MAX_SIDE evenly spaced rows, whose
 * non-zero eigenvalues are those of that sample's covariance. The monitor then
 * reports on the sample (at most RANK_MAX_SIDE − 1 dimensions) and says so.
 */
export const RANK_MAX_SIDE = 256;

/** The row-sample rule for an [n, d] embedding, as a sentence for the output (null when all rows are used exactly). */
export function rankSampleNote(n: number, d: number): string | null {
  if (d <= RANK_MAX_SIDE || n <= RANK_MAX_SIDE) return null;
  return `effective rank from the Gram matrix of ${RANK_MAX_SIDE} of ${n} rows (${d} dimensions): at most ${RANK_MAX_SIDE - 1}, bounded work`;
}

/** Evenly spaced row indices: the same rows at every snapshot. */
export function sampleRows(n: number, m: number): Int32Array {
  const k = Math.min(n, m);
  return Int32Array.from({ length: k }, (_, i) => Math.floor((i * n) / k));
}

/**
 * The centred second-moment matrix whose eigenvalues are the squared singular
 * values of the (sampled) embedding: XᵀX [d, d] when d is small, else the Gram
 * matrix X Xᵀ [m, m] of a row sample. Returns it with its side and the rows used.
 */
export function boundedScatter(tf: Tf, x: Tensor): { m: Tensor; side: number; rows: Tensor | null } {
  const [n, d] = x.shape as [number, number];
  const sampled = d > RANK_MAX_SIDE && n > RANK_MAX_SIDE;
  // the smaller of XᵀX [d, d] and X Xᵀ [n, n]: same non-zero eigenvalues
  const gram = sampled || n < d;
  const xc = tf.tidy(() => {
    const xs = sampled ? tf.gather(x, tf.tensor1d(sampleRows(n, RANK_MAX_SIDE), 'int32')) : x; // [m, d]
    return tf.sub(xs, tf.mean(xs, 0));
  });
  const m = tf.tidy(() => (gram ? tf.matMul(xc as never, xc as never, false, true) : tf.matMul(xc as never, xc as never, true, false)));
  if (gram) return { m, side: xc.shape[0], rows: xc };
  xc.dispose();
  return { m, side: d, rows: null };
}

/**
 * Effective rank (Roy & Vetterli): exp of the entropy of the normalised
 * singular values of the centred embedding. D for an isotropic cloud, 1 for a
 * line. Bounded work for any width (see RANK_MAX_SIDE). x: [N, D] -> number
 */
export async function effectiveRank(tf: Tf, x: Tensor): Promise<number> {
  const s = boundedScatter(tf, x);
  s.rows?.dispose();
  const a = await s.m.data();
  s.m.dispose();
  const eig = symmetricEigen(a, s.side, false).values;
  let total = 0;
  for (const e of eig) total += Math.sqrt(Math.max(0, e));
  if (!(total > 0)) return total === 0 ? 0 : NaN;
  let h = 0;
  for (const e of eig) {
    const v = Math.sqrt(Math.max(0, e)) / total;
    if (v > 0) h -= v * Math.log(v);
  }
  return Math.exp(h);
}

/** Eigenvalues of a symmetric d×d matrix (row-major), descending. */
export function symmetricEigenvalues(m: ArrayLike<number>, d: number): number[] {
  return Array.from(symmetricEigen(m, d, false).values);
}
