// PyTorch export of the Dictionary (dictionary.ts): x~ = zD with unit-norm atoms.
import { features, kwargs, type TorchPart } from '../../engine/export/types';
import { NN_CORE } from './nn.torch';

const DICTIONARY = String.raw`
class Dictionary(nn.Module):
    """A linear decoder whose atoms (rows of d, [M, I]) are renormalised to unit
    length after every step, so the L1 penalty cannot be dodged by scaling."""

    def __init__(self, atoms, height, width, channels=1):
        super().__init__()
        self.shape = (height, width, channels)
        size = height * width * channels
        self.d = nn.Parameter(init_(torch.empty(atoms, size), "glorot", atoms, size))
        with torch.no_grad():
            self.d /= self.d.norm(dim=1, keepdim=True)

    def forward(self, z):  # [N, M] -> [N, H, W, C]
        return (z.flatten(1) @ self.d).reshape(-1, *self.shape)

    @torch.no_grad()
    def renormalise(self):
        self.d /= self.d.norm(dim=1, keepdim=True) + 1e-8
`;

export const dictionaryTorch: TorchPart = {
  code: [NN_CORE, { file: 'model', key: 'Dictionary', source: DICTIONARY }],
  module: ({ params: p, inputTypes }) => `Dictionary(${kwargs({ atoms: features(inputTypes.in), height: p.height, width: p.width, channels: p.channels })})`,
  forward: ({ py, inputs, out }) => [`${out.out} = self.${py}(${inputs.in})`, `self.after(self.${py}.renormalise)`],
  weights: () => [{ studio: 'd', torch: 'd', layout: 'same' }],
};
