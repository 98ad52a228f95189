// Multi-layer perceptron with optional batch / layer norm: the body of the
// encoder, decoder, projector and predictor nodes.
import type { ForwardCtx, InitCtx, Tensor, Tf } from '../spec';
import { activate, type Activation } from './activation';
import { dense } from './dense';

export const NORMS = ['none', 'batch', 'layer'] as const;
export type Norm = (typeof NORMS)[number];
export const MLP_INITS = ['pytorch', 'he-glorot'] as const;
export type MlpInit = (typeof MLP_INITS)[number];
export const MLP_INIT_DOC =
  "pytorch: nn.Linear's default, weights and biases U(±1/√fan_in), as the PyTorch reference runs. he-glorot: He uniform before a ReLU, Glorot uniform otherwise, zero biases (larger weights: a VAE trains faster on a short budget).";

export interface MlpConfig {
  inDim: number;
  /** Hidden widths; the output layer (outDim) comes after them. */
  hidden: number[];
  outDim: number;
  activation: Activation;
  outActivation: Activation;
  /** Norm after each hidden dense layer (before the activation). */
  norm: Norm;
  /** Also normalise the output layer (Barlow Twins / SimSiam projectors end in BN). */
  normOutput?: boolean;
  /** Dense-layer initialisation; nodes saved before it existed keep 'he-glorot'. */
  init?: MlpInit;
}

const BN_MOMENTUM = 0.1; // PyTorch's convention: running = (1 - m)·running + m·batch
const EPS = 1e-5;

function layerDims(c: MlpConfig): Array<[number, number]> {
  const dims = [c.inDim, ...c.hidden, c.outDim];
  return dims.slice(1).map((o, i) => [dims[i], o]);
}

export function initMlp(ctx: InitCtx<unknown>, c: MlpConfig, prefix = ''): void {
  const layers = layerDims(c);
  layers.forEach(([i, o], l) => {
    const last = l === layers.length - 1;
    if (c.init === 'pytorch') {
      ctx.variable(`${prefix}w${l}`, [i, o], 'fan-in', i);
      ctx.variable(`${prefix}b${l}`, [o], 'fan-in', i);
    } else {
      ctx.variable(`${prefix}w${l}`, [i, o], c.activation === 'relu' && !last ? 'he' : 'glorot');
      ctx.variable(`${prefix}b${l}`, [o], 'zeros');
    }
    if ((!last || c.normOutput) && c.norm !== 'none') {
      ctx.variable(`${prefix}gamma${l}`, [o], 'ones');
      ctx.variable(`${prefix}beta${l}`, [o], 'zeros');
      if (c.norm === 'batch') {
        ctx.state(`${prefix}runMean${l}`, ctx.tf.zeros([o]));
        ctx.state(`${prefix}runVar${l}`, ctx.tf.ones([o]));
      }
    }
  });
}

/**
 * Batch norm over each view separately (views are stacked on the batch axis):
 * statistics must not mix two augmentations of the same image, as when each
 * view is forwarded on its own in the official BYOL / SimSiam code.
 */
function batchNorm(ctx: ForwardCtx<unknown>, x: Tensor, views: number, prefix: string, l: number): Tensor {
  const { tf } = ctx;
  const gamma = ctx.vars[`${prefix}gamma${l}`];
  const beta = ctx.vars[`${prefix}beta${l}`];
  const [rows, d] = x.shape as [number, number];
  if (!ctx.training) {
    const m = ctx.state[`${prefix}runMean${l}`];
    const v = ctx.state[`${prefix}runVar${l}`];
    return tf.add(tf.mul(tf.div(tf.sub(x, m), tf.sqrt(tf.add(v, EPS))), gamma), beta);
  }
  const xv = tf.reshape(x, [views, rows / views, d]); // [V, B, D]
  const { mean, variance } = tf.moments(xv, 1, true); // [V, 1, D]
  const y = tf.reshape(tf.div(tf.sub(xv, mean), tf.sqrt(tf.add(variance, EPS))), [rows, d]); // [V·B, D]
  const n = rows / views;
  const batchMean = ctx.retain(tf.mean(tf.reshape(mean, [views, d]), 0)); // [D]
  // running variance uses the unbiased estimate, as PyTorch does
  const batchVar = ctx.retain(tf.mul(tf.mean(tf.reshape(variance, [views, d]), 0), n / Math.max(1, n - 1))); // [D]
  ctx.afterStep((setState) => {
    const rm = ctx.state[`${prefix}runMean${l}`];
    const rv = ctx.state[`${prefix}runVar${l}`];
    setState(`${prefix}runMean${l}`, tf.add(tf.mul(rm, 1 - BN_MOMENTUM), tf.mul(batchMean, BN_MOMENTUM)));
    setState(`${prefix}runVar${l}`, tf.add(tf.mul(rv, 1 - BN_MOMENTUM), tf.mul(batchVar, BN_MOMENTUM)));
  });
  return tf.add(tf.mul(y, gamma), beta);
}

/** Layer norm over the last axis (any rank). */
export function layerNorm(tf: Tf, x: Tensor, gamma: Tensor, beta: Tensor): Tensor {
  const { mean, variance } = tf.moments(x, -1, true); // [N, 1]
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, EPS))), gamma), beta);
}

/** x: [N, inDim] (N = views·B) -> [N, outDim] */
export function forwardMlp(ctx: ForwardCtx<unknown>, x: Tensor, c: MlpConfig, views = 1, prefix = ''): Tensor {
  const { tf } = ctx;
  const layers = layerDims(c);
  let h = x;
  layers.forEach((_, l) => {
    const last = l === layers.length - 1;
    h = dense(tf, h, ctx.vars[`${prefix}w${l}`], ctx.vars[`${prefix}b${l}`]);
    if ((!last || c.normOutput) && c.norm !== 'none') {
      h =
        c.norm === 'batch'
          ? batchNorm(ctx, h, views, prefix, l)
          : layerNorm(tf, h, ctx.vars[`${prefix}gamma${l}`], ctx.vars[`${prefix}beta${l}`]);
    }
    h = activate(tf, h, last ? c.outActivation : c.activation);
  });
  return h;
}
