import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { LOSS_OUT, scalarType, embeddingPort, flat, needBatchOfVectors } from './common';

export const l1 = defineNode({
  type: 'loss.l1',
  version: 1,
  label: 'L1 sparsity',
  category: 'loss',
  doc: 'The sparsity term α‖z‖₁ of sparse coding (the lasso energy), summed over the code and averaged over the batch: it drives most entries exactly to zero, so each input is explained by a few dictionary atoms. On a Latent variable solved by ISTA it is not differentiated: ISTA takes its proximal step instead, soft-thresholding z by α × step size; elsewhere it is an ordinary (sub)gradient penalty.',
  formula: 'α ‖z‖₁  (with ½‖x − Dz‖²: the lasso energy of sparse coding)',
  lecture: 'Classical and energy-based',
  inputs: [embeddingPort('in', 'z', 'The code to make sparse, [B, d].')],
  outputs: LOSS_OUT,
  params: {
    weight: num({ label: 'Weight α', default: 0.1, min: 0, max: 100, step: 0.01, doc: 'α, the sparsity strength: the larger, the fewer active code entries.' }),
  },
  loss: { weight: (p) => p.weight, phase: () => 'main', proximal: 'l1' },
  infer: ({ inputs }) => needBatchOfVectors('in', inputs.in) ?? { loss: scalarType() },
  forward({ tf, inputs, perSample }) {
    const perRow = tf.sum(tf.abs(flat(tf, inputs.in)), -1); // [N] Σ_j |z_bj|
    return { loss: perSample ? perRow : tf.mean(perRow) };
  },
});
