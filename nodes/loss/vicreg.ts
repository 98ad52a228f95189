import { VICREG_DEFAULTS, vicregLoss } from '../../engine/ops/vicreg';
import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { LOSS_OUT, scalarType, asScalar, embeddingPort, firstProblem, needBatchOfVectors, needTwoViews, splitViews, viewsExample, weightParam } from './common';

export const vicreg = defineNode({
  type: 'loss.vicreg',
  version: 1,
  label: 'VICReg',
  category: 'loss',
  doc: 'VICReg keeps the two views’ embeddings close (invariance: their MSE), keeps each dimension’s standard deviation across the batch above 1 (variance: a hinge), and decorrelates the dimensions (covariance: squared off-diagonal covariances / D). The variance term is what stops collapse — a constant batch scores 25·(1 − √1e-4) ≈ 24.75 — and the covariance term stops the dimensions from all carrying the same information (dimensional collapse).',
  formula: 'λ·MSE(z, z′) + μ·mean_d relu(1 − std_d) + ν·Σ_{i≠j} C_ij² / D  (per branch)',
  lecture: 'Joint-embedding methods',
  inputs: [embeddingPort('z', 'z', 'Two views stacked, [2·B, D] (the expander / projector output).')],
  outputs: LOSS_OUT,
  params: {
    sim: num({ label: 'Invariance λ', default: VICREG_DEFAULTS.sim, min: 0, max: 1000, step: 0.5, doc: 'λ, weight of the MSE between the views (25 in the paper).' }),
    std: num({ label: 'Variance μ', default: VICREG_DEFAULTS.std, min: 0, max: 1000, step: 0.5, doc: 'μ, weight of the hinge on each dimension’s std (25 in the paper).' }),
    cov: num({ label: 'Covariance ν', default: VICREG_DEFAULTS.cov, min: 0, max: 1000, step: 0.1, doc: 'ν, weight of the off-diagonal covariance penalty (1 in the paper).' }),
    weight: weightParam(),
  },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  example: { inputs: { z: viewsExample() } },
  infer: ({ inputs }) => firstProblem(needBatchOfVectors('z', inputs.z), needTwoViews('z', inputs.z)) ?? { loss: scalarType() },
  forward({ tf, inputs, params, term }) {
    const [z1, z2] = splitViews(tf, inputs.z, 2); // [B, D] each
    const r = vicregLoss(tf, z1, z2, { sim: params.sim, std: params.std, cov: params.cov });
    // the curves show the unweighted terms
    term('invariance', asScalar(r.invariance));
    term('variance', asScalar(r.variance));
    term('covariance', asScalar(r.covariance));
    return { loss: r.loss };
  },
});
