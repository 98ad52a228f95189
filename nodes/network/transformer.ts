import { dense } from '../../engine/ops/dense';
import { forwardTransformer, initTransformer, type TransformerConfig } from '../../engine/ops/transformer';
import { TOKEN_READOUTS, type TokenReadout } from '../../engine/ops/token-readout';
import { choice, int, num } from '../../engine/params';
import { defineNode, type Tensor } from '../../engine/spec';
import { formatType, problem } from '../../engine/types';

type P = { width: number; depth: number; heads: number; mlpRatio: number; pool: 'cls' | 'mean' | 'none'; readout: TokenReadout };

const config = (p: P): TransformerConfig => ({ dim: p.width, depth: p.depth, heads: p.heads, mlpRatio: p.mlpRatio });

export const transformer = defineNode({
  type: 'net.transformer',
  version: 1,
  label: 'Transformer encoder',
  category: 'network',
  roles: ['representation'],
  probes: ['attention'],
  doc: 'A stack of pre-norm transformer blocks: multi-head self-attention, where each token mixes in the tokens whose keys match its query, then a per-token MLP, each with a residual connection. The output is one vector per image (a CLS token, or the mean of the tokens) or, with pooling off, the tokens themselves (MAE, I-JEPA).',
  inputs: [{ id: 'in', label: 'tokens', type: 'tokens' }],
  outputs: [{ id: 'out', label: 'out', type: 'latent', doc: 'The pooled representation [B, D], or the tokens [B, T, D] when pooling is none.' }],
  params: {
    width: int({ label: 'Width', default: 64, min: 4, max: 1024, doc: 'D inside the blocks; tokens of another width are projected to it first.' }),
    depth: int({ label: 'Depth', default: 2, min: 1, max: 12, doc: 'Number of transformer blocks.' }),
    heads: int({ label: 'Heads', default: 4, min: 1, max: 16, doc: 'Attention heads; each attends in its own D/heads-dimensional subspace (must divide the width).' }),
    mlpRatio: num({ label: 'MLP ratio', default: 2, min: 0.5, max: 8, step: 0.5, doc: 'Hidden width of each block’s MLP as a multiple of D (4 in ViT).' }),
    pool: choice({ label: 'Output', options: ['cls', 'mean', 'none'] as const, default: 'cls', doc: 'cls: a learned token prepended to the sequence, read out at the end (ViT). mean: average of the tokens. none: every token (for a masked-prediction decoder).' }),
    readout: choice({ label: 'Evaluate tokens as', options: TOKEN_READOUTS, default: 'mean', doc: 'With output none, what the probe, kNN and views read: mean: the average token (forgets where each patch was). quadrants: the average token of each quarter of the patch grid, concatenated [B, 4·D]. tokens: every token concatenated [B, T·D], the whole layout. Trained and untrained encoders are read the same way.' }),
  },
  example: { inputs: { in: { type: 'tokens', shape: ['B', 16, 32], grid: [4, 4] } } },
  infer: ({ inputs, params: p }) => {
    const t = inputs.in;
    if (t.type !== 'tokens' || t.shape.length !== 3) return problem(`a transformer needs tokens [B, T, D] (from Patchify), got ${formatType(t)}`, { portIds: ['in'] });
    if (p.width % p.heads) return problem(`${p.heads} heads do not divide the width ${p.width}`);
    if (p.pool === 'none') return { out: { type: 'tokens', shape: ['B', t.shape[1], p.width], views: t.views, grid: t.grid } };
    return { out: { type: 'latent', shape: ['B', p.width], views: t.views } };
  },
  init(ctx) {
    const p = ctx.params;
    const inDim = ctx.inputTypes.in.shape[2] as number;
    if (inDim !== p.width) ctx.variable('proj.w', [inDim, p.width], 'glorot');
    if (p.pool === 'cls') ctx.variable('cls', [1, 1, p.width], 'normal');
    initTransformer(ctx, config(p));
  },
  forward(ctx) {
    const { tf, params: p } = ctx;
    let x = ctx.inputs.in; // [B, T, Din]; T is the actual count (all tokens at evaluation, the kept ones in training)
    const [b, t, din] = x.shape as [number, number, number];
    if (ctx.vars['proj.w']) x = tf.reshape(dense(tf, tf.reshape(x, [b * t, din]), ctx.vars['proj.w'], null), [b, t, p.width]); // [B, T, D]
    const cls = p.pool === 'cls';
    if (cls) x = tf.concat([tf.tile(ctx.vars.cls, [b, 1, 1]), x], 1); // [B, 1 + T, D]
    const maps: Tensor[] = [];
    const onAttention = ctx.probe
      ? (_l: number, w: Tensor) => {
          // w: [B, H, S, S]; what each patch receives: from the CLS query, else averaged over queries
          const s = w.shape[2]!;
          maps.push(cls ? tf.reshape(tf.slice(w, [0, 0, 0, 1], [-1, -1, 1, s - 1]), [b, p.heads, s - 1]) : tf.mean(w, 2)); // [B, H, T]
        }
      : undefined;
    const h = forwardTransformer(ctx, x, config(p), '', onAttention); // [B, S, D]
    if (ctx.probe) ctx.probe('attention', tf.stack(maps, 1)); // [B, depth, H, T]
    if (cls) return { out: tf.reshape(tf.slice(h, [0, 0, 0], [-1, 1, -1]), [b, p.width]) }; // [B, D]
    return { out: p.pool === 'mean' ? tf.mean(h, 1) : h };
  },
});
