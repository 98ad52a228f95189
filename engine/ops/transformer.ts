// A stack of pre-norm transformer blocks (ViT, MAE, I-JEPA):
//   x ← x + Attention(LN(x));  x ← x + MLP(LN(x));  then a final LN.
// Normalising before each sublayer keeps the residual path an identity, which
// is what lets small ViTs train with Adam and no warm-up tricks. Variables live
// on the node (ctx.vars) under a prefix, like engine/ops/mlp.ts.
import type { ForwardCtx, InitCtx, Tensor } from '../spec';
import { activate } from './activation';
import { selfAttention } from './attention';
import { dense } from './dense';
import { layerNorm } from './mlp';

export interface TransformerConfig {
  dim: number;
  depth: number;
  heads: number;
  /** Hidden width of each block's MLP, as a multiple of dim. */
  mlpRatio: number;
}

export function initTransformer(ctx: InitCtx<unknown>, c: TransformerConfig, prefix = ''): void {
  const d = c.dim;
  const hidden = Math.round(c.mlpRatio * d);
  for (let l = 0; l < c.depth; l++) {
    const p = `${prefix}blk${l}.`;
    for (const ln of ['ln1', 'ln2']) {
      ctx.variable(`${p}${ln}.g`, [d], 'ones');
      ctx.variable(`${p}${ln}.b`, [d], 'zeros');
    }
    for (const w of ['q', 'k', 'v', 'o']) {
      ctx.variable(`${p}w${w}`, [d, d], 'glorot');
      ctx.variable(`${p}b${w}`, [d], 'zeros');
    }
    ctx.variable(`${p}fc1.w`, [d, hidden], 'glorot');
    ctx.variable(`${p}fc1.b`, [hidden], 'zeros');
    ctx.variable(`${p}fc2.w`, [hidden, d], 'glorot');
    ctx.variable(`${p}fc2.b`, [d], 'zeros');
  }
  ctx.variable(`${prefix}norm.g`, [d], 'ones');
  ctx.variable(`${prefix}norm.b`, [d], 'zeros');
}

/**
 * x: [B, T, D] -> [B, T, D]. `onAttention(l, weights [B, H, T, T])` sees each
 * block's attention weights (for the attention view).
 */
export function forwardTransformer(ctx: ForwardCtx<unknown>, x: Tensor, c: TransformerConfig, prefix = '', onAttention?: (block: number, weights: Tensor) => void): Tensor {
  const { tf, vars: v } = ctx;
  const [b, t, d] = x.shape as [number, number, number];
  let h = x;
  for (let l = 0; l < c.depth; l++) {
    const p = `${prefix}blk${l}.`;
    const att = selfAttention(tf, layerNorm(tf, h, v[`${p}ln1.g`], v[`${p}ln1.b`]), {
      wq: v[`${p}wq`],
      bq: v[`${p}bq`],
      wk: v[`${p}wk`],
      bk: v[`${p}bk`],
      wv: v[`${p}wv`],
      bv: v[`${p}bv`],
      wo: v[`${p}wo`],
      bo: v[`${p}bo`],
    }, c.heads);
    onAttention?.(l, att.weights);
    h = tf.add(h, att.out); // [B, T, D]
    const n2 = tf.reshape(layerNorm(tf, h, v[`${p}ln2.g`], v[`${p}ln2.b`]), [b * t, d]); // [B·T, D]
    const mid = activate(tf, dense(tf, n2, v[`${p}fc1.w`], v[`${p}fc1.b`]), 'gelu'); // [B·T, r·D]
    h = tf.add(h, tf.reshape(dense(tf, mid, v[`${p}fc2.w`], v[`${p}fc2.b`]), [b, t, d]));
  }
  return layerNorm(tf, h, v[`${prefix}norm.g`], v[`${prefix}norm.b`]);
}
