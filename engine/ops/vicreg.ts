// VICReg (facebookresearch/vicreg, main_vicreg.py VICReg.forward): invariance +
// variance + covariance, on the two branches' embeddings.
import type { Tensor, Tf } from '../spec';

export interface VicregCoeffs {
  /** sim_coeff (λ): weight of the invariance (MSE) term. */
  sim: number;
  /** std_coeff (μ): weight of the variance (hinge on std) term. */
  std: number;
  /** cov_coeff (ν): weight of the covariance term. */
  cov: number;
}
export const VICREG_DEFAULTS: VicregCoeffs = { sim: 25, std: 25, cov: 1 };

const STD_EPS = 1e-4; // official: torch.sqrt(x.var(dim=0) + 0.0001)

export interface VicregTerms {
  /** sim·invariance + std·variance + cov·covariance */
  loss: Tensor;
  /** F.mse_loss(x, y): mean over N·D */
  invariance: Tensor;
  /** mean relu(1 − std_x)/2 + mean relu(1 − std_y)/2 (unweighted) */
  variance: Tensor;
  /** Σ off-diag(cov_x)²/D + Σ off-diag(cov_y)²/D (unweighted) */
  covariance: Tensor;
}

/** One branch's variance and covariance terms. x: [N, D] -> { variance, covariance } scalars */
function branchTerms(tf: Tf, x: Tensor): { variance: Tensor; covariance: Tensor } {
  const [n, d] = x.shape as [number, number];
  const xc = tf.sub(x, tf.mean(x, 0, true)); // [N, D] centred
  // UNBIASED variance like torch's x.var(dim=0): Σ(x − x̄)²/(N − 1); tf.moments would
  // give the biased Σ/N (multiply by N/(N − 1) if you use it).
  const varU = tf.div(tf.sum(tf.square(xc), 0), n - 1); // [D]
  const std = tf.sqrt(tf.add(varU, STD_EPS)); // [D]
  const variance = tf.mean(tf.relu(tf.sub(1, std))); // scalar
  const cov = tf.div(tf.matMul(tf.transpose(xc), xc), n - 1); // [D, D]
  const offDiag = tf.mul(cov, tf.sub(1, tf.eye(d))); // [D, D], diagonal zeroed (masked, no cancellation)
  const covariance = tf.div(tf.sum(tf.square(offDiag)), d); // scalar
  return { variance, covariance };
}

/**
 * VICReg loss in the official form. A constant batch (both branches equal) gives
 * 25·0 + 25·(1 − √1e-4) + 0 = 24.75.
 * Official quirk kept: cov divides by (batch_size − 1) of ONE device while x is the
 * all-gathered batch; on one device both are N − 1.
 * x, y: [N, D] -> { loss, invariance, variance, covariance } scalars
 */
export function vicregLoss(tf: Tf, x: Tensor, y: Tensor, coeffs: Partial<VicregCoeffs> = {}): VicregTerms {
  const c = { ...VICREG_DEFAULTS, ...coeffs };
  const [invariance, variance, covariance, loss] = tf.tidy(() => {
    const inv = tf.mean(tf.square(tf.sub(x, y))); // scalar, F.mse_loss
    const bx = branchTerms(tf, x);
    const by = branchTerms(tf, y);
    const vr = tf.add(tf.div(bx.variance, 2), tf.div(by.variance, 2)); // scalar
    const cv = tf.add(bx.covariance, by.covariance); // scalar
    const total = tf.addN([tf.mul(c.sim, inv), tf.mul(c.std, vr), tf.mul(c.cov, cv)]); // scalar
    return [inv, vr, cv, total];
  });
  return { loss, invariance, variance, covariance };
}
