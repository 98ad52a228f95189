// SimSiam's loss (facebookresearch/simsiam, main_simsiam.py): negative cosine
// similarity between the predictor output and the stop-gradient projection.
import type { Tensor, Tf } from '../spec';
import { cosineSimilarity } from './normalize';

/**
 * −cos(p, z) averaged over the batch; minimum −1. Pure: the caller stops the gradient
 * of z (the official model returns z.detach()).
 * p, z: [B, D] -> scalar
 */
export function simsiamLoss(tf: Tf, p: Tensor, z: Tensor): Tensor {
  return tf.tidy(() => tf.neg(tf.mean(cosineSimilarity(tf, p, z))));
}

/**
 * −½[cos(p1, z2) + cos(p2, z1)]: the official loss AVERAGES the two directions
 * (range [−1, 1]), where BYOL sums its two.
 * p1, z2, p2, z1: [B, D] -> scalar
 */
export function simsiamSymmetric(tf: Tf, p1: Tensor, z2: Tensor, p2: Tensor, z1: Tensor): Tensor {
  return tf.tidy(() => tf.mul(0.5, tf.add(simsiamLoss(tf, p1, z2), simsiamLoss(tf, p2, z1))));
}
