// PyTorch export of the Projector and Predictor (mlp-head.ts): an MLP whose batch
// norm works per view and over the global batch under torchrun.
import { features, kwargs, type TorchPart } from '../../engine/export/types';
import { mlpWeights, NN_CORE } from './nn.torch';

export const mlpHeadTorch: TorchPart = {
  code: [NN_CORE],
  module: ({ params: p, inputTypes }) => {
    const inDim = features(inputTypes.in);
    return `MLP(${kwargs({ in_dim: inDim, hidden: p.hidden, out_dim: (p.out as number) || inDim, activation: p.activation, out_activation: 'linear', norm: p.norm, norm_output: p.normOutput, views: inputTypes.in.views ?? 1, init: p.init })})`;
  },
  forward: ({ py, inputs, out }) => [`${out.out} = self.${py}(${inputs.in}.flatten(1))`],
  weights: ({ params: p }) => mlpWeights((p.hidden as number[]).length + 1, p.norm as string, p.normOutput as boolean, ''),
};
