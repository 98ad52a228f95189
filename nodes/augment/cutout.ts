import { cutout as cutoutOp } from '../../engine/ops/augment/cutout';
import { mulberry32 } from '../../engine/rng';
import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { problem } from '../../engine/types';

export const cutout = defineNode({
  type: 'augment.cutout',
  version: 1,
  label: 'Cutout',
  category: 'augment',
  doc: 'Blanks one random square of each image (cutout / random erasing). Masking part of the input forces the representation to rely on the visible context rather than any single region: the idea that masked autoencoders and I-JEPA scale up to predicting many masked patches.',
  inputs: [{ id: 'in', label: 'in', type: 'image' }],
  outputs: [{ id: 'out', label: 'out', type: 'image' }],
  params: {
    size: num({ label: 'Hole size', default: 0.35, min: 0.05, max: 1, step: 0.05, doc: 'Side of the square hole as a fraction of the image side (0.35 of 28 px is 10 px).' }),
    fill: num({ label: 'Fill value', default: 0, min: -1, max: 1, step: 0.1, doc: 'Value written into the hole (0 is black for 0..1 images, mid-grey for -1..1).' }),
    p: num({ label: 'Probability', default: 0.5, min: 0, max: 1, step: 0.05, doc: 'Chance that an image gets a hole.' }),
  },
  infer: ({ inputs }) => (inputs.in.shape.length === 4 ? { out: { ...inputs.in } } : problem('Cutout needs an image batch [B, H, W, C]', { portIds: ['in'] })),
  forward({ tf, inputs, params, seed }) {
    return { out: cutoutOp(tf, inputs.in, mulberry32(seed()), { size: params.size, fill: params.fill, p: params.p }) }; // [N, H, W, C]
  },
});
