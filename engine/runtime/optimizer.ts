// Adam and SGD with momentum over all of a phase's variables at once.
//
// Why: tfjs's optimizers update each variable on its own, about 15 kernels
// per variable for Adam, which made the optimizer the largest block of kernels
// in an MLP step (each kernel has a fixed dispatch cost on wasm). Here the
// gradients are flattened into one vector [P], the moments live as one [P]
// tensor each, the update is a handful of element-wise kernels on [P], and the
// result is split back into the variables: ~20 kernels whatever the number of
// variables. Bias correction is computed in JS (float64) from the step count.
// The same rules as torch.optim.Adam / SGD(momentum, dampening 0): checked
// against PyTorch in engine/runtime/optimizer.test.ts.
import * as tf from '@tensorflow/tfjs';

export interface OptimizerSettings {
  kind: 'adam' | 'sgd';
  learningRate: number;
  beta1: number;
  beta2?: number;
  epsilon?: number;
  /** SGD momentum (0.9, as the studio's and the export's). */
  momentum?: number;
}

export interface FusedOptimizer {
  /** One update from gradients by variable name (names as tf.variableGrads returns them). */
  apply(grads: tf.NamedTensorMap): void;
  /** From the next update on (a live edit between steps). */
  setLearningRate(lr: number): void;
  dispose(): void;
}

export function fusedOptimizer(vars: tf.Variable[], settings: OptimizerSettings): FusedOptimizer {
  const s = { ...settings };
  const sizes = vars.map((v) => v.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const b1 = s.beta1;
  const b2 = s.beta2 ?? 0.999;
  const eps = s.epsilon ?? 1e-8;
  const mu = s.momentum ?? 0.9;
  let m: tf.Tensor1D | null = null; // [P] first moment (Adam) or velocity (SGD)
  let v: tf.Tensor1D | null = null; // [P] second moment (Adam)
  let t = 0;

  /**
   * A variable the loss does not reach gets no gradient; tfjs's and torch's
   * optimizers then leave it and its moments alone. Rare (a stop-gradient cuts
   * a branch off): the update is masked to the variables that got one.
   */
  const maskOf = (has: boolean[]) => tf.concat(vars.map((x, i) => tf.fill([x.size], has[i] ? 1 : 0)), 0); // [P]
  const keepOld = (mask: tf.Tensor | null, fresh: tf.Tensor, old: tf.Tensor | null) => (mask && old ? tf.add(tf.mul(fresh, mask), tf.mul(old, tf.sub(1, mask))) : fresh);

  const apply = (grads: tf.NamedTensorMap) => {
    t++;
    const [w1, m1, v1] = tf.tidy((): tf.Tensor[] => {
      const has = vars.map((x) => x.name in grads);
      const mask = has.every(Boolean) ? null : maskOf(has);
      const g = tf.concat(vars.map((x) => tf.reshape(grads[x.name] ?? tf.zeros(x.shape), [-1])), 0) as tf.Tensor1D; // [P]
      const w = tf.concat(vars.map((x) => tf.reshape(x, [-1])), 0); // [P]
      if (s.kind === 'sgd') {
        // torch: buf = μ·buf + g (the first step starts buf at g), p -= lr·buf
        const nm = keepOld(mask, m ? tf.add(tf.mul(m, mu), g) : g, m); // [P]
        const step = tf.mul(nm, s.learningRate);
        return [tf.sub(w, mask ? tf.mul(step, mask) : step), nm];
      }
      const nm = keepOld(mask, m ? tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1)) : tf.mul(g, 1 - b1), m); // [P]
      const sq = tf.square(g);
      const nv = keepOld(mask, v ? tf.add(tf.mul(v, b2), tf.mul(sq, 1 - b2)) : tf.mul(sq, 1 - b2), v); // [P]
      // torch: p -= lr/(1-b1^t) · m / (sqrt(v/(1-b2^t)) + eps)
      const denom = tf.add(tf.sqrt(tf.div(nv, 1 - b2 ** t)), eps);
      const step = tf.mul(tf.div(nm, denom), s.learningRate / (1 - b1 ** t));
      return [tf.sub(w, mask ? tf.mul(step, mask) : step), nm, nv];
    });
    m?.dispose();
    v?.dispose();
    m = m1 as tf.Tensor1D;
    v = (v1 as tf.Tensor1D | undefined) ?? null;
    tf.tidy(() => {
      const parts = tf.split(w1, sizes, 0);
      vars.forEach((x, i) => x.assign(tf.reshape(parts[i], x.shape)));
    });
    w1.dispose();
  };

  return {
    apply: (grads) => {
      if (total > 0) apply(grads);
    },
    setLearningRate: (lr) => {
      s.learningRate = lr;
    },
    dispose: () => {
      m?.dispose();
      v?.dispose();
      m = v = null;
    },
  };
}
