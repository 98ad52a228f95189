// Gaussian mixture with diagonal covariances as an energy: the negative
// log-likelihood −mean_b log Σ_k π_k N(x_b; μ_k, diag σ_k²), with π = softmax(logits)
// so the weights stay a distribution under gradient descent.
import type { Tensor, Tf } from '../spec';

const LOG_2PI = Math.log(2 * Math.PI);
// sklearn GaussianMixture's reg_covar: variance floor in the EM update
const VAR_FLOOR = 1e-6;

/**
 * log π_k + log N(x_b; μ_k, diag exp(logvar_k)) for every pair. The squared
 * differences are broadcast over [B, K, D] rather than expanded into matMuls, which
 * would cancel badly in float32 when x is close to μ and σ is small.
 * x: [B, D], means: [K, D], logvars: [K, D], logits: [K] -> [B, K]
 */
export function gmmJointLogProb(tf: Tf, x: Tensor, means: Tensor, logvars: Tensor, logits: Tensor): Tensor {
  return tf.tidy(() => {
    const d = (x.shape as [number, number])[1];
    const diff = tf.sub(tf.expandDims(x, 1), tf.expandDims(means, 0)); // [B, K, D]
    const maha = tf.sum(tf.mul(tf.square(diff), tf.expandDims(tf.exp(tf.neg(logvars)), 0)), -1); // [B, K]
    const logDet = tf.sum(logvars, -1); // [K]
    const logN = tf.mul(-0.5, tf.add(tf.add(maha, logDet), d * LOG_2PI)); // [B, K]
    return tf.add(logN, tf.logSoftmax(logits)); // [B, K]
  });
}

/** −mean_b logsumexp_k (log π_k + log N_k(x_b)); tf.logSumExp subtracts the max. -> scalar */
export function gmmNll(tf: Tf, x: Tensor, means: Tensor, logvars: Tensor, logits: Tensor): Tensor {
  return tf.tidy(() => tf.neg(tf.mean(tf.logSumExp(gmmJointLogProb(tf, x, means, logvars, logits), -1))));
}

/** Posterior p(k | x_b) (the E-step). -> [B, K], rows sum to 1 */
export function gmmResponsibilities(tf: Tf, x: Tensor, means: Tensor, logvars: Tensor, logits: Tensor): Tensor {
  return tf.tidy(() => tf.softmax(gmmJointLogProb(tf, x, means, logvars, logits), -1));
}

export interface GmmParams {
  means: Tensor; // [K, D]
  logvars: Tensor; // [K, D]
  logits: Tensor; // [K]
}

/**
 * One EM iteration (E-step responsibilities r, then the closed-form M-step
 * N_k = Σ_b r_bk, π_k = N_k/B, μ_k = Σ r x / N_k, σ²_k = Σ r (x − μ_k)² / N_k + 1e-6).
 * The NLL never increases (up to the variance floor). Returned logits are log π.
 */
export function gmmEmStep(tf: Tf, x: Tensor, means: Tensor, logvars: Tensor, logits: Tensor): GmmParams {
  const [m, lv, lg] = tf.tidy(() => {
    const b = x.shape[0];
    const r = gmmResponsibilities(tf, x, means, logvars, logits); // [B, K]
    const nk = tf.add(tf.sum(r, 0), 1e-10); // [K] (1e-10 keeps an empty component finite)
    const mu = tf.div(tf.matMul(tf.transpose(r), x), tf.expandDims(nk, 1)); // [K, D]
    const diff = tf.sub(tf.expandDims(x, 1), tf.expandDims(mu, 0)); // [B, K, D]
    const weighted = tf.sum(tf.mul(tf.square(diff), tf.expandDims(r, 2)), 0); // [K, D]
    const v = tf.add(tf.div(weighted, tf.expandDims(nk, 1)), VAR_FLOOR); // [K, D]
    return [mu, tf.log(v), tf.log(tf.div(nk, b))];
  });
  return { means: m, logvars: lv, logits: lg };
}
