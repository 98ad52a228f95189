// Shared by the K-means and Gaussian-mixture nodes: seeding the centres from the
// first batch (k-means++) and keeping track of which compiled node is seeded.
import type * as TF from '@tensorflow/tfjs';
import { squaredDistances } from '../../engine/ops/kmeans';
import type { DrawCtx, Tensor, Tf } from '../../engine/spec';

/**
 * Greedy k-means++ seeds (Arthur & Vassilvitskii 2007; the greedy variant of
 * scikit-learn's kmeans_plusplus) drawn from the rows of a batch: the first row (the
 * batch is already a random draw), then for each next seed 2 + ⌊ln K⌋ candidates
 * drawn with probability ∝ their squared distance to the nearest seed so far, keeping
 * the one that lowers the total distance most. Spreads the seeds over the clusters,
 * where plain random rows often put two in one blob (a local minimum that Lloyd
 * iterations cannot leave).
 * x: [N, d] (no gradient needed) -> [K, d]
 */
export function kmeansPlusPlus(tf: Tf, x: Tensor, k: number, seed: () => number): Tensor {
  return tf.tidy(() => {
    const n = x.shape[0];
    const trials = 2 + Math.floor(Math.log(k));
    const chosen: Tensor[] = [tf.slice(x, [0, 0], [1, -1])]; // [1, d]
    let d2 = tf.reshape(squaredDistances(tf, x, chosen[0]), [n, 1]); // [N, 1]
    for (let i = 1; i < k; i++) {
      const logits = tf.reshape(tf.log(tf.add(d2, 1e-12)), [1, n]) as TF.Tensor2D; // [1, N]
      const cands = tf.gather(x, tf.reshape(tf.multinomial(logits, trials, seed()), [trials])); // [L, d]
      const withCand = tf.minimum(d2, squaredDistances(tf, x, cands)); // [N, L]
      const best = tf.argMin(tf.sum(withCand, 0)); // scalar int32: the lowest total distance
      chosen.push(tf.gather(cands, tf.reshape(best, [1]))); // [1, d]
      d2 = tf.gather(withCand, tf.reshape(best, [1]), 1); // [N, 1]
    }
    return tf.concat(chosen, 0); // [K, d]
  });
}

/**
 * `current` once the node is seeded (ready = 1), `seeded` before (ready = 0).
 * Written as a·r + b·(1 − r) so that r = 1 returns `current` exactly, and the
 * gradient w.r.t. `current` is 0 (not missing) before seeding.
 */
export function blend(tf: Tf, current: Tensor, seeded: Tensor, ready: Tensor): Tensor {
  return tf.add(tf.mul(current, ready), tf.mul(seeded, tf.sub(1, ready)));
}

/**
 * Per compiled node, keyed by its state record (stable for the life of a plan): whether
 * it is known to be seeded, which skips the seeding work on later steps, and the
 * last step whose after-step update ran, so a graph with several optimizer
 * phases (each runs the forward pass) updates the centres once per step. Purely an
 * optimisation / guard: correctness rests on the `ready` state tensor.
 */
const tracked = new WeakMap<object, { seeded: boolean; step: number }>();

export function isSeeded(state: object): boolean {
  return tracked.get(state)?.seeded ?? false;
}

export function markSeeded(state: object): void {
  const t = tracked.get(state);
  if (t) t.seeded = true;
  else tracked.set(state, { seeded: true, step: Number.NaN });
}

/** True the first time it is called for this node and step (call it inside the after-step update). */
export function claimUpdate(state: object, step: number): boolean {
  const t = tracked.get(state) ?? { seeded: false, step: Number.NaN };
  tracked.set(state, t);
  if (t.step === step) return false;
  t.step = step;
  return true;
}

/** The k-means++ seeds a clustering node draws before its first update: its draw for the PyTorch parity check. */
export function seedDraws<P extends { k: number }>({ tf, params, inputs, state, seed }: DrawCtx<P>): Record<string, Tensor> {
  if (state.ready.dataSync()[0] > 0) return {};
  return { seeds: tf.tidy(() => kmeansPlusPlus(tf, tf.reshape(inputs.x, [inputs.x.shape[0], -1]), params.k, seed)) }; // [K, d]
}
