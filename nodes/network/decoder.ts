import { ACTIVATIONS } from '../../engine/ops/activation';
import { NORMS, forwardMlp, initMlp, type MlpConfig } from '../../engine/ops/mlp';
import { choice, int, intList } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize, type TensorType } from '../../engine/types';

type P = { hidden: number[]; height: number; width: number; channels: number; activation: (typeof ACTIVATIONS)[number]; outActivation: (typeof ACTIVATIONS)[number]; norm: (typeof NORMS)[number] };

function config(input: TensorType, p: P): MlpConfig {
  return { inDim: featureSize(input), hidden: p.hidden, outDim: p.height * p.width * p.channels, activation: p.activation, outActivation: p.outActivation, norm: p.norm };
}

export const decoder = defineNode({
  type: 'net.decoder',
  version: 1,
  label: 'Decoder',
  category: 'network',
  doc: 'Maps a latent code back to an image, x̃ = g(h). Trained with a reconstruction loss it learns to undo the encoder; fed with noise from the prior (VAE, GAN) it generates new images.',
  inputs: [{ id: 'in', label: 'latent', type: 'latent', accepts: ['latent', 'vector'] }],
  outputs: [{ id: 'out', label: 'image', type: 'image' }],
  params: {
    hidden: intList({ label: 'Hidden widths', default: [256], min: 1, max: 4096, minItems: 0, maxItems: 6, doc: 'Width of each hidden layer, latent side first.' }),
    height: int({ label: 'Image height', default: 28, min: 1, max: 256, doc: 'Height of the produced image.' }),
    width: int({ label: 'Image width', default: 28, min: 1, max: 256, doc: 'Width of the produced image.' }),
    channels: int({ label: 'Channels', default: 1, min: 1, max: 4, doc: '1 for grey, 3 for colour.' }),
    activation: choice({ label: 'Activation', options: ACTIVATIONS, default: 'relu', doc: 'Non-linearity after each hidden layer.' }),
    outActivation: choice({ label: 'Output activation', options: ACTIVATIONS, default: 'sigmoid', doc: 'sigmoid for pixels in 0..1 (BCE), tanh for -1..1 (MSE).' }),
    norm: choice({ label: 'Normalisation', options: NORMS, default: 'none', doc: 'Batch or layer norm after each hidden layer.' }),
  },
  infer: ({ inputs, params }) => ({ out: { type: 'image', shape: ['B', params.height, params.width, params.channels], views: inputs.in.views } }),
  init(ctx) {
    initMlp(ctx, config(ctx.inputTypes.in, ctx.params));
  },
  forward(ctx) {
    const { tf, params } = ctx;
    const z = ctx.inputs.in;
    const flat = forwardMlp(ctx, tf.reshape(z, [z.shape[0], -1]), config(ctx.inputTypes.in, params), ctx.inputTypes.in.views ?? 1); // [N, H·W·C]
    return { out: tf.reshape(flat, [z.shape[0], params.height, params.width, params.channels]) }; // [N, H, W, C]
  },
});
