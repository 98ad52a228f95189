// PCA projection of embeddings to 2-D for the latent-space plot: the top two
// eigenvectors of the covariance (Jacobi, exact for the D ≤ a few hundred we
// plot). Signs are fixed (largest |loading| positive) so consecutive
// snapshots do not flip and the time scrubber shows motion, not mirror images.
import type { Tensor, Tf } from '../spec';
import { symmetricEigen } from './collapse';

export interface Projection {
  /** [N * 2] x, y per point */
  points: Float32Array;
  /** Fraction of the variance each axis explains. */
  explained: [number, number];
}

export async function pca2d(tf: Tf, x: Tensor): Promise<Projection> {
  const [n, d] = x.shape as [number, number];
  const cov = tf.tidy(() => {
    const xc = tf.sub(x, tf.mean(x, 0));
    return tf.div(tf.matMul(xc as never, xc as never, true, false), Math.max(1, n - 1)); // [D, D]
  });
  const { values, vectors } = symmetricEigen(Float64Array.from(await cov.data()), d);
  cov.dispose();
  const order = values.map((v, i) => [v, i] as const).sort((p, q) => q[0] - p[0]);
  const total = values.reduce((s, v) => s + Math.max(0, v), 0) || 1;
  const comps = order.slice(0, 2).map(([, i]) => {
    const col = Array.from({ length: d }, (_, k) => vectors[k * d + i]);
    const big = col.reduce((b, v) => (Math.abs(v) > Math.abs(b) ? v : b), 0);
    return big < 0 ? col.map((v) => -v) : col;
  });
  while (comps.length < 2) comps.push(new Array(d).fill(0));
  const proj = tf.tidy(() => tf.matMul(tf.sub(x, tf.mean(x, 0)) as never, tf.tensor2d(comps).transpose() as never)); // [N, 2]
  const points = new Float32Array(await proj.data());
  proj.dispose();
  return { points, explained: [Math.max(0, order[0]?.[0] ?? 0) / total, Math.max(0, order[1]?.[0] ?? 0) / total] };
}
