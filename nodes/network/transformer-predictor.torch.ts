// PyTorch export of the Transformer predictor (transformer-predictor.ts): context
// tokens plus mask tokens at the hidden positions, through small transformer blocks.
import { kwargs, type TorchPart } from '../../engine/export/types';
import { NN_CORE } from './nn.torch';
import { PATCH_CORE } from './patchify.torch';
import { BLOCKS, blockWeights } from './transformer.torch';

const PREDICTOR = String.raw`
class TransformerPredictor(nn.Module):
    """Predicts one token per hidden patch from the visible context (I-JEPA's predictor, MAE's decoder)."""

    def __init__(self, in_dim, width, depth, heads, mlp_ratio, out_dim, grid):
        super().__init__()
        self.embed = nn.Linear(in_dim, width)
        init_(self.embed.weight, "glorot", in_dim, width)
        init_(self.embed.bias, "zeros", 0, 0)
        self.mask_token = nn.Parameter(init_(torch.empty(1, 1, width), "normal", 0, 0))
        self.body = TransformerBlocks(width, depth, heads, mlp_ratio)
        self.head = nn.Linear(width, out_dim)
        init_(self.head.weight, "glorot", width, out_dim)
        init_(self.head.bias, "zeros", 0, 0)
        self.register_buffer("pos", sincos_2d(grid[0], grid[1], width))

    def forward(self, context, mask):
        tk = context.shape[1]
        tm = mask[0].numel() - tk
        ctx = self.embed(context) + self.pos[mask_positions(mask, tk, "kept")]
        queries = self.mask_token + self.pos[mask_positions(mask, tm, "hidden")]
        h = self.body(torch.cat([ctx, queries], 1))
        return self.head(h[:, tk:])
`;

export const transformerPredictorTorch: TorchPart = {
  code: [NN_CORE, PATCH_CORE, BLOCKS, { file: 'model', key: 'TransformerPredictor', source: PREDICTOR }],
  module: ({ params: p, inputTypes }) => {
    const d = inputTypes.context.shape[2] as number;
    const [, gh, gw] = inputTypes.mask.shape;
    return `TransformerPredictor(${kwargs({ in_dim: d, width: p.width, depth: p.depth, heads: p.heads, mlp_ratio: p.mlpRatio, out_dim: (p.out as number) || d, grid: [gh, gw] })})`;
  },
  forward: ({ py, inputs, out }) => [`${out.out} = self.${py}(${inputs.context}, ${inputs.mask})`],
  weights: ({ params: p }) => [
    { studio: 'embed.w', torch: 'embed.weight', layout: 'dense' },
    { studio: 'embed.b', torch: 'embed.bias', layout: 'same' },
    { studio: 'maskToken', torch: 'mask_token', layout: 'same' },
    ...blockWeights(p.depth as number, 'body.'),
    { studio: 'head.w', torch: 'head.weight', layout: 'dense' },
    { studio: 'head.b', torch: 'head.bias', layout: 'same' },
    { studio: 'pos', torch: 'pos', layout: 'same' },
  ],
};
