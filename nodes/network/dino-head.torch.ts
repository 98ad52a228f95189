// PyTorch export of the DINO head (dino-head.ts): DINOHead of facebookresearch/dino
// with the studio's MLP (per-view batch norm when asked) before the bottleneck.
import { features, kwargs, type TorchPart } from '../../engine/export/types';
import { mlpWeights, NN_CORE } from './nn.torch';

const DINO_HEAD = String.raw`
class WeightNormLinear(nn.Module):
    """nn.utils.weight_norm(nn.Linear(in_dim, out_dim, bias=False)) with weight_g fixed
    to 1 (DINO's norm_last_layer=True): W = g * v / ||v|| per output row. Written out,
    with weight_norm's parameter names, because copy.deepcopy (the Momentum encoder's
    copy) refuses a module that nn.utils.weight_norm has wrapped."""

    def __init__(self, in_dim, out_dim):
        super().__init__()
        v = nn.Linear(in_dim, out_dim, bias=False).weight.detach().clone()  # nn.Linear's init, as in DINO
        self.weight_v = nn.Parameter(v)  # [out, in]
        self.weight_g = nn.Parameter(torch.ones(out_dim, 1), requires_grad=False)

    def forward(self, x, frozen=False):  # [N, in] -> [N, out]
        v = self.weight_v.detach() if frozen else self.weight_v
        return F.linear(x, self.weight_g * v / v.norm(dim=1, keepdim=True))


class DinoHead(nn.Module):
    """DINOHead: MLP to the bottleneck, F.normalize, weight-normalised last layer.
    init "dino": trunc_normal_(std=.02) weights and zero biases in the MLP (DINO's
    _init_weights); "pytorch": nn.Linear's default there too."""

    def __init__(self, in_dim, hidden, bottleneck, out_dim, activation="gelu", norm="none", views=1, init="dino", freeze_last=0):
        super().__init__()
        self.freeze_last = freeze_last
        self.mlp = MLP(in_dim, hidden, bottleneck, activation, "linear", norm, False, views, "pytorch")
        if init == "dino":
            for layer in self.mlp.layers:
                nn.init.trunc_normal_(layer.weight, std=0.02)
                nn.init.zeros_(layer.bias)
        self.last_layer = WeightNormLinear(bottleneck, out_dim)

    def forward(self, x, step=None):  # [N, ...] -> [N, out_dim]
        x = self.mlp(x.flatten(1))
        x = F.normalize(x, dim=-1, p=2)
        # DINO's cancel_gradients_last_layer over the first freeze_last steps
        return self.last_layer(x, frozen=self.training and step is not None and step <= self.freeze_last)
`;

export const dinoHeadTorch: TorchPart = {
  code: [NN_CORE, { file: 'model', key: 'DinoHead', source: DINO_HEAD }],
  module: ({ params: p, inputTypes }) =>
    `DinoHead(${kwargs({ in_dim: features(inputTypes.in), hidden: p.hidden, bottleneck: p.bottleneck, out_dim: p.out, activation: p.activation, norm: p.norm, views: inputTypes.in.views ?? 1, init: p.init, freeze_last: p.freezeLast })})`,
  forward: ({ py, inputs, out }) => [`${out.out} = self.${py}(${inputs.in}, step)`],
  weights: ({ params: p }) => [...mlpWeights((p.hidden as number[]).length + 1, p.norm as string, false, 'mlp.'), { studio: 'v', torch: 'last_layer.weight_v', layout: 'dense' }],
};
