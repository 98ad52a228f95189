// K-means as an energy: E = mean over samples of the squared distance to the nearest
// centroid (sklearn's inertia is the SUM over samples, i.e. B × ours).
import type { Tensor, Tf } from '../spec';

/**
 * ‖x_b − c_k‖² for every pair, as ‖x‖² − 2x·c + ‖c‖² (one matMul instead of a
 * [B, K, D] broadcast), clamped at 0 against float round-off.
 * x: [B, D], centroids: [K, D] -> [B, K]
 */
export function squaredDistances(tf: Tf, x: Tensor, centroids: Tensor): Tensor {
  return tf.tidy(() => {
    const xx = tf.sum(tf.square(x), -1, true); // [B, 1]
    const cc = tf.reshape(tf.sum(tf.square(centroids), -1), [1, -1]); // [1, K]
    const xc = tf.matMul(x, tf.transpose(centroids)); // [B, K]
    return tf.relu(tf.add(tf.sub(xx, tf.mul(2, xc)), cc)); // [B, K]
  });
}

/** Energy: mean_b min_k ‖x_b − c_k‖². x: [B, D], centroids: [K, D] -> scalar */
export function kmeansEnergy(tf: Tf, x: Tensor, centroids: Tensor): Tensor {
  return tf.tidy(() => tf.mean(tf.min(squaredDistances(tf, x, centroids), -1)));
}

/** Hard assignment: index of the nearest centroid. x: [B, D], centroids: [K, D] -> int32 [B] */
export function kmeansAssign(tf: Tf, x: Tensor, centroids: Tensor): Tensor {
  return tf.tidy(() => tf.argMin(squaredDistances(tf, x, centroids), -1));
}

/**
 * One Lloyd iteration (assignment, then each centroid moves to the mean of its
 * points); a centroid with no points stays where it was. The energy never increases.
 * x: [B, D], centroids: [K, D] -> [K, D]
 */
export function kmeansStep(tf: Tf, x: Tensor, centroids: Tensor): Tensor {
  return tf.tidy(() => {
    const k = centroids.shape[0];
    const onehot = tf.cast(tf.oneHot(kmeansAssign(tf, x, centroids), k), 'float32'); // [B, K]
    const counts = tf.reshape(tf.sum(onehot, 0), [k, 1]); // [K, 1]
    const sums = tf.matMul(tf.transpose(onehot), x); // [K, D]
    const means = tf.div(sums, tf.maximum(counts, 1)); // [K, D]
    return tf.where(tf.greater(counts, 0), means, centroids); // [K, D]
  });
}
