// Collapse monitors: is the embedding using its dimensions, or has it shrunk
// to a point (complete collapse) or a low-dimensional subspace (dimensional
// collapse)?
import type { Tensor, Tf } from '../spec';

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
 * Effective rank (Roy & Vetterli): exp of the entropy of the normalised
 * singular values of the centred embedding. D for an isotropic cloud, 1 for a
 * line. Singular values from the eigenvalues of the D×D covariance (Jacobi
 * rotations in JS: D ≤ a few hundred). x: [N, D] -> number
 */
export async function effectiveRank(tf: Tf, x: Tensor): Promise<number> {
  const c = tf.tidy(() => {
    const xc = tf.sub(x, tf.mean(x, 0));
    return tf.matMul(xc as never, xc as never, true, false); // [D, D] = Xᵀ X
  });
  const d = c.shape[0];
  const a = Float64Array.from(await c.data());
  c.dispose();
  const eig = symmetricEigenvalues(a, d);
  const sv = eig.map((e) => Math.sqrt(Math.max(0, e)));
  const total = sv.reduce((s, v) => s + v, 0);
  if (total <= 0) return 0;
  let h = 0;
  for (const v of sv) if (v > 0) h -= (v / total) * Math.log(v / total);
  return Math.exp(h);
}

/** Cyclic Jacobi eigenvalue algorithm for a symmetric d×d matrix (row-major). */
export function symmetricEigenvalues(m: Float64Array, d: number, sweeps = 60): number[] {
  return symmetricEigen(m, d, sweeps).values;
}

/**
 * Eigen-decomposition of a symmetric d×d matrix by cyclic Jacobi rotations:
 * values (unsorted) and the matching eigenvectors as the columns of `vectors` (row-major d×d).
 */
export function symmetricEigen(m: Float64Array, d: number, sweeps = 60): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q] ** 2;
    if (off < 1e-22 * Math.max(1, Math.abs(a[0]))) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cs = 1 / Math.sqrt(t * t + 1);
        const sn = t * cs;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = cs * akp - sn * akq;
          a[k * d + q] = sn * akp + cs * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = cs * apk - sn * aqk;
          a[q * d + k] = sn * apk + cs * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = cs * vkp - sn * vkq;
          v[k * d + q] = sn * vkp + cs * vkq;
        }
      }
    }
  }
  return { values: Array.from({ length: d }, (_, i) => a[i * d + i]), vectors: v };
}
