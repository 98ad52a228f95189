import { stopGradient } from '../../engine/ops/stop-gradient';
import { choice, int, num } from '../../engine/params';
import { defineNode } from '../../engine/spec';

export const latent = defineNode({
  type: 'op.latent',
  version: 1,
  label: 'Latent variable',
  category: 'operator',
  roles: ['latent-code'],
  doc: 'A code z with no encoder: for each batch it is found by minimising the energy downstream of it (K inner steps of ISTA or gradient descent), then held fixed while the weights update. That is inference in sparse coding and latent-variable EBMs (E(y) = min_z E(y, z)); ISTA soft-thresholds the L1 term instead of differentiating it.',
  formula: 'z* = argmin_z E(x, z);  ISTA: z ← shrink(z − (1/L) Dᵀ(Dz − x), α/L)',
  lecture: 'Classical and energy-based',
  inputs: [],
  outputs: [{ id: 'out', label: 'z', type: 'latent' }],
  params: {
    dim: int({ label: 'Latent size', default: 64, min: 1, max: 2048, doc: 'Dimension of z (the number of dictionary atoms in sparse coding).' }),
    steps: int({ label: 'Inner steps', default: 30, min: 1, max: 500, doc: 'K, the most minimisation steps per batch: the loop stops earlier once z settles (checked every 10 steps), so a large K costs only what convergence needs.' }),
    method: choice({ label: 'Method', options: ['ista', 'gd'] as const, default: 'ista', doc: 'ista: gradient step on the smooth energy, then soft-thresholding for L1 terms. gd: plain gradient descent on the whole energy.' }),
    stepSize: num({ label: 'Step size', default: 0, min: 0, max: 10, step: 0.01, doc: '0 = automatic 1/(1.25 L), with L the largest curvature of the smooth energy, tracked by a power iteration refreshed on every training step (the margin covers its estimate from below).' }),
    starts: int({ label: 'Starts', default: 1, min: 1, max: 64, doc: 'Starting codes tried per sample, spread over [−range, range]; the one of lowest energy is descended from. 1 starts at z = 0. Several starts avoid the local minima of a curved decoder (the latent-variable EBM).' }),
    startRange: num({ label: 'Start range', default: 3, min: 0.01, max: 100, step: 0.1, doc: 'Half-width of the box the starting codes are spread over.' }),
  },
  latent: { dim: (p) => p.dim, steps: (p) => p.steps, method: (p) => p.method, stepSize: (p) => p.stepSize, starts: (p) => p.starts, startRange: (p) => p.startRange },
  infer: ({ params }) => ({ out: { type: 'latent', shape: ['B', params.dim] } }),
  // the compiler finds z (ctx.inputs.z) before calling forward; the weights must treat it as data
  forward: ({ tf, inputs, batch }) => ({ out: inputs.z ? stopGradient(tf, inputs.z) : tf.zeros([batch.indices.length, 64]) }),
});
