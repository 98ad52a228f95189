import { ACTIVATIONS } from '../../engine/ops/activation';
import { forwardMlp, initMlp, type MlpConfig } from '../../engine/ops/mlp';
import { choice, intList } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize, formatType, problem } from '../../engine/types';

type P = { hidden: number[]; activation: (typeof ACTIVATIONS)[number] };

function config(inDim: number, p: P): MlpConfig {
  return { inDim, hidden: p.hidden, outDim: 1, activation: p.activation, outActivation: 'linear', norm: 'none' };
}

export const discriminator = defineNode({
  type: 'net.discriminator',
  version: 1,
  label: 'Discriminator',
  category: 'network',
  doc: 'A critic that scores how real an input looks (a logit). It sees real data and generated samples through the same weights; in a GAN it is trained in its own optimizer phase to tell them apart, while the generator is trained to fool it — the critic plays the role of a learned energy.',
  inputs: [
    { id: 'real', label: 'real', type: 'image', accepts: ['image', 'vector'] },
    { id: 'fake', label: 'fake', type: 'image', accepts: ['image', 'vector'] },
  ],
  outputs: [
    { id: 'realLogits', label: 'D(real)', type: 'vector' },
    { id: 'fakeLogits', label: 'D(fake)', type: 'vector' },
  ],
  params: {
    hidden: intList({ label: 'Hidden widths', default: [256, 128], min: 1, max: 4096, minItems: 1, maxItems: 6, doc: 'Width of each hidden layer.' }),
    activation: choice({ label: 'Activation', options: ACTIVATIONS, default: 'leaky-relu', doc: 'LeakyReLU(0.2) as in DCGAN keeps gradients alive for the generator.' }),
  },
  roles: ['critic'],
  infer: ({ inputs }) => {
    if (featureSize(inputs.real) !== featureSize(inputs.fake)) return problem(`real ${formatType(inputs.real)} and fake ${formatType(inputs.fake)} must have the same size`, { code: 'shape-mismatch' });
    return { realLogits: { type: 'vector', shape: ['B', 1] }, fakeLogits: { type: 'vector', shape: ['B', 1] } };
  },
  init(ctx) {
    initMlp(ctx, config(featureSize(ctx.inputTypes.real), ctx.params));
  },
  forward(ctx) {
    const { tf } = ctx;
    const cfg = config(featureSize(ctx.inputTypes.real), ctx.params);
    const flat = (x: typeof ctx.inputs.real) => tf.reshape(x, [x.shape[0], -1]);
    return { realLogits: forwardMlp(ctx, flat(ctx.inputs.real), cfg), fakeLogits: forwardMlp(ctx, flat(ctx.inputs.fake), cfg) }; // [B, 1] each
  },
});
