// PyTorch export of Patchify (patchify.ts): patches as MAE cuts them, a linear
// embedding, and learned or fixed 2-D sine-cosine positions.
import { kwargs, type PyDef, type TorchPart } from '../../engine/export/types';
import { NN_CORE } from './nn.torch';

export const PATCH_CORE: PyDef = {
  file: 'model',
  key: 'patch-core',
  source: String.raw`
def patchify(x, p):
    """[N, H, W, C] -> [N, T, p*p*C], patches row-major, each flattened by (row, column, channel)."""
    n, h, w, c = x.shape
    x = x.reshape(n, h // p, p, w // p, p, c).permute(0, 1, 3, 2, 4, 5)
    return x.reshape(n, (h // p) * (w // p), p * p * c)


def sincos_1d(pos, d):
    half = d // 2
    omega = 1.0 / 10000 ** (torch.arange(half, dtype=torch.float64) / half)
    a = pos.double()[:, None] * omega[None]
    return torch.cat([a.sin(), a.cos()], 1)


def sincos_2d(gh, gw, d):
    """[gh*gw, d]: the patch's row in the first half of the width, its column in the second (MAE, I-JEPA)."""
    r = sincos_1d(torch.arange(gh), d // 2)[:, None, :].expand(gh, gw, d // 2)
    c = sincos_1d(torch.arange(gw), d // 2)[None, :, :].expand(gh, gw, d // 2)
    return torch.cat([r, c], -1).reshape(gh * gw, d).float()


def mask_positions(mask, count, which):
    """Positions of the hidden (or kept) patches per row, ascending: [N, gh, gw] -> [N, count]."""
    m = mask.flatten(1)
    t = m.shape[1]
    sel = (m > 0.5) if which == "hidden" else (m <= 0.5)
    score = sel.float() * (2 * t) - torch.arange(t, device=m.device)
    return score.topk(count, 1).indices


def take_tokens(x, pos):
    """x [N, T, D] at positions [N, K] -> [N, K, D]."""
    return torch.gather(x, 1, pos[..., None].expand(-1, -1, x.shape[-1]))
`,
};

const PATCHIFY = String.raw`
class Patchify(nn.Module):
    def __init__(self, patch, channels, dim, grid, position):
        super().__init__()
        self.patch = patch
        self.embed = nn.Linear(patch * patch * channels, dim)
        init_(self.embed.weight, "glorot", patch * patch * channels, dim)
        init_(self.embed.bias, "zeros", 0, 0)
        t = grid[0] * grid[1]
        if position == "learned":
            self.pos = nn.Parameter(init_(torch.empty(t, dim), "normal", 0, 0))
        else:
            self.register_buffer("pos", sincos_2d(grid[0], grid[1], dim))

    def forward(self, x):  # [N, H, W, C] -> [N, T, D]
        return self.embed(patchify(x, self.patch)) + self.pos
`;

export const patchifyTorch: TorchPart = {
  code: [NN_CORE, PATCH_CORE, { file: 'model', key: 'Patchify', source: PATCHIFY }],
  module: ({ params: p, inputTypes, outputTypes }) =>
    `Patchify(${kwargs({ patch: p.patch, channels: inputTypes.in.shape[3], dim: p.dim, grid: outputTypes.out.grid, position: p.position })})`,
  forward: ({ py, inputs, out }) => [`${out.out} = self.${py}(${inputs.in})`],
  weights: () => [
    { studio: 'w', torch: 'embed.weight', layout: 'dense' },
    { studio: 'b', torch: 'embed.bias', layout: 'same' },
    { studio: 'pos', torch: 'pos', layout: 'same' },
  ],
};
