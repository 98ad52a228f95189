// Difference target propagation (Lee, Zhang, Fischer & Bengio 2015), the lecture's
// "target prop": every layer f_i gets a target t_i instead of a gradient, and
// learns locally, with no gradient flowing between layers.
//   h_i = f_i(h_{i−1}) = act(h_{i−1} W_i + b_i)          (the last layer is linear: logits)
//   t_L = h_L − η ∂L/∂h_L                                (L: cross-entropy of the sample)
//   t_{i−1} = h_{i−1} + g_i(t_i) − g_i(h_i)              (g_i ≈ f_i⁻¹, difference correction)
//   layer loss_i   = ‖f_i(sg h_{i−1}) − sg t_i‖²           (trains W_i, b_i only)
//   inverse loss_i = ‖g_i(sg f_i(h_{i−1})) − sg h_{i−1}‖²  (trains g_i only: an autoencoder of layer i
//                                                        whose encoder f_i is frozen)
// Squared norms are summed over units and averaged over the batch.
import type * as TF from '@tensorflow/tfjs';
import type { Tensor, Tf } from '../spec';
import { stopGradient } from './stop-gradient';

export type TpActivation = 'tanh' | 'linear';

export interface TpWeights {
  /** w[i]: [d_i, d_{i+1}], b[i]: [d_{i+1}] for the L layers. */
  w: Tensor[];
  b: Tensor[];
  /** Inverses of layers 2..L: v[i]: [d_{i+2}, d_{i+1}], c[i]: [d_{i+1}] (g of layer i + 2 in 1-based counting). */
  v: Tensor[];
  c: Tensor[];
}

export interface TpResult {
  /** h_1 … h_L, each computed from the stopped previous layer. [B, d_i] */
  h: Tensor[];
  /** t_1 … t_L, no gradient. [B, d_i] */
  t: Tensor[];
  layer: Tensor[];
  inverse: Tensor[];
  /** Mean cross-entropy and error rate of the logits h_L (reported, not trained on). */
  task: Tensor;
  error: Tensor;
}

const act = (tf: Tf, x: Tensor, a: TpActivation) => (a === 'tanh' ? tf.tanh(x) : x);

/** f_i: the layer. */
export function tpLayer(tf: Tf, h: Tensor, w: Tensor, b: Tensor, a: TpActivation, last: boolean): Tensor {
  const y = tf.add(tf.matMul(h, w), b);
  return last ? y : act(tf, y, a);
}

/** g_i: the approximate inverse, back into the (activated) space of the layer's input. */
export function tpInverse(tf: Tf, h: Tensor, v: Tensor, c: Tensor, a: TpActivation): Tensor {
  return act(tf, tf.add(tf.matMul(h, v), c), a);
}

const sqNorm = (tf: Tf, x: Tensor) => tf.mean(tf.sum(tf.square(x), 1)); // ‖·‖² per sample, batch mean

/** x: [B, d_0], labels: int32 [B] -> hidden activations, targets and the local losses. */
export function targetProp(tf: Tf, x: Tensor, labels: Tensor, wts: TpWeights, eta: number, a: TpActivation): TpResult {
  return tf.tidy(() => targetPropInner(tf, x, labels, wts, eta, a) as unknown as TF.TensorContainer) as unknown as TpResult;
}

function targetPropInner(tf: Tf, x: Tensor, labels: Tensor, wts: TpWeights, eta: number, a: TpActivation): TpResult {
  const L = wts.w.length;
  const classes = wts.w[L - 1].shape[1]!;
  const h: Tensor[] = [];
  let prev = x;
  for (let i = 0; i < L; i++) {
    // each layer reads its input stopped: a layer's loss never reaches the layers below
    prev = tpLayer(tf, stopGradient(tf, prev), wts.w[i], wts.b[i], a, i === L - 1);
    h.push(prev);
  }
  const hs = h.map((t) => stopGradient(tf, t));
  const logits = hs[L - 1]; // [B, C]
  const onehot = tf.oneHot(tf.cast(labels, 'int32'), classes); // [B, C]
  // ∂CE_b/∂logits_b = softmax − onehot: the gradient of each sample's own loss
  const top = tf.sub(logits, tf.mul(tf.sub(tf.softmax(logits), onehot), eta));
  const t: Tensor[] = new Array(L);
  t[L - 1] = top;
  for (let i = L - 1; i >= 1; i--) {
    const g = (z: Tensor) => tpInverse(tf, z, wts.v[i - 1], wts.c[i - 1], a);
    t[i - 1] = stopGradient(tf, tf.add(hs[i - 1], tf.sub(g(t[i]), g(hs[i]))));
  }
  const layer = h.map((hi, i) => sqNorm(tf, tf.sub(hi, t[i])));
  const inverse: Tensor[] = [];
  for (let i = 1; i < L; i++) inverse.push(sqNorm(tf, tf.sub(tpInverse(tf, hs[i], wts.v[i - 1], wts.c[i - 1], a), hs[i - 1])));
  const task = tf.neg(tf.mean(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)), 1)));
  const error = tf.sub(1, tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.cast(labels, 'int32')), 'float32')));
  return { h, t, layer, inverse, task, error };
}
