import { ganDiscriminatorLoss } from '../../engine/ops/gan';
import { int } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { LOSS_OUT, scalarType, asScalar, firstProblem, flat, needLogits, weightParam } from './common';

export const ganDiscriminator = defineNode({
  type: 'loss.gan-discriminator',
  version: 1,
  label: 'GAN discriminator loss',
  category: 'loss',
  doc: 'The discriminator’s side of the GAN game: binary cross-entropy pushing D(real) towards 1 and D(fake) towards 0 (DCGAN’s errD_real + errD_fake). It feeds its own “discriminator” optimizer phase, which runs first and trains only the critic, so the generator is left alone here. At the equilibrium D ≡ ½ it equals 2 ln 2 ≈ 1.386; a value falling to 0 means the discriminator wins outright, and the generator’s learning signal degrades.',
  formula: 'BCE(D(x), 1) + BCE(D(G(z)), 0), from logits',
  lecture: 'Autoencoders and generative models',
  inputs: [
    { id: 'realLogits', label: 'D(real)', type: 'vector', doc: 'Discriminator logits on real data, [B, 1].' },
    { id: 'fakeLogits', label: 'D(fake)', type: 'vector', doc: 'Discriminator logits on generated samples, [B, 1].' },
  ],
  outputs: LOSS_OUT,
  params: {
    weight: weightParam(),
    steps: int({ label: 'Critic steps', default: 1, min: 1, max: 10, doc: 'Discriminator updates per generator update (the phase ratio; WGAN used 5).' }),
  },
  loss: { weight: (p) => p.weight, phase: () => 'discriminator', trains: () => 'critic', repeats: (p) => p.steps, phaseOrder: -1 },
  example: { inputs: { realLogits: { type: 'vector', shape: ['B', 1] }, fakeLogits: { type: 'vector', shape: ['B', 1] } } },
  infer: ({ inputs }) => firstProblem(needLogits('realLogits', inputs.realLogits), needLogits('fakeLogits', inputs.fakeLogits)) ?? { loss: scalarType() },
  forward({ tf, inputs, term }) {
    const r = ganDiscriminatorLoss(tf, flat(tf, inputs.realLogits), flat(tf, inputs.fakeLogits));
    term('real', asScalar(r.real));
    term('fake', asScalar(r.fake));
    return { loss: r.loss };
  },
});
