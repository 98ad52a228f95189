// PyTorch export of the Transformer encoder (transformer.ts) and the blocks the
// Transformer predictor shares: pre-norm blocks with separate Q/K/V/output
// projections, a tanh-GELU MLP and a final LayerNorm (engine/ops/transformer.ts).
import { kwargs, type PyDef, type TorchPart, type WeightEntry } from '../../engine/export/types';
import { NN_CORE } from './nn.torch';

export const BLOCKS: PyDef = {
  file: 'model',
  key: 'TransformerBlocks',
  source: String.raw`
class TransformerBlocks(nn.Module):
    """x <- x + Attention(LN(x)); x <- x + MLP(LN(x)) per block, then LN (pre-norm ViT)."""

    def __init__(self, dim, depth, heads, mlp_ratio):
        super().__init__()
        hidden = int(math.floor(mlp_ratio * dim + 0.5))  # JavaScript's Math.round
        self.heads = heads
        self.blocks = nn.ModuleList()
        for _ in range(depth):
            b = nn.Module()
            b.ln1, b.ln2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
            b.q, b.k, b.v, b.o = (nn.Linear(dim, dim) for _ in range(4))
            b.fc1, b.fc2 = nn.Linear(dim, hidden), nn.Linear(hidden, dim)
            for lin in [b.q, b.k, b.v, b.o, b.fc1, b.fc2]:
                init_(lin.weight, "glorot", lin.in_features, lin.out_features)
                init_(lin.bias, "zeros", 0, 0)
            self.blocks.append(b)
        self.norm = nn.LayerNorm(dim)

    def attend(self, b, x):
        n, t, d = x.shape
        dh = d // self.heads
        split = lambda y: y.reshape(n, t, self.heads, dh).transpose(1, 2)  # [N, H, T, dh]
        q, k, v = split(b.q(x)), split(b.k(x)), split(b.v(x))
        a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(dh), -1)  # [N, H, T, T]
        return b.o((a @ v).transpose(1, 2).reshape(n, t, d))

    def forward(self, x):  # [N, T, D]
        for b in self.blocks:
            x = x + self.attend(b, b.ln1(x))
            x = x + b.fc2(F.gelu(b.fc1(b.ln2(x)), approximate="tanh"))
        return self.norm(x)
`,
};

const ENCODER = String.raw`
class TransformerEncoder(nn.Module):
    """Tokens [N, T, D_in] -> the CLS token's output, the tokens' mean, or every token."""

    def __init__(self, in_dim, width, depth, heads, mlp_ratio, pool):
        super().__init__()
        self.pool = pool
        self.proj = nn.Linear(in_dim, width, bias=False) if in_dim != width else None
        if self.proj is not None:
            init_(self.proj.weight, "glorot", in_dim, width)
        self.cls = nn.Parameter(init_(torch.empty(1, 1, width), "normal", 0, 0)) if pool == "cls" else None
        self.body = TransformerBlocks(width, depth, heads, mlp_ratio)

    def forward(self, x):
        if self.proj is not None:
            x = self.proj(x)
        if self.cls is not None:
            x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], 1)
        h = self.body(x)
        if self.pool == "cls":
            return h[:, 0]
        return h.mean(1) if self.pool == "mean" else h
`;

/** Studio names of the blocks (engine/ops/transformer.ts) -> TransformerBlocks' state_dict. */
export function blockWeights(depth: number, prefix: string): WeightEntry[] {
  const out: WeightEntry[] = [];
  for (let l = 0; l < depth; l++) {
    for (const ln of ['ln1', 'ln2']) {
      out.push({ studio: `blk${l}.${ln}.g`, torch: `${prefix}blocks.${l}.${ln}.weight`, layout: 'same' });
      out.push({ studio: `blk${l}.${ln}.b`, torch: `${prefix}blocks.${l}.${ln}.bias`, layout: 'same' });
    }
    for (const p of ['q', 'k', 'v', 'o']) {
      out.push({ studio: `blk${l}.w${p}`, torch: `${prefix}blocks.${l}.${p}.weight`, layout: 'dense' });
      out.push({ studio: `blk${l}.b${p}`, torch: `${prefix}blocks.${l}.${p}.bias`, layout: 'same' });
    }
    for (const fc of ['fc1', 'fc2']) {
      out.push({ studio: `blk${l}.${fc}.w`, torch: `${prefix}blocks.${l}.${fc}.weight`, layout: 'dense' });
      out.push({ studio: `blk${l}.${fc}.b`, torch: `${prefix}blocks.${l}.${fc}.bias`, layout: 'same' });
    }
  }
  out.push({ studio: 'norm.g', torch: `${prefix}norm.weight`, layout: 'same' }, { studio: 'norm.b', torch: `${prefix}norm.bias`, layout: 'same' });
  return out;
}

export const transformerTorch: TorchPart = {
  code: [NN_CORE, BLOCKS, { file: 'model', key: 'TransformerEncoder', source: ENCODER }],
  module: ({ params: p, inputTypes }) =>
    `TransformerEncoder(${kwargs({ in_dim: inputTypes.in.shape[2], width: p.width, depth: p.depth, heads: p.heads, mlp_ratio: p.mlpRatio, pool: p.pool })})`,
  forward: ({ py, inputs, out }) => [`${out.out} = self.${py}(${inputs.in})`],
  weights: ({ params: p, inputTypes }) => [
    ...(inputTypes.in.shape[2] !== p.width ? [{ studio: 'proj.w', torch: 'proj.weight', layout: 'dense' as const }] : []),
    ...(p.pool === 'cls' ? [{ studio: 'cls', torch: 'cls', layout: 'same' as const }] : []),
    ...blockWeights(p.depth as number, 'body.'),
  ],
};
