import { patchGrid, patchify as cutPatches, sincos2d } from '../../engine/ops/patchify';
import { dense } from '../../engine/ops/dense';
import { choice, int } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { formatType, problem } from '../../engine/types';

export const patchify = defineNode({
  type: 'net.patchify',
  version: 1,
  label: 'Patchify',
  category: 'network',
  doc: 'Turns an image into a sequence of tokens, the input of a vision transformer: the image is cut into p×p patches, each patch is flattened and linearly embedded, and a position embedding is added so attention, which ignores order, knows where each patch was.',
  inputs: [{ id: 'in', label: 'image', type: 'image' }],
  outputs: [{ id: 'out', label: 'tokens', type: 'tokens', doc: 'One token per patch, row-major over the patch grid: [B, T, D].' }],
  params: {
    patch: int({ label: 'Patch size', default: 7, min: 1, max: 32, doc: 'Side p of the square patches; it must divide the image height and width (28 → 1, 2, 4, 7, 14).' }),
    dim: int({ label: 'Token width', default: 64, min: 4, max: 1024, doc: 'D: the width of each token embedding.' }),
    position: choice({ label: 'Position embedding', options: ['learned', 'sincos'] as const, default: 'learned', doc: 'learned: trained with the rest (ViT). sincos: fixed 2-D sine-cosine (MAE, I-JEPA); needs D divisible by 4.' }),
  },
  example: { inputs: { in: { type: 'image', shape: ['B', 28, 28, 1] } } },
  infer: ({ inputs, params: p }) => {
    const t = inputs.in;
    if (t.type !== 'image' || t.shape.length !== 4) return problem(`Patchify needs an image [B, H, W, C], got ${formatType(t)}`, { portIds: ['in'] });
    const [, h, w] = t.shape as [unknown, number, number, number];
    if (h % p.patch || w % p.patch) return problem(`patch size ${p.patch} does not divide the ${h}×${w} image`);
    if (p.position === 'sincos' && p.dim % 4) return problem(`a sine-cosine position embedding needs a token width divisible by 4, got ${p.dim}`);
    const { gh, gw } = patchGrid(h, w, p.patch);
    return { out: { type: 'tokens', shape: ['B', gh * gw, p.dim], views: t.views, grid: [gh, gw] } };
  },
  init(ctx) {
    const p = ctx.params;
    const [, h, w, c] = ctx.inputTypes.in.shape as [unknown, number, number, number];
    const { gh, gw } = patchGrid(h, w, p.patch);
    ctx.variable('w', [p.patch * p.patch * c, p.dim], 'glorot');
    ctx.variable('b', [p.dim], 'zeros');
    if (p.position === 'learned') ctx.variable('pos', [gh * gw, p.dim], 'normal');
    else ctx.state('pos', ctx.tf.tensor2d(sincos2d(gh, gw, p.dim), [gh * gw, p.dim]));
  },
  forward(ctx) {
    const { tf, params: p } = ctx;
    const x = ctx.inputs.in; // [B, H, W, C]
    const patches = cutPatches(tf, x, p.patch); // [B, T, p·p·C]
    const [b, t, f] = patches.shape as [number, number, number];
    const emb = tf.reshape(dense(tf, tf.reshape(patches, [b * t, f]), ctx.vars.w, ctx.vars.b), [b, t, p.dim]); // [B, T, D]
    const pos = p.position === 'learned' ? ctx.vars.pos : ctx.state.pos; // [T, D]
    return { out: tf.add(emb, pos) };
  },
});
