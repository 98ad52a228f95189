// Reconstruction losses. `reduction: 'sum'` sums over the features of a sample
// and averages over the batch (the VAE convention, in nats per image);
// 'mean' averages over everything (the AE notebooks' nn.MSELoss()).
import type { Tensor, Tf } from '../spec';
import { clamp } from './clamp';

export type ReconKind = 'mse' | 'bce';
export type Reduction = 'mean' | 'sum';

const BCE_EPS = 1e-7;

/**
 * pred, target: [N, ...] with equal shapes -> scalar, or [N] per sample when
 * `perSample` (each sample's term before the batch mean: for the energy landscape).
 */
export function reconstructionLoss(tf: Tf, pred: Tensor, target: Tensor, kind: ReconKind, reduction: Reduction, perSample = false): Tensor {
  return tf.tidy(() => {
    const n = pred.shape[0];
    const p = tf.reshape(pred, [n, -1]); // [N, F]
    const t = tf.reshape(target, [n, -1]); // [N, F]
    let per: Tensor; // [N, F]
    if (kind === 'mse') {
      per = tf.square(tf.sub(p, t));
    } else {
      // clamp like PyTorch's BCELoss (which clamps log at -100) so a saturated sigmoid stays finite
      const pc = clamp(tf, p, BCE_EPS, 1 - BCE_EPS);
      per = tf.neg(tf.add(tf.mul(t, tf.log(pc)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, pc)))));
    }
    const sample = reduction === 'mean' ? tf.mean(per, 1) : tf.sum(per, 1); // [N]
    return perSample ? sample : tf.mean(sample);
  });
}
