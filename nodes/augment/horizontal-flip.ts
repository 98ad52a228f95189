import { horizontalFlip as horizontalFlipOp } from '../../engine/ops/augment/horizontal-flip';
import { mulberry32 } from '../../engine/rng';
import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { problem } from '../../engine/types';

export const horizontalFlip = defineNode({
  type: 'augment.horizontal-flip',
  version: 1,
  label: 'Horizontal flip',
  category: 'augment',
  doc: 'Mirrors each image left to right with probability p, a standard augmentation of SimCLR, BYOL and friends that makes the representation invariant to handedness. On digits it can change meaning (a mirrored 2 is not a 2): a good example of an augmentation that must fit the data.',
  inputs: [{ id: 'in', label: 'in', type: 'image' }],
  outputs: [{ id: 'out', label: 'out', type: 'image' }],
  params: {
    p: num({ label: 'Probability', default: 0.5, min: 0, max: 1, step: 0.05, doc: 'Chance that an image is mirrored.' }),
  },
  infer: ({ inputs }) => (inputs.in.shape.length === 4 ? { out: { ...inputs.in } } : problem('Horizontal flip needs an image batch [B, H, W, C]', { portIds: ['in'] })),
  forward({ tf, inputs, params, seed }) {
    return { out: horizontalFlipOp(tf, inputs.in, mulberry32(seed()), params.p) }; // [N, H, W, C]
  },
});
