// SwAV (facebookresearch/swav, main_swav.py): swapped prediction of Sinkhorn cluster
// assignments between two views.
import type { Tensor, Tf } from '../spec';
import { l2Normalize } from './normalize';
import { sinkhorn, type SinkhornOptions } from './sinkhorn';

export interface SwavOptions extends SinkhornOptions {
  /** Student temperature of the prediction softmax (official --temperature 0.1). */
  temperature: number;
}
export const SWAV_DEFAULTS: SwavOptions = { temperature: 0.1, epsilon: 0.05, iterations: 3 };

/**
 * Prototypes are L2-normalised once per step, in place and without gradient, before
 * the forward pass (official: `w = normalize(prototypes.weight); weight.copy_(w)` under
 * torch.no_grad()). Call this on the prototype variable's value and assign it back;
 * don't put it inside the gradient tape, or the gradient is projected differently.
 * prototypes: [K, D] -> [K, D]
 */
export function normalizePrototypes(tf: Tf, prototypes: Tensor): Tensor {
  return l2Normalize(tf, prototypes);
}

/**
 * Prototype scores: the normalised features against the (already normalised)
 * prototypes, i.e. cosine similarities in [−1, 1].
 * z: [B, D], prototypes: [K, D] -> [B, K]
 */
export function swavScores(tf: Tf, z: Tensor, prototypes: Tensor): Tensor {
  return tf.tidy(() => tf.matMul(l2Normalize(tf, z), tf.transpose(prototypes))); // [B, K]
}

/**
 * −mean_b Σ_k q_bk log softmax(scores_b / T)_k: predict one view's codes from the
 * other view's scores. q: [B, K] (detached codes), scores: [B, K] -> scalar
 */
export function swappedPrediction(tf: Tf, q: Tensor, scores: Tensor, temperature: number): Tensor {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(q, tf.logSoftmax(tf.div(scores, temperature), -1)), -1))));
}

/**
 * Two-crop SwAV loss: codes q_i = sinkhorn(scores_i) (detached), and
 * ½[ℓ(q1, scores2) + ℓ(q2, scores1)] — the official loop over crops_for_assign
 * averages over the assigned crops and over the other crops, which for two crops is
 * this mean. Uniform predictions give ln K: a loss stuck there means collapse.
 * Not included: the official feature queue (only used for small batches, after a
 * number of epochs) and multi-crop.
 * scores1, scores2: [B, K] -> scalar
 */
export function swavLoss(tf: Tf, scores1: Tensor, scores2: Tensor, opts: Partial<SwavOptions> = {}): Tensor {
  const o = { ...SWAV_DEFAULTS, ...opts };
  return tf.tidy(() => {
    const q1 = sinkhorn(tf, scores1, o); // [B, K]
    const q2 = sinkhorn(tf, scores2, o); // [B, K]
    const l12 = swappedPrediction(tf, q1, scores2, o.temperature);
    const l21 = swappedPrediction(tf, q2, scores1, o.temperature);
    return tf.mul(0.5, tf.add(l12, l21));
  });
}
