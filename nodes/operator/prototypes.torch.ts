// PyTorch export of Prototypes (prototypes.ts): SwAV's cluster centres.
import { features, kwargs, type TorchPart } from '../../engine/export/types';

const PROTOTYPES = String.raw`
class Prototypes(nn.Module):
    """K learnable centres [K, D]; scores are cosines. Renormalised after each step,
    outside the gradient, as in the official SwAV loop."""

    def __init__(self, count, dim):
        super().__init__()
        self.c = nn.Parameter(init_(torch.empty(count, dim), "glorot", dim, count))

    def forward(self, x):  # [N, D] -> [N, K]
        return l2_normalize(x.flatten(1)) @ self.c.t()

    @torch.no_grad()
    def renormalise(self):
        self.c.copy_(l2_normalize(self.c))
`;

export const prototypesTorch: TorchPart = {
  code: [{ file: 'model', key: 'Prototypes', source: PROTOTYPES }],
  module: ({ params, inputTypes }) => `Prototypes(${kwargs({ count: params.count, dim: features(inputTypes.in) })})`,
  forward: ({ py, inputs, out }) => [`${out.scores} = self.${py}(${inputs.in})`, `self.after(self.${py}.renormalise)`],
  weights: () => [{ studio: 'c', torch: 'c', layout: 'same' }],
};
