// PyTorch export of Centering (centering.ts): DINO's running centre of the teacher,
// updated with the global batch mean under torchrun (the official all_reduce).
import { features, kwargs, type TorchPart } from '../../engine/export/types';

const CENTERING = String.raw`
class Centering(nn.Module):
    """out = teacher - C; after the step C <- m C + (1 - m) mean(teacher)."""

    def __init__(self, dim, momentum):
        super().__init__()
        self.momentum = momentum
        self.register_buffer("center", torch.zeros(1, dim))

    def forward(self, x, after):
        t = x.detach()
        after(lambda: self.update(t))
        return t - self.center

    @torch.no_grad()
    def update(self, t):
        mean = all_reduce_sum(t.sum(0, keepdim=True)) / (t.shape[0] * world_size())
        self.center.mul_(self.momentum).add_(mean, alpha=1 - self.momentum)
`;

export const centeringTorch: TorchPart = {
  code: [{ file: 'model', key: 'Centering', source: CENTERING }],
  module: ({ params, inputTypes }) => `Centering(${kwargs({ dim: features(inputTypes.in), momentum: params.momentum })})`,
  forward: ({ py, inputs, out }) => [`${out.out} = self.${py}(${inputs.in}, self.after)`],
  weights: () => [{ studio: 'center', torch: 'center', layout: 'same' }],
};
