// PCA projection of embeddings to 2-D for the latent-space plot: the top two
// principal axes. Bounded work for any width: the eigenproblem is the D×D
// covariance when D is small, else the Gram matrix of a row sample (axes
// recovered as Xᵀu/√λ), see collapse.ts. Signs are fixed (largest |loading|
// positive) so consecutive snapshots do not flip and the time scrubber shows
// motion, not mirror images.
import type { Tensor, Tf } from '../spec';
import { boundedScatter } from './collapse';
import { symmetricEigen } from './symmetric-eigen';

export interface Projection {
  /** [N * 2] x, y per point */
  points: Float32Array;
  /** Fraction of the variance each axis explains (of the rows used for the axes). */
  explained: [number, number];
}

export async function pca2d(tf: Tf, x: Tensor): Promise<Projection> {
  const d = x.shape[1] as number;
  const s = boundedScatter(tf, x);
  const { values, vectors } = symmetricEigen(await s.m.data(), s.side);
  s.m.dispose();
  let total = 0;
  for (const v of values) total += Math.max(0, v);
  total ||= 1;
  const top = [0, 1].filter((i) => i < s.side && values[i] > 0);
  let axes: number[][];
  if (!s.rows) {
    axes = top.map((i) => Array.from({ length: d }, (_, k) => vectors![k * s.side + i]));
  } else {
    // u: eigenvector of the Gram matrix -> principal axis Xcᵀ u / √λ (unit length) [d]
    const u = tf.tensor2d(top.flatMap((i) => Array.from({ length: s.side }, (_, k) => vectors![k * s.side + i])), [top.length, s.side]);
    const a = tf.tidy(() => tf.div(tf.matMul(u as never, s.rows as never), tf.sqrt(tf.tensor1d(top.map((i) => values[i]))).reshape([top.length, 1]))); // [k, d]
    axes = top.length ? ((await a.array()) as number[][]) : [];
    tf.dispose([u, a, s.rows]);
  }
  axes = axes.map((col) => {
    const big = col.reduce((b, v) => (Math.abs(v) > Math.abs(b) ? v : b), 0);
    return big < 0 ? col.map((v) => -v) : col;
  });
  while (axes.length < 2) axes.push(new Array(d).fill(0));
  const proj = tf.tidy(() => tf.matMul(tf.sub(x, tf.mean(x, 0)) as never, tf.tensor2d(axes).transpose() as never)); // [N, 2]
  const points = new Float32Array(await proj.data());
  proj.dispose();
  return { points, explained: [Math.max(0, values[0] ?? 0) / total, Math.max(0, values[1] ?? 0) / total] };
}
