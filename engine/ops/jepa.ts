// I-JEPA's loss (Assran et al. 2023): predict, in embedding space, the target
// encoder's representation of hidden blocks from the visible context. The
// targets are layer-normalised per token (no affine), as in the official code,
// so their scale cannot shrink towards the trivial solution; the distance is
// smooth L1 (official) or squared error (the paper's equation).
import type { Tensor, Tf } from '../spec';
import { maskPositions, takeTokens } from './masking';

export type JepaDistance = 'smooth-l1' | 'mse';

/** Layer norm over the last axis without affine parameters (F.layer_norm(h, (D,)), eps 1e-5). */
export function plainLayerNorm(tf: Tf, x: Tensor, eps = 1e-5): Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps)));
}

/** Smooth L1 with β = 1, element-wise: ½x² for |x| < 1, |x| − ½ beyond. */
export function smoothL1(tf: Tf, x: Tensor): Tensor {
  const a = tf.abs(x);
  const inner = tf.minimum(a, 1);
  return tf.add(tf.mul(0.5, tf.square(inner)), tf.sub(a, inner));
}

/**
 * pred: [B, Tm, D] predictions for the hidden positions (ascending), target: [B, T, D]
 * the target encoder's tokens for the whole image, mask: [B, gh, gw] (1 = hidden).
 * Mean over hidden tokens and dimensions (F.smooth_l1_loss / F.mse_loss, mean reduction).
 */
export function jepaLoss(tf: Tf, pred: Tensor, target: Tensor, mask: Tensor, opts: { normalize: boolean; distance: JepaDistance }, perSample = false): Tensor {
  return tf.tidy(() => {
    const tm = pred.shape[1]!;
    const h = opts.normalize ? plainLayerNorm(tf, target) : target; // [B, T, D]
    const hidden = takeTokens(tf, h, maskPositions(tf, mask, tm, 'hidden')); // [B, Tm, D]
    const diff = tf.sub(pred, hidden);
    const err = opts.distance === 'mse' ? tf.square(diff) : smoothL1(tf, diff); // [B, Tm, D]
    return perSample ? tf.mean(err, [1, 2]) : tf.mean(err);
  });
}
