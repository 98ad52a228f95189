// Sinkhorn-Knopp equipartition (facebookresearch/swav, main_swav.py distributed_sinkhorn):
// turns prototype scores into soft cluster assignments in which every prototype
// receives the same share of the batch, which is what keeps SwAV from collapsing.
import type { Tensor, Tf } from '../spec';
import { stopGradient } from './stop-gradient';

export interface SinkhornOptions {
  /** Entropic regularisation ε (official --epsilon 0.05). */
  epsilon: number;
  /** Official --sinkhorn_iterations 3. */
  iterations: number;
}
export const SINKHORN_DEFAULTS: SinkhornOptions = { epsilon: 0.05, iterations: 3 };

/**
 * Follows distributed_sinkhorn step for step (one device):
 *   Q = exp(scores/ε)ᵀ                     [K, B]
 *   Q /= ΣQ
 *   repeat: Q /= row sums; Q /= K          each prototype gets 1/K of the mass
 *           Q /= column sums; Q /= B       each sample gets 1/B
 *   Q *= B; return Qᵀ                      [B, K]
 * so each sample's assignment sums to 1 exactly (the last step normalises samples),
 * while each prototype's total approaches B/K as iterations grow.
 * The official function is @torch.no_grad: the input is detached here, so no gradient
 * flows back through the targets. Scores are meant to be cosine similarities ([−1, 1]);
 * scores spread over far more than that can underflow a whole sample's column to 0 and
 * give NaN (the official would overflow first).
 * scores: [B, K] -> Q: [B, K]
 */
export function sinkhorn(tf: Tf, scores: Tensor, opts: Partial<SinkhornOptions> = {}): Tensor {
  const { epsilon, iterations } = { ...SINKHORN_DEFAULTS, ...opts };
  return tf.tidy(() => {
    const [b, k] = scores.shape as [number, number];
    const s = stopGradient(tf, scores); // [B, K]
    // Overflow guard: exp(scores/ε) overflows float32 once a score exceeds 88ε (4.4 at
    // ε = 0.05). A per-prototype constant factor is cancelled exactly by the first row
    // normalisation, so we subtract each prototype's max over the batch (every row then
    // keeps an entry equal to 1); with no iterations only a global shift is exact.
    const shift = iterations > 0 ? tf.max(s, 0, true) : tf.max(s); // [1, K] or scalar
    let q = tf.transpose(tf.exp(tf.div(tf.sub(s, shift), epsilon))); // [K, B]
    q = tf.div(q, tf.sum(q));
    for (let it = 0; it < iterations; it++) {
      q = tf.div(tf.div(q, tf.sum(q, 1, true)), k); // rows (prototypes) sum to 1/K
      q = tf.div(tf.div(q, tf.sum(q, 0, true)), b); // columns (samples) sum to 1/B
    }
    return tf.transpose(tf.mul(q, b)); // [B, K], rows sum to 1
  });
}
