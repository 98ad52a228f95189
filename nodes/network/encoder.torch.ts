// PyTorch export of the Encoder (encoder.ts): an MLP, optionally after stride-2
// convolutions, with a Gaussian head for a VAE and the contractive penalty.
import { features, kwargs, type PartArgs, type TorchPart } from '../../engine/export/types';
import { convWeights, mlpWeights, NN_CORE } from './nn.torch';

const ENCODER = String.raw`
class Encoder(nn.Module):
    """h = f(x): optional stride-2 convolutions, then dense layers. A Gaussian output
    is (mu, log var) stacked as [N, 2, d]."""

    def __init__(self, in_shape, arch, channels, kernel, hidden, latent, activation, out_activation, norm, output, views, init="he-glorot"):
        super().__init__()
        self.arch, self.output, self.latent = arch, output, latent
        self.out_activation, self.hidden = out_activation, hidden
        feat = math.prod(in_shape)
        if arch == "cnn":
            self.convs = ConvStack(in_shape[2], channels, kernel, activation)
            h, w = in_shape[0], in_shape[1]
            for _ in channels:
                h, w = math.ceil(h / 2), math.ceil(w / 2)
            feat = h * w * channels[-1]
        gaussian = output == "gaussian"
        self.mlp = MLP(feat, hidden, 2 * latent if gaussian else latent, activation, "linear" if gaussian else out_activation, norm, False, views, init)

    def body(self, x):
        if self.arch == "cnn":
            x = self.convs(x)
        return self.mlp(x.flatten(1))  # [N, latent] or [N, 2 latent]

    def forward(self, x):
        h = self.body(x)
        return h.reshape(-1, 2, self.latent) if self.output == "gaussian" else h

    def jacobian_penalty(self, x, h, draw):
        """||dh/dx||_F^2 averaged over the batch: closed form for one sigmoid layer
        (Rifai et al.), else a finite-difference Hutchinson estimate with 4 probes."""
        if self.arch == "mlp" and not self.hidden and self.out_activation == "sigmoid" and self.output == "point":
            w2 = self.mlp.layers[0].weight.pow(2).sum(1)  # [H] sum_i W_ij^2
            return ((h * (1 - h)) ** 2 * w2).sum(-1).mean()
        eps, acc = 1e-2, 0.0
        for i in range(4):
            v = draw(f"probe{i}", lambda: torch.randn_like(x))
            jv = (self.body(x + eps * v) - h.flatten(1)) / eps
            acc = acc + jv.flatten(1).pow(2).sum(1).mean()
        return acc / 4
`;

function hasConv(p: Record<string, unknown>): boolean {
  return p.arch === 'cnn';
}

export const encoderTorch: TorchPart = {
  code: [NN_CORE, { file: 'model', key: 'Encoder', source: ENCODER }],
  module: ({ params: p, inputTypes }: PartArgs) => {
    const t = inputTypes.in;
    const inShape = t.shape.length === 4 ? t.shape.slice(1) : [features(t)];
    return `Encoder(${kwargs({ in_shape: inShape, arch: p.arch, channels: p.channels, kernel: p.kernel, hidden: p.hidden, latent: p.latent, activation: p.activation, out_activation: p.outActivation, norm: p.norm, output: p.output, views: t.views ?? 1, init: p.init })})`;
  },
  forward: ({ py, inputs, out, used, id }) => {
    const lines = [`${out.out} = self.${py}(${inputs.in})`];
    if (used.has('jacobian')) {
      lines.push(`${out.jacobian} = self.${py}.jacobian_penalty(${inputs.in}, ${out.out}, lambda what, make: self.draw(${JSON.stringify(id)} + "." + what, make))`);
    }
    return lines;
  },
  weights: ({ params: p }) => {
    const conv = hasConv(p) ? convWeights((p.channels as number[]).length, 'conv', 'convs.') : [];
    return [...conv, ...mlpWeights((p.hidden as number[]).length + 1, p.norm as string, false, 'mlp.')];
  },
};
