// k-nearest-neighbour accuracy with cosine similarity (k = 20 in the
// self-supervised literature, e.g. DINO / InstDisc's kNN monitor), majority
// vote with ties broken by the summed similarity.
import type { Tensor, Tf } from '../spec';

/** train: [N, D], test: [M, D]; labels as class ids. Returns accuracy in [0, 1]. */
export async function knnAccuracy(tf: Tf, train: Tensor, trainLabels: ArrayLike<number>, test: Tensor, testLabels: ArrayLike<number>, k = 20, classes = 10): Promise<number> {
  const kk = Math.min(k, train.shape[0]);
  const chunk = 500;
  let correct = 0;
  const trainN = tf.tidy(() => tf.div(train, tf.add(tf.norm(train, 'euclidean', 1, true), 1e-12))); // [N, D]
  for (let start = 0; start < test.shape[0]; start += chunk) {
    const rows = Math.min(chunk, test.shape[0] - start);
    const { values, indices } = tf.tidy(() => {
      const q = test.slice([start, 0], [rows, -1]);
      const qn = tf.div(q, tf.add(tf.norm(q, 'euclidean', 1, true), 1e-12)); // [m, D]
      return tf.topk(tf.matMul(qn as never, trainN as never, false, true), kk); // [m, k]
    });
    const [sim, idx] = await Promise.all([values.data(), indices.data()]);
    tf.dispose([values, indices]);
    for (let r = 0; r < rows; r++) {
      const votes = new Float64Array(classes);
      const weight = new Float64Array(classes);
      for (let j = 0; j < kk; j++) {
        const c = trainLabels[idx[r * kk + j]];
        votes[c] += 1;
        weight[c] += sim[r * kk + j];
      }
      let best = 0;
      for (let c = 1; c < classes; c++) if (votes[c] > votes[best] || (votes[c] === votes[best] && weight[c] > weight[best])) best = c;
      if (best === testLabels[start + r]) correct++;
    }
  }
  trainN.dispose();
  return correct / test.shape[0];
}
