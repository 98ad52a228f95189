// PyTorch export of the Discriminator (discriminator.ts): one MLP scoring real and fake inputs.
import { features, kwargs, type TorchPart } from '../../engine/export/types';
import { mlpWeights, NN_CORE } from './nn.torch';

export const discriminatorTorch: TorchPart = {
  code: [NN_CORE],
  module: ({ params: p, inputTypes }) => `MLP(${kwargs({ in_dim: features(inputTypes.real), hidden: p.hidden, out_dim: 1, activation: p.activation, out_activation: 'linear' })})`,
  forward: ({ py, inputs, out }) => [`${out.realLogits} = self.${py}(${inputs.real}.flatten(1))`, `${out.fakeLogits} = self.${py}(${inputs.fake}.flatten(1))`],
  weights: ({ params: p }) => mlpWeights((p.hidden as number[]).length + 1, 'none', false, ''),
};
