// L2 normalisation and cosine similarity along the feature axis, shared by the
// joint-embedding losses (SimCLR, MoCo, BYOL, SimSiam, SwAV).
import type { Tensor, Tf } from '../spec';

/**
 * x / max(‖x‖, sqrt(eps)) along the last axis, written as x·rsqrt(max(Σx², eps)):
 * the form of tf.math.l2_normalize (SimCLR) and BYOL's helpers.l2_normalize, both with
 * eps = 1e-12 on the squared norm. PyTorch's F.normalize clamps the norm itself at
 * 1e-12; the two differ only for (near-)zero vectors.
 * x: [N, D] -> [N, D]
 */
export function l2Normalize(tf: Tf, x: Tensor, eps = 1e-12): Tensor {
  return tf.tidy(() => {
    const sq = tf.sum(tf.square(x), -1, true); // [N, 1]
    return tf.mul(x, tf.rsqrt(tf.maximum(sq, eps))); // [N, D]
  });
}

/** Row-wise cosine similarity. a, b: [N, D] -> [N] */
export function cosineSimilarity(tf: Tf, a: Tensor, b: Tensor): Tensor {
  return tf.tidy(() => tf.sum(tf.mul(l2Normalize(tf, a), l2Normalize(tf, b)), -1));
}
