import { BARLOW_LAMBDA, barlowTwinsLoss } from '../../engine/ops/barlow-twins';
import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { LOSS_OUT, scalarType, asScalar, embeddingPort, firstProblem, needBatchOfVectors, needTwoViews, splitViews, viewsExample, weightParam } from './common';

export const barlowTwins = defineNode({
  type: 'loss.barlow-twins',
  version: 1,
  label: 'Barlow Twins',
  category: 'loss',
  doc: 'Barlow Twins drives the cross-correlation matrix between the two views’ batch-normalised embeddings to the identity: diagonal entries to 1 (invariance to the augmentations) and off-diagonal entries to 0, weighted by λ (redundancy reduction). A collapsed, constant batch normalises to zeros, so the loss sits at D, the embedding size; the off-diagonal term prevents dimensional collapse, where every dimension encodes the same thing.',
  formula: 'Σ_i (1 − c_ii)² + λ Σ_{i≠j} c_ij²,  c = BN(z₁)ᵀ BN(z₂) / B',
  lecture: 'Joint-embedding methods',
  inputs: [embeddingPort('z', 'z', 'Two views stacked, [2·B, D] (the projector output).')],
  outputs: LOSS_OUT,
  params: {
    lambda: num({ label: 'Off-diagonal λ', default: BARLOW_LAMBDA, min: 0, max: 1, step: 0.0001, doc: 'λ, weight of the redundancy-reduction term (0.0051 in the paper).' }),
    weight: weightParam(),
  },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  example: { inputs: { z: viewsExample() } },
  infer: ({ inputs }) => firstProblem(needBatchOfVectors('z', inputs.z), needTwoViews('z', inputs.z)) ?? { loss: scalarType() },
  forward({ tf, inputs, params, term }) {
    const [z1, z2] = splitViews(tf, inputs.z, 2); // [B, D] each
    const r = barlowTwinsLoss(tf, z1, z2, params.lambda);
    term('onDiag', asScalar(r.onDiag));
    term('offDiag', asScalar(r.offDiag)); // unweighted Σ_{i≠j} c_ij²
    return { loss: r.loss };
  },
});
