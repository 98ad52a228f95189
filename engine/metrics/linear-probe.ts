// Linear probe on frozen features: multinomial logistic regression trained on
// a few labelled examples per class, scored on the held-out split. With 10
// labels per class it separates methods that full-label kNN does not
// (docs/evaluation.md: untrained encoder ~68%, good SSL ~84% on MNIST-10k).
import { hashSeed, mulberry32, shuffleInPlace } from '../rng';
import type { Tensor, Tf } from '../spec';

export interface ProbeOptions {
  perClass: number;
  draws: number;
  seed: number;
  classes: number;
  /** Full-batch Adam steps (the problem is small and convex). */
  steps: number;
  l2: number;
}

const DEFAULTS: ProbeOptions = { perClass: 10, draws: 5, seed: 0, classes: 10, steps: 300, l2: 1e-3 };

/** Picks `perClass` rows of each class, seeded. */
export function labelledSubset(labels: ArrayLike<number>, perClass: number, classes: number, seed: number): Int32Array {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]].push(i);
  const rand = mulberry32(seed);
  const out: number[] = [];
  for (const rows of byClass) out.push(...shuffleInPlace([...rows], rand).slice(0, perClass));
  return Int32Array.from(out);
}

/** Mean held-out accuracy over `draws` labelled subsets. train: [N, D], test: [M, D]. */
export async function linearProbe(tf: Tf, train: Tensor, trainLabels: ArrayLike<number>, test: Tensor, testLabels: ArrayLike<number>, options: Partial<ProbeOptions> = {}): Promise<{ mean: number; accuracies: number[] }> {
  const o = { ...DEFAULTS, ...options };
  const accuracies: number[] = [];
  for (let d = 0; d < o.draws; d++) {
    const idx = labelledSubset(trainLabels, o.perClass, o.classes, hashSeed(o.seed, 'probe', d));
    const pred = tf.tidy(() => {
      const xs = tf.gather(train, tf.tensor1d(idx, 'int32')); // [n, D]
      // standardise with the labelled rows' statistics: probes are scale-sensitive and
      // embeddings of different methods live at very different scales
      const { mean, variance } = tf.moments(xs, 0);
      const std = tf.add(tf.sqrt(variance), 1e-6);
      const xn = tf.div(tf.sub(xs, mean), std);
      const y = tf.oneHot(tf.tensor1d(Array.from(idx, (i) => trainLabels[i]), 'int32'), o.classes); // [n, C]
      const w = tf.variable(tf.zeros([xs.shape[1] as number, o.classes]));
      const b = tf.variable(tf.zeros([o.classes]));
      const opt = tf.train.adam(0.05);
      for (let s = 0; s < o.steps; s++) {
        opt.minimize(() => tf.add(tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(xn as never, w as never), b)), tf.mul(o.l2, tf.sum(tf.square(w)))) as never, false, [w, b]);
      }
      opt.dispose();
      const tn = tf.div(tf.sub(test, mean), std);
      const out = tf.argMax(tf.add(tf.matMul(tn as never, w as never), b), 1); // [M]
      w.dispose();
      b.dispose();
      return out;
    });
    const p = await pred.data();
    pred.dispose();
    let correct = 0;
    for (let i = 0; i < p.length; i++) if (p[i] === testLabels[i]) correct++;
    accuracies.push(correct / p.length);
  }
  return { mean: accuracies.reduce((a, b) => a + b, 0) / accuracies.length, accuracies };
}
