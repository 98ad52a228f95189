import { dense } from '../../engine/ops/dense';
import { maskPositions, takeRows } from '../../engine/ops/masking';
import { sincos2d } from '../../engine/ops/patchify';
import { forwardTransformer, initTransformer, type TransformerConfig } from '../../engine/ops/transformer';
import { int, num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { formatType, problem } from '../../engine/types';

type P = { width: number; depth: number; heads: number; mlpRatio: number; out: number };

const config = (p: P): TransformerConfig => ({ dim: p.width, depth: p.depth, heads: p.heads, mlpRatio: p.mlpRatio });

export const transformerPredictor = defineNode({
  type: 'net.transformer-predictor',
  version: 1,
  label: 'Transformer predictor',
  category: 'network',
  doc: 'Predicts what is behind the mask from the visible tokens: a learned mask token, placed at each hidden position with that position’s embedding, attends to the context through a small transformer. I-JEPA predicts the target encoder’s embeddings this way; with pixel outputs it is MAE’s decoder.',
  inputs: [
    { id: 'context', label: 'context', type: 'tokens', doc: 'Encoded visible tokens [B, T_visible, D].' },
    { id: 'mask', label: 'mask', type: 'mask', doc: 'The Mask node’s mask: which positions to predict.' },
  ],
  outputs: [{ id: 'out', label: 'predictions', type: 'tokens', doc: 'One prediction per hidden patch, in patch order: [B, T_hidden, out].' }],
  params: {
    width: int({ label: 'Width', default: 32, min: 4, max: 1024, doc: 'Width inside the predictor (narrower than the encoder in MAE and I-JEPA); divisible by 4 for its sine-cosine positions.' }),
    depth: int({ label: 'Depth', default: 1, min: 1, max: 12, doc: 'Number of transformer blocks.' }),
    heads: int({ label: 'Heads', default: 4, min: 1, max: 16, doc: 'Attention heads (must divide the width).' }),
    mlpRatio: num({ label: 'MLP ratio', default: 2, min: 0.5, max: 8, step: 0.5, doc: 'Hidden width of each block’s MLP as a multiple of the width.' }),
    out: int({ label: 'Output size', default: 0, min: 0, max: 4096, doc: 'Size of each prediction: 0 = the context’s token width (I-JEPA), p·p·C for pixels (MAE: 49 for 7×7 patches).' }),
  },
  example: { inputs: { context: { type: 'tokens', shape: ['B', 12, 32] }, mask: { type: 'mask', shape: ['B', 4, 4] } } },
  infer: ({ inputs, params: p }) => {
    const { context: c, mask: m } = inputs;
    if (c.type !== 'tokens' || c.shape.length !== 3) return problem(`context must be tokens [B, T, D], got ${formatType(c)}`, { portIds: ['context'] });
    if (m.type !== 'mask' || m.shape.length !== 3) return problem(`mask must come from a Mask node, got ${formatType(m)}`, { portIds: ['mask'] });
    if (p.width % p.heads) return problem(`${p.heads} heads do not divide the width ${p.width}`);
    if (p.width % 4) return problem(`the width must be divisible by 4 (sine-cosine positions), got ${p.width}`);
    const total = (m.shape[1] as number) * (m.shape[2] as number);
    const hidden = total - (c.shape[1] as number);
    if (hidden <= 0) return problem(`the context has ${c.shape[1]} tokens but the mask grid only ${total}: connect the visible tokens of the same Mask node`, { portIds: ['context', 'mask'] });
    return { out: { type: 'tokens', shape: ['B', hidden, p.out || (c.shape[2] as number)], views: c.views } };
  },
  init(ctx) {
    const p = ctx.params;
    const d = ctx.inputTypes.context.shape[2] as number;
    const [, gh, gw] = ctx.inputTypes.mask.shape as [unknown, number, number];
    ctx.variable('embed.w', [d, p.width], 'glorot');
    ctx.variable('embed.b', [p.width], 'zeros');
    ctx.variable('maskToken', [1, 1, p.width], 'normal');
    initTransformer(ctx, config(p));
    ctx.variable('head.w', [p.width, p.out || d], 'glorot');
    ctx.variable('head.b', [p.out || d], 'zeros');
    // fixed positions, as MAE's decoder and I-JEPA's predictor use
    ctx.state('pos', ctx.tf.tensor2d(sincos2d(gh, gw, p.width), [gh * gw, p.width]));
  },
  forward(ctx) {
    const { tf, params: p } = ctx;
    const c = ctx.inputs.context; // [B, Tk, D]
    const m = ctx.inputs.mask; // [B, gh, gw]
    const [b, tk, d] = c.shape as [number, number, number];
    const tm = m.size / b - tk;
    const pos = ctx.state.pos; // [T, W]
    const ctxTokens = tf.add(tf.reshape(dense(tf, tf.reshape(c, [b * tk, d]), ctx.vars['embed.w'], ctx.vars['embed.b']), [b, tk, p.width]), takeRows(tf, pos, maskPositions(tf, m, tk, 'kept'))); // [B, Tk, W]
    const queries = tf.add(ctx.vars.maskToken, takeRows(tf, pos, maskPositions(tf, m, tm, 'hidden'))); // [B, Tm, W]
    const h = forwardTransformer(ctx, tf.concat([ctxTokens, queries], 1), config(p)); // [B, Tk + Tm, W]
    const outH = tf.reshape(tf.slice(h, [0, tk, 0], [-1, tm, -1]), [b * tm, p.width]); // [B·Tm, W]
    return { out: tf.reshape(dense(tf, outH, ctx.vars['head.w'], ctx.vars['head.b']), [b, tm, p.out || d]) };
  },
});
