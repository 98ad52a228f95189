import { SWAV_DEFAULTS, swavLoss } from '../../engine/ops/swav';
import { int, num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { LOSS_OUT, scalarType, embeddingPort, firstProblem, needBatchOfVectors, needTwoViews, splitViews, viewsExample, weightParam } from './common';

export const swav = defineNode({
  type: 'loss.swav',
  version: 1,
  label: 'SwAV swapped prediction',
  category: 'loss',
  doc: 'SwAV’s swapped prediction: Sinkhorn-Knopp turns each view’s prototype scores into balanced cluster codes (every prototype gets an equal share of the batch), and each view must predict the other view’s code from its own scores (softmax at temperature τ). The equipartition constraint is what stops all samples from falling into one cluster; a loss stuck at ln K (K prototypes) means collapse.',
  formula: '−½[q₁·log softmax(s₂/τ) + q₂·log softmax(s₁/τ)],  q = Sinkhorn(s, ε)',
  lecture: 'Joint-embedding methods',
  inputs: [embeddingPort('scores', 'scores', 'Prototype scores of two views stacked, [2·B, K] (cosine similarities from the Prototypes node).')],
  outputs: LOSS_OUT,
  params: {
    temperature: num({ label: 'Temperature τ', default: SWAV_DEFAULTS.temperature, min: 0.01, max: 10, step: 0.01, log: true, doc: 'τ of the prediction softmax (0.1 in SwAV).' }),
    epsilon: num({ label: 'Sinkhorn ε', default: SWAV_DEFAULTS.epsilon, min: 0.01, max: 1, step: 0.01, log: true, doc: 'Entropic regularisation of the codes: smaller gives harder assignments (0.05 in SwAV).' }),
    iterations: int({ label: 'Sinkhorn iterations', default: SWAV_DEFAULTS.iterations, min: 0, max: 50, doc: 'Normalisation rounds of Sinkhorn-Knopp (3 in SwAV).' }),
    weight: weightParam(),
  },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  example: { inputs: { scores: viewsExample() } },
  infer: ({ inputs }) => firstProblem(needBatchOfVectors('scores', inputs.scores), needTwoViews('scores', inputs.scores)) ?? { loss: scalarType() },
  forward({ tf, inputs, params }) {
    const [s1, s2] = splitViews(tf, inputs.scores, 2); // [B, K] each
    return { loss: swavLoss(tf, s1, s2, { temperature: params.temperature, epsilon: params.epsilon, iterations: params.iterations }) };
  },
});
