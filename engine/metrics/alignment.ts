// Alignment and uniformity of normalised embeddings (Wang & Isola, 2020):
// alignment = E‖f(x) − f(x⁺)‖² over positive pairs (two views of one image; lower
// is better), uniformity = log E exp(−2‖f(x) − f(y)‖²) over all pairs (lower
// means more spread over the sphere; a collapsed embedding scores 0).
import type { Tensor, Tf } from '../spec';

/** views: [2B, D] stacked view-major. */
export async function alignmentUniformity(tf: Tf, views: Tensor): Promise<{ alignment: number; uniformity: number }> {
  const t = tf.tidy(() => {
    const z = tf.div(views, tf.add(tf.norm(views, 'euclidean', 1, true), 1e-12)); // [2B, D]
    const [a, b] = tf.split(z, 2, 0); // [B, D] each
    const align = tf.mean(tf.sum(tf.square(tf.sub(a, b)), 1));
    const sq = tf.sum(tf.square(a), 1, true); // [B, 1]
    const d2 = tf.relu(tf.sub(tf.add(sq, tf.transpose(sq)), tf.mul(2, tf.matMul(a as never, a as never, false, true)))); // [B, B]
    const n = a.shape[0] as number;
    const offDiag = tf.sub(tf.ones([n, n]), tf.eye(n));
    const mean = tf.div(tf.sum(tf.mul(tf.exp(tf.mul(d2, -2)), offDiag)), n * (n - 1));
    return tf.stack([align, tf.log(mean)]);
  });
  const [alignment, uniformity] = await t.data();
  t.dispose();
  return { alignment, uniformity };
}
