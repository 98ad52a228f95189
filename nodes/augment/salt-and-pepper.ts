import { saltAndPepper as saltAndPepperOp } from '../../engine/ops/augment/salt-and-pepper';
import { mulberry32 } from '../../engine/rng';
import { choice, num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { problem } from '../../engine/types';

export const saltAndPepper = defineNode({
  type: 'augment.salt-and-pepper',
  version: 1,
  label: 'Salt and pepper',
  category: 'augment',
  doc: 'Sets a random share of each image’s pixels to pure white (salt) or pure black (pepper). As the corruption of a denoising autoencoder it destroys a few pixels completely instead of nudging all of them, so the network must fill them in from their neighbours on the data manifold.',
  inputs: [{ id: 'in', label: 'in', type: 'image' }],
  outputs: [{ id: 'out', label: 'out', type: 'image' }],
  params: {
    amount: num({ label: 'Amount', default: 0.1, min: 0, max: 1, step: 0.01, doc: 'Fraction of pixels replaced, half by salt and half by pepper.' }),
    range: choice({ label: 'Pixel range', options: ['0..1', '-1..1'] as const, default: '0..1', doc: 'The data node’s pixel range: salt is its top value, pepper its bottom.' }),
    p: num({ label: 'Probability', default: 1, min: 0, max: 1, step: 0.05, doc: 'Chance that an image is corrupted; the others pass unchanged.' }),
  },
  infer: ({ inputs }) => (inputs.in.shape.length === 4 ? { out: { ...inputs.in } } : problem('Salt and pepper needs an image batch [B, H, W, C]', { portIds: ['in'] })),
  forward({ tf, inputs, params, seed }) {
    const range: [number, number] = params.range === '0..1' ? [0, 1] : [-1, 1];
    return { out: saltAndPepperOp(tf, inputs.in, mulberry32(seed()), { amount: params.amount, range, p: params.p }) }; // [N, H, W, C]
  },
});
