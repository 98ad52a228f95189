import { ganGeneratorLoss } from '../../engine/ops/gan';
import { defineNode } from '../../engine/spec';
import { LOSS_OUT, scalarType, flat, needLogits, weightParam } from './common';

export const ganGenerator = defineNode({
  type: 'loss.gan-generator',
  version: 1,
  label: 'GAN generator loss',
  category: 'loss',
  doc: 'The generator’s side of the GAN game, in the non-saturating form −log D(G(z)) (DCGAN’s errG): it trains every network except the critic, in the “generator” phase that runs after the discriminator’s. The minimax form log(1 − D(G(z))) has vanishing gradients early on, when the discriminator easily rejects the samples; at D ≡ ½ this loss is ln 2 ≈ 0.693.',
  formula: 'BCE(D(G(z)), 1)  (non-saturating)',
  lecture: 'Autoencoders and generative models',
  inputs: [{ id: 'fakeLogits', label: 'D(fake)', type: 'vector', doc: 'Discriminator logits on generated samples, [B, 1].' }],
  outputs: LOSS_OUT,
  params: { weight: weightParam() },
  loss: { weight: (p) => p.weight, phase: () => 'generator', trains: () => 'non-critic', phaseOrder: 1 },
  example: { inputs: { fakeLogits: { type: 'vector', shape: ['B', 1] } } },
  infer: ({ inputs }) => needLogits('fakeLogits', inputs.fakeLogits) ?? { loss: scalarType() },
  forward: ({ tf, inputs }) => ({ loss: ganGeneratorLoss(tf, flat(tf, inputs.fakeLogits)) }),
});
