import { stopGradient as sg } from '../../engine/ops/stop-gradient';
import { defineNode } from '../../engine/spec';

export const stopGradient = defineNode({
  type: 'op.stop-gradient',
  version: 1,
  label: 'Stop-gradient',
  category: 'operator',
  doc: 'Passes values through unchanged but blocks the gradient, so everything upstream treats this branch as a fixed target. In SimSiam it is the whole trick: with the predictor, it keeps the two branches from collapsing to a constant; delete it and watch the embedding std fall to zero.',
  formula: 'forward: sg(x) = x  ·  backward: ∂sg(x)/∂x = 0',
  lecture: 'Shared building blocks',
  inputs: [{ id: 'in', label: 'in', type: 'vector', accepts: ['vector', 'latent', 'image', 'distribution'] }],
  outputs: [{ id: 'out', label: 'out', type: 'vector' }],
  params: {},
  infer: ({ inputs }) => ({ out: { ...inputs.in } }),
  forward: ({ tf, inputs }) => ({ out: sg(tf, inputs.in) }),
});
