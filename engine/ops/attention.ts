// Multi-head scaled dot-product self-attention (Vaswani et al. 2017), the
// mixing step of a transformer: every token's query is compared with every
// token's key, softmax turns the scores into weights that sum to 1 over the
// keys, and the token's output is the weighted mean of the values. Heads
// attend in separate dh = D/H subspaces. Pure functions taking tf; the
// projections use the backend-tuned dense layer (engine/ops/dense.ts).
import type { Tensor, Tf } from '../spec';
import { dense } from './dense';

export interface AttentionWeights {
  /** [D, D] each, and [D] biases: queries, keys, values, output projection. */
  wq: Tensor;
  bq: Tensor;
  wk: Tensor;
  bk: Tensor;
  wv: Tensor;
  bv: Tensor;
  wo: Tensor;
  bo: Tensor;
}

/** [B·T, D] -> [B·H, T, dh]: one batch entry per (sample, head). */
function splitHeads(tf: Tf, x: Tensor, b: number, t: number, heads: number): Tensor {
  const dh = x.shape[1]! / heads;
  const x4 = tf.reshape(x, [b, t, heads, dh]); // [B, T, H, dh]
  return tf.reshape(tf.transpose(x4, [0, 2, 1, 3]), [b * heads, t, dh]); // [B·H, T, dh]
}

/** [B·H, T, dh] -> [B·T, D] */
function mergeHeads(tf: Tf, x: Tensor, b: number, t: number, heads: number): Tensor {
  const dh = x.shape[2]!;
  const x4 = tf.reshape(x, [b, heads, t, dh]); // [B, H, T, dh]
  return tf.reshape(tf.transpose(x4, [0, 2, 1, 3]), [b * t, heads * dh]); // [B·T, D]
}

/** softmax(q kᵀ / √dh) per head: q, k [B·H, T, dh] -> [B·H, T, T], rows sum to 1. */
export function attentionWeights(tf: Tf, q: Tensor, k: Tensor): Tensor {
  const dh = q.shape[2]!;
  const kT = tf.transpose(k, [0, 2, 1]); // [B·H, dh, T]
  const scores = tf.mul(tf.matMul(q as never, kT as never), 1 / Math.sqrt(dh)); // [B·H, T, T]
  return tf.softmax(scores, -1);
}

/**
 * x: [B, T, D] -> out [B, T, D] and the attention weights [B, H, T, T]
 * (query rows, key columns; each row sums to 1).
 */
export function selfAttention(tf: Tf, x: Tensor, w: AttentionWeights, heads: number): { out: Tensor; weights: Tensor } {
  const [b, t, d] = x.shape as [number, number, number];
  const flat = tf.reshape(x, [b * t, d]); // [B·T, D]
  const q = splitHeads(tf, dense(tf, flat, w.wq, w.bq), b, t, heads); // [B·H, T, dh]
  const k = splitHeads(tf, dense(tf, flat, w.wk, w.bk), b, t, heads);
  const v = splitHeads(tf, dense(tf, flat, w.wv, w.bv), b, t, heads);
  const a = attentionWeights(tf, q, k); // [B·H, T, T]
  const mixed = mergeHeads(tf, tf.matMul(a as never, v as never), b, t, heads); // [B·T, D]
  const out = tf.reshape(dense(tf, mixed, w.wo, w.bo), [b, t, d]); // [B, T, D]
  return { out, weights: tf.reshape(a, [b, heads, t, t]) };
}
