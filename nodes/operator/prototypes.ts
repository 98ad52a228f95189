import { l2Normalize } from '../../engine/ops/normalize';
import { normalizePrototypes, swavScores } from '../../engine/ops/swav';
import { int } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize } from '../../engine/types';

export const prototypes = defineNode({
  type: 'op.prototypes',
  version: 1,
  label: 'Prototypes',
  category: 'operator',
  doc: 'K learnable unit vectors (cluster centres) in embedding space; outputs the cosine score of each embedding against each prototype. SwAV assigns views to prototypes with Sinkhorn-Knopp, which forces the assignments to use every prototype equally and so rules out collapse.',
  formula: 's = n(z) · n(c_k)ᵀ for each prototype c_k (re-normalised each step)',
  lecture: 'Joint-embedding methods',
  inputs: [{ id: 'in', label: 'in', type: 'vector', accepts: ['vector', 'latent'] }],
  outputs: [{ id: 'scores', label: 'scores', type: 'vector' }],
  params: {
    count: int({ label: 'Prototypes', default: 30, min: 2, max: 4096, doc: 'K, the number of prototypes (3000 for ImageNet; a few times the classes at MNIST scale).' }),
  },
  infer: ({ inputs, params }) => ({ scores: { type: 'vector', shape: ['B', params.count], views: inputs.in.views } }),
  init(ctx) {
    ctx.variable('c', [ctx.params.count, featureSize(ctx.inputTypes.in)], 'glorot'); // [K, D]
  },
  forward(ctx) {
    const { tf, vars } = ctx;
    const x = ctx.inputs.in;
    const z = l2Normalize(tf, tf.reshape(x, [x.shape[0], -1])); // [N, D]
    // official SwAV re-normalises the prototypes every step, outside the gradient
    ctx.afterStep(() => {
      vars.c.assign(normalizePrototypes(tf, vars.c));
    });
    return { scores: swavScores(tf, z, vars.c) }; // [N, K]
  },
});
