// PyTorch export of the Decoder (decoder.ts): dense layers to all pixels, or to a
// small feature map up-sampled by transposed convolutions.
import { features, kwargs, type TorchPart } from '../../engine/export/types';
import { convWeights, mlpWeights, NN_CORE } from './nn.torch';

const DECODER = String.raw`
class Decoder(nn.Module):
    """x~ = g(h) as an NHWC image [N, H, W, C]."""

    def __init__(self, in_dim, arch, channels, kernel, hidden, height, width, channels_out, activation, out_activation, norm, views, init="he-glorot"):
        super().__init__()
        self.arch, self.shape = arch, (height, width, channels_out)
        if arch == "cnn":
            f = 2 ** len(channels)
            self.seed = (height // f, width // f, channels[0])
            # the dense head feeds more layers: it keeps the hidden non-linearity
            self.mlp = MLP(in_dim, hidden, math.prod(self.seed), activation, activation, norm, False, views, init)
            self.deconvs = DeconvStack(channels[0], [*channels[1:], channels_out], kernel, activation, out_activation)
        else:
            self.mlp = MLP(in_dim, hidden, height * width * channels_out, activation, out_activation, norm, False, views, init)

    def forward(self, z):
        flat = self.mlp(z.flatten(1))
        if self.arch == "cnn":
            return self.deconvs(flat.reshape(-1, *self.seed))
        return flat.reshape(-1, *self.shape)
`;

export const decoderTorch: TorchPart = {
  code: [NN_CORE, { file: 'model', key: 'Decoder', source: DECODER }],
  module: ({ params: p, inputTypes }) =>
    `Decoder(${kwargs({ in_dim: features(inputTypes.in), arch: p.arch, channels: p.channels, kernel: p.kernel, hidden: p.hidden, height: p.height, width: p.width, channels_out: p.channelsOut, activation: p.activation, out_activation: p.outActivation, norm: p.norm, views: inputTypes.in.views ?? 1, init: p.init })})`,
  forward: ({ py, inputs, out }) => [`${out.out} = self.${py}(${inputs.in})`],
  weights: ({ params: p }) => [
    ...mlpWeights((p.hidden as number[]).length + 1, p.norm as string, false, 'mlp.'),
    ...(p.arch === 'cnn' ? convWeights((p.channels as number[]).length, 'deconv', 'deconvs.') : []),
  ],
};
