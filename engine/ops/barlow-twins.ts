// Barlow Twins (facebookresearch/barlowtwins, main.py BarlowTwins.forward): drive the
// cross-correlation matrix of the two batch-normalised branches to the identity.
import type { Tensor, Tf } from '../spec';

export const BARLOW_LAMBDA = 0.0051; // official --lambd default
// The official code normalises with nn.BatchNorm1d(affine=False) in training mode:
// batch mean and BIASED variance (what tf.moments returns), eps 1e-5.
const BN_EPS = 1e-5;

export interface BarlowTerms {
  /** onDiag + λ·offDiag */
  loss: Tensor;
  /** Σ_i (1 − c_ii)² */
  onDiag: Tensor;
  /** Σ_{i≠j} c_ij² (unweighted; the loss multiplies it by λ) */
  offDiag: Tensor;
}

/** BatchNorm1d without affine, training mode. z: [N, D] -> [N, D] */
function batchNorm(tf: Tf, z: Tensor): Tensor {
  const { mean, variance } = tf.moments(z, 0, true); // [1, D], biased
  return tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, BN_EPS))); // [N, D]
}

/**
 * c = BN(z1)ᵀ BN(z2) / N, each branch normalised separately (the official calls
 * self.bn on z1 and z2 in turn); loss = Σ(1 − c_ii)² + λ Σ_{i≠j} c_ij².
 * A collapsed (constant) batch normalises to zeros, so c = 0 and the loss is D.
 * z1, z2: [N, D] -> { loss, onDiag, offDiag } scalars
 */
export function barlowTwinsLoss(tf: Tf, z1: Tensor, z2: Tensor, lambda = BARLOW_LAMBDA): BarlowTerms {
  const [onDiag, offDiag, loss] = tf.tidy(() => {
    const [n, d] = z1.shape as [number, number];
    const c = tf.div(tf.matMul(tf.transpose(batchNorm(tf, z1)), batchNorm(tf, z2)), n); // [D, D]
    const eye = tf.eye(d); // [D, D]
    const diag = tf.sum(tf.mul(c, eye), -1); // [D]
    const on = tf.sum(tf.square(tf.sub(diag, 1))); // scalar
    const off = tf.sum(tf.square(tf.mul(c, tf.sub(1, eye)))); // scalar
    return [on, off, tf.add(on, tf.mul(lambda, off))];
  });
  return { loss, onDiag, offDiag };
}
