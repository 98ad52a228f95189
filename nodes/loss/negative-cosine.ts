import { byolSymmetric } from '../../engine/ops/byol';
import { simsiamSymmetric } from '../../engine/ops/simsiam';
import { choice } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { LOSS_OUT, scalarType, embeddingPort, firstProblem, needBatchOfVectors, needSameSize, needTwoViews, splitViews, viewsExample, weightParam } from './common';

export const negativeCosine = defineNode({
  type: 'loss.negative-cosine',
  version: 1,
  label: 'Negative cosine (BYOL / SimSiam)',
  category: 'loss',
  doc: 'BYOL’s and SimSiam’s loss: the online prediction p of each view regresses the target z of the other view by cosine similarity (BYOL: 2 − 2cos, both directions summed; SimSiam: −½[cos(p₁, z₂) + cos(p₂, z₁)]). With no negatives a constant embedding minimises it perfectly: what avoids collapse is the predictor plus a target that carries no gradient, and this node does not detach z itself — the graph must, with a Stop-gradient node or a Momentum encoder. Remove that stop-gradient and both branches collapse to a constant.',
  formula: 'BYOL: ‖n(p) − n(sg z′)‖² = 2 − 2 cos(p, sg z′)  ·  SimSiam: −½[cos(p₁, sg z₂) + cos(p₂, sg z₁)]',
  lecture: 'Joint-embedding methods',
  inputs: [
    embeddingPort('p', 'prediction', 'Online predictions of two views stacked, [2·B, D] (the predictor output).'),
    embeddingPort('z', 'target', 'Targets of the same two views, [2·B, D]: through a Stop-gradient node (SimSiam) or from a Momentum encoder (BYOL).'),
  ],
  outputs: LOSS_OUT,
  params: {
    form: choice({ label: 'Form', options: ['byol', 'simsiam'] as const, default: 'byol', doc: 'byol: Σ over both directions of ‖n(p) − n(z)‖² = 2 − 2cos (0..8); simsiam: the mean of −cos over both directions (−1..1).' }),
    weight: weightParam(),
  },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  example: { inputs: { p: viewsExample(), z: viewsExample() } },
  infer: ({ inputs }) => {
    const { p, z } = inputs;
    return firstProblem(needBatchOfVectors('p', p), needBatchOfVectors('z', z), needTwoViews('p', p), needTwoViews('z', z), needSameSize('p', p, 'z', z)) ?? { loss: scalarType() };
  },
  forward({ tf, inputs, params }) {
    const [p1, p2] = splitViews(tf, inputs.p, 2); // [B, D] each
    const [z1, z2] = splitViews(tf, inputs.z, 2); // [B, D] each
    // view 1's prediction against view 2's target and vice versa
    return { loss: params.form === 'byol' ? byolSymmetric(tf, p1, z2, p2, z1) : simsiamSymmetric(tf, p1, z2, p2, z1) };
  },
});
