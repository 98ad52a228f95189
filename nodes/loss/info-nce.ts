import { ntXent } from '../../engine/ops/info-nce';
import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { LOSS_OUT, scalarType, embeddingPort, firstProblem, needBatchOfVectors, needTwoViews, splitViews, viewsExample, weightParam } from './common';

export const infoNce = defineNode({
  type: 'loss.info-nce',
  version: 1,
  label: 'InfoNCE (NT-Xent)',
  category: 'loss',
  doc: 'SimCLR’s contrastive loss: each of the 2B embeddings must pick out the other view of its own image among the 2B − 1 others (cosine similarity / τ, softmax cross-entropy). The negatives are what prevents collapse — identical embeddings score ln(2B − 1) — while the positives pull the views together. Reported as the mean over all 2B anchors; official SimCLR reports the sum of both directions, exactly 2× this value (and its gradients).',
  formula: '−log exp(n(h_i)·n(h_j)/τ) / Σ_{k≠i} exp(n(h_i)·n(h_k)/τ)  over the 2B views',
  lecture: 'Joint-embedding methods',
  inputs: [embeddingPort('z', 'z', 'Two views stacked, [2·B, D] (usually the projector output).')],
  outputs: LOSS_OUT,
  params: {
    temperature: num({ label: 'Temperature τ', default: 0.5, min: 0.01, max: 10, step: 0.01, log: true, doc: 'τ: lower sharpens the softmax and weights hard negatives more; 0.5 worked best at MNIST scale.' }),
    weight: weightParam(),
  },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  example: { inputs: { z: viewsExample() } },
  infer: ({ inputs }) => firstProblem(needBatchOfVectors('z', inputs.z), needTwoViews('z', inputs.z)) ?? { loss: scalarType() },
  forward({ tf, inputs, params }) {
    const [z1, z2] = splitViews(tf, inputs.z, 2); // [B, D] each
    return { loss: ntXent(tf, z1, z2, params.temperature) };
  },
});
