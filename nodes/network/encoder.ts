import { ACTIVATIONS } from '../../engine/ops/activation';
import { NORMS, forwardMlp, initMlp, type MlpConfig } from '../../engine/ops/mlp';
import { choice, int, intList } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize, type TensorType } from '../../engine/types';

type P = { hidden: number[]; latent: number; activation: (typeof ACTIVATIONS)[number]; outActivation: (typeof ACTIVATIONS)[number]; norm: (typeof NORMS)[number] };

function config(input: TensorType, p: P): MlpConfig {
  return { inDim: featureSize(input), hidden: p.hidden, outDim: p.latent, activation: p.activation, outActivation: p.outActivation, norm: p.norm };
}

export const encoder = defineNode({
  type: 'net.encoder',
  version: 1,
  label: 'Encoder',
  category: 'network',
  doc: 'Maps an input to its representation h = f(x). In an autoencoder the latent size is the bottleneck that forces compression; in joint-embedding methods this output, not the projector’s, is what gets evaluated.',
  inputs: [{ id: 'in', label: 'in', type: 'image', accepts: ['image', 'vector'] }],
  outputs: [{ id: 'out', label: 'latent', type: 'latent' }],
  params: {
    hidden: intList({ label: 'Hidden widths', default: [256], min: 1, max: 4096, minItems: 0, maxItems: 6, doc: 'Width of each hidden layer, input side first.' }),
    latent: int({ label: 'Latent size', default: 32, min: 1, max: 4096, doc: 'Dimension of the representation (the bottleneck).' }),
    activation: choice({ label: 'Activation', options: ACTIVATIONS, default: 'relu', doc: 'Non-linearity after each hidden layer.' }),
    outActivation: choice({ label: 'Output activation', options: ACTIVATIONS, default: 'linear', doc: 'Applied to the latent (tanh bounds it, linear leaves it free).' }),
    norm: choice({ label: 'Normalisation', options: NORMS, default: 'none', doc: 'Batch or layer norm after each hidden layer.' }),
  },
  infer: ({ inputs, params }) => ({ out: { type: 'latent', shape: ['B', params.latent], views: inputs.in.views } }),
  init(ctx) {
    initMlp(ctx, config(ctx.inputTypes.in, ctx.params));
  },
  forward(ctx) {
    const x = ctx.inputs.in;
    const flat = ctx.tf.reshape(x, [x.shape[0], -1]); // [N, H·W·C]
    return { out: forwardMlp(ctx, flat, config(ctx.inputTypes.in, ctx.params), ctx.inputTypes.in.views ?? 1) }; // [N, latent]
  },
});
