import { ACTIVATIONS, type Activation } from '../../engine/ops/activation';
import { forwardDeconvStack, initDeconvStack } from '../../engine/ops/conv';
import { MLP_INIT_DOC, MLP_INITS, NORMS, forwardMlp, initMlp, type MlpConfig, type MlpInit } from '../../engine/ops/mlp';
import { choice, int, intList } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize, problem, type TensorType } from '../../engine/types';

type P = {
  arch: 'mlp' | 'cnn';
  channels: number[];
  kernel: number;
  hidden: number[];
  height: number;
  width: number;
  channelsOut: number;
  activation: Activation;
  outActivation: Activation;
  norm: (typeof NORMS)[number];
  init: MlpInit;
};

/** The CNN decoder starts from a feature map 2^L times smaller than the image. */
function seedMap(p: P): [number, number, number] {
  const f = 2 ** p.channels.length;
  return [p.height / f, p.width / f, p.channels[0]];
}

function config(input: TensorType, p: P): MlpConfig {
  const [h, w, c] = seedMap(p);
  return {
    inDim: featureSize(input),
    hidden: p.hidden,
    outDim: p.arch === 'cnn' ? h * w * c : p.height * p.width * p.channelsOut,
    activation: p.activation,
    // the CNN's dense head feeds more layers: keep its non-linearity
    outActivation: p.arch === 'cnn' ? p.activation : p.outActivation,
    norm: p.norm,
    init: p.init,
  };
}

export const decoder = defineNode({
  type: 'net.decoder',
  version: 2,
  label: 'Decoder',
  category: 'network',
  doc: 'Maps a latent code back to an image, x̃ = g(h). Trained with a reconstruction loss it learns to undo the encoder; fed with noise from the prior (VAE, GAN) it generates new images.',
  inputs: [{ id: 'in', label: 'latent', type: 'latent', accepts: ['latent', 'vector'] }],
  outputs: [{ id: 'out', label: 'image', type: 'image' }],
  params: {
    arch: choice({ label: 'Architecture', options: ['mlp', 'cnn'] as const, default: 'mlp', doc: 'MLP outputs all pixels at once; CNN up-samples a small feature map with transposed convolutions.' }),
    channels: intList({ label: 'Deconv channels', default: [64, 32], min: 1, max: 512, minItems: 1, maxItems: 4, doc: 'CNN only: channels entering each ×2 up-sampling layer; the image size must divide by 2^layers.' }),
    kernel: int({ label: 'Kernel size', default: 4, min: 2, max: 7, doc: 'CNN only: transposed-convolution kernel width.' }),
    hidden: intList({ label: 'Hidden widths', default: [256], min: 1, max: 4096, minItems: 0, maxItems: 6, doc: 'Width of each hidden dense layer, latent side first.' }),
    height: int({ label: 'Image height', default: 28, min: 1, max: 256, doc: 'Height of the produced image.' }),
    width: int({ label: 'Image width', default: 28, min: 1, max: 256, doc: 'Width of the produced image.' }),
    channelsOut: int({ label: 'Image channels', default: 1, min: 1, max: 4, doc: '1 for grey, 3 for colour.' }),
    activation: choice({ label: 'Activation', options: ACTIVATIONS, default: 'relu', doc: 'Non-linearity after each hidden layer.' }),
    outActivation: choice({ label: 'Output activation', options: ACTIVATIONS, default: 'sigmoid', doc: 'sigmoid for pixels in 0..1 (BCE), tanh for -1..1 (MSE).' }),
    norm: choice({ label: 'Normalisation', options: NORMS, default: 'none', doc: 'Batch or layer norm after each hidden dense layer.' }),
    init: choice({ label: 'Initialisation', options: MLP_INITS, default: 'pytorch', doc: MLP_INIT_DOC }),
  },
  migrate: (params, from) => (from < 2 ? { init: 'he-glorot', ...params } : params),
  usesConv: (p) => p.arch === 'cnn',
  infer: ({ inputs, params: p }) => {
    if (p.arch === 'cnn') {
      const f = 2 ** p.channels.length;
      if (p.height % f || p.width % f) return problem(`a ${p.channels.length}-layer CNN decoder needs height and width divisible by ${f}`);
    }
    return { out: { type: 'image', shape: ['B', p.height, p.width, p.channelsOut], views: inputs.in.views } };
  },
  init(ctx) {
    const p = ctx.params;
    initMlp(ctx, config(ctx.inputTypes.in, p));
    if (p.arch === 'cnn') initDeconvStack(ctx, p.channels[0], [...p.channels.slice(1), p.channelsOut], p.kernel);
  },
  forward(ctx) {
    const { tf, params: p } = ctx;
    const z = ctx.inputs.in;
    const n = z.shape[0];
    const flat = forwardMlp(ctx, tf.reshape(z, [n, -1]), config(ctx.inputTypes.in, p), ctx.inputTypes.in.views ?? 1); // [N, F]
    if (p.arch === 'mlp') return { out: tf.reshape(flat, [n, p.height, p.width, p.channelsOut]) }; // [N, H, W, C]
    const [h, w, c] = seedMap(p);
    return { out: forwardDeconvStack(ctx, tf.reshape(flat, [n, h, w, c]), [...p.channels.slice(1), p.channelsOut], p.activation, p.outActivation) }; // [N, H, W, C]
  },
});
