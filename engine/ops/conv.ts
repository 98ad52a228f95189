// Small convolutional stacks for the CNN encoder and the up-sampling decoder.
// Stride-2 3×3 convolutions halve the resolution (28 -> 14 -> 7); transposed
// convolutions double it back.
import type { ForwardCtx, InitCtx, Tensor } from '../spec';
import { activate, type Activation } from './activation';

/** Spatial size after `layers` stride-2 'same' convolutions. */
export function downsampled(size: number, layers: number): number {
  let s = size;
  for (let i = 0; i < layers; i++) s = Math.ceil(s / 2);
  return s;
}

export function initConvStack(ctx: InitCtx<unknown>, inChannels: number, channels: number[], kernel: number, prefix = 'conv'): void {
  let c = inChannels;
  channels.forEach((o, l) => {
    ctx.variable(`${prefix}w${l}`, [kernel, kernel, c, o], 'he');
    ctx.variable(`${prefix}b${l}`, [o], 'zeros');
    c = o;
  });
}

/** x: [N, H, W, C] -> [N, H/2^L, W/2^L, channels[L-1]] */
export function forwardConvStack(ctx: ForwardCtx<unknown>, x: Tensor, layers: number, activation: Activation, prefix = 'conv'): Tensor {
  const { tf } = ctx;
  let h = x as Tensor;
  for (let l = 0; l < layers; l++) {
    h = tf.conv2d(h as never, ctx.vars[`${prefix}w${l}`] as never, 2, 'same');
    h = activate(tf, tf.add(h, ctx.vars[`${prefix}b${l}`]), activation);
  }
  return h;
}

/** Transposed-convolution filters are [k, k, out, in] in tfjs. */
export function initDeconvStack(ctx: InitCtx<unknown>, inChannels: number, channels: number[], kernel: number, prefix = 'deconv'): void {
  let c = inChannels;
  channels.forEach((o, l) => {
    ctx.variable(`${prefix}w${l}`, [kernel, kernel, o, c], 'glorot');
    ctx.variable(`${prefix}b${l}`, [o], 'zeros');
    c = o;
  });
}

/** x: [N, h, w, C] -> [N, h·2^L, w·2^L, channels[L-1]]; the last layer uses outActivation */
export function forwardDeconvStack(ctx: ForwardCtx<unknown>, x: Tensor, channels: number[], activation: Activation, outActivation: Activation, prefix = 'deconv'): Tensor {
  const { tf } = ctx;
  let h = x;
  channels.forEach((o, l) => {
    const [n, hh, ww] = h.shape as [number, number, number, number];
    h = tf.conv2dTranspose(h as never, ctx.vars[`${prefix}w${l}`] as never, [n, hh * 2, ww * 2, o], 2, 'same');
    h = activate(tf, tf.add(h, ctx.vars[`${prefix}b${l}`]), l === channels.length - 1 ? outActivation : activation);
  });
  return h;
}
