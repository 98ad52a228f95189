// BYOL's regression loss (deepmind-research/byol, utils/helpers.py regression_loss):
// the squared distance between the L2-normalised online prediction and target
// projection, ‖n(p) − n(z)‖² = 2 − 2·cos(p, z).
import type { Tensor, Tf } from '../spec';
import { l2Normalize } from './normalize';

/**
 * One direction, averaged over the batch: 0 for identical directions, 4 for opposite.
 * Pure: the target z must come from the EMA target network with its gradient stopped
 * by the caller (graph / stopGradient); here the gradient w.r.t. z is the plain math.
 * p, z: [B, D] -> scalar
 */
export function byolLoss(tf: Tf, p: Tensor, z: Tensor): Tensor {
  return tf.tidy(() => {
    const d = tf.sub(l2Normalize(tf, p), l2Normalize(tf, z)); // [B, D]
    return tf.mean(tf.sum(tf.square(d), -1)); // scalar
  });
}

/**
 * Symmetrised BYOL: the official experiment SUMS the two directions
 * (loss = mean(regression_loss(p1, z2') + regression_loss(p2, z1'))), so it ranges over
 * [0, 8]; SimSiam instead AVERAGES its two directions (see simsiam.ts).
 * p1, z2, p2, z1: [B, D] -> scalar
 */
export function byolSymmetric(tf: Tf, p1: Tensor, z2: Tensor, p2: Tensor, z1: Tensor): Tensor {
  return tf.tidy(() => tf.add(byolLoss(tf, p1, z2), byolLoss(tf, p2, z1)));
}
