// InfoNCE losses: SimCLR's NT-Xent over the 2B views of a batch, and MoCo's
// query-vs-(key, queue) form.
import type { Tensor, Tf } from '../spec';
import { l2Normalize } from './normalize';

// Transposes are explicit (not matMul flags): the wasm backend runs flagged matMuls
// ~10x slower (docs/backends.md).
//
// google-research/simclr tf2/objective.py masks self-similarity by subtracting this
// from the diagonal logits (exp underflows to exactly 0, and the gradient is unaffected).
const LARGE_NUM = 1e9;

/**
 * NT-Xent (SimCLR). Both views are L2-normalised and stacked, h = [n(z1); n(z2)]
 * ([2B, D]); each of the 2B rows is an anchor whose logits are its similarities to the
 * other 2B − 1 rows divided by τ (self-similarity masked), and whose positive is the
 * other view of the same image.
 *
 * Returns the per-anchor MEAN over all 2B anchors (the lightly / solo-learn
 * convention). Official SimCLR (tf2/objective.py add_contrastive_loss) returns
 * loss_a + loss_b, each the mean over B anchors of one direction: that SUM is exactly
 * 2× ours, and so are its gradients. Identical embeddings give ln(2B − 1) here.
 * z1, z2: [B, D] -> scalar
 */
export function ntXent(tf: Tf, z1: Tensor, z2: Tensor, temperature: number): Tensor {
  return tf.tidy(() => {
    const b = z1.shape[0];
    const h = tf.concat([l2Normalize(tf, z1), l2Normalize(tf, z2)], 0); // [2B, D]
    const sim = tf.div(tf.matMul(h, tf.transpose(h)), temperature); // [2B, 2B]
    const logits = tf.sub(sim, tf.mul(tf.eye(2 * b), LARGE_NUM)); // [2B, 2B]
    // row i's positive is column (i + B) mod 2B
    const pos = tf.tensor1d(
      Array.from({ length: 2 * b }, (_, i) => (i + b) % (2 * b)),
      'int32',
    ); // [2B]
    const labels = tf.cast(tf.oneHot(pos, 2 * b), 'float32'); // [2B, 2B]
    const logp = tf.logSoftmax(logits, -1); // [2B, 2B]
    return tf.neg(tf.mean(tf.sum(tf.mul(labels, logp), -1))); // scalar
  });
}

/**
 * MoCo v2 InfoNCE (facebookresearch/moco, moco/builder.py): logits = [q·k, q·queueᵀ]/T
 * with the positive at index 0, cross-entropy averaged over the batch.
 * q and k are L2-normalised here (the official builder normalises both encoders'
 * outputs before the loss; normalising twice changes neither value nor gradient).
 * The queue must already hold normalised keys, stored [K, D] (the official buffer is
 * [D, K]). Keys come from the momentum encoder without gradient: the caller detaches
 * k (this function stays pure, so its gradient w.r.t. k is the plain math).
 * Everything identical gives ln(K + 1).
 * q, k: [B, D], queue: [K, D] -> scalar
 */
export function mocoInfoNce(tf: Tf, q: Tensor, k: Tensor, queue: Tensor, temperature: number): Tensor {
  return tf.tidy(() => {
    const qn = l2Normalize(tf, q); // [B, D]
    const kn = l2Normalize(tf, k); // [B, D]
    const lPos = tf.sum(tf.mul(qn, kn), -1, true); // [B, 1]
    const lNeg = tf.matMul(qn, tf.transpose(queue)); // [B, K]
    const logits = tf.div(tf.concat([lPos, lNeg], 1), temperature); // [B, 1 + K]
    const logp = tf.logSoftmax(logits, -1); // [B, 1 + K]
    return tf.neg(tf.mean(tf.slice(logp, [0, 0], [-1, 1]))); // scalar, label 0
  });
}
