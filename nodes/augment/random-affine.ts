import { randomAffine as randomAffineOp } from '../../engine/ops/augment/random-affine';
import { mulberry32 } from '../../engine/rng';
import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { problem } from '../../engine/types';

export const randomAffine = defineNode({
  type: 'augment.random-affine',
  version: 1,
  label: 'Random affine',
  category: 'augment',
  doc: 'Rotates, shifts and zooms each image a little, each by its own random amount. Small geometric jitter is the classic digit augmentation: the representation learns that a slightly tilted or moved digit is the same digit, without the class changes that big crops or flips can cause.',
  inputs: [{ id: 'in', label: 'in', type: 'image' }],
  outputs: [{ id: 'out', label: 'out', type: 'image' }],
  params: {
    degrees: num({ label: 'Max rotation', default: 15, min: 0, max: 180, step: 1, doc: 'Largest rotation either way, in degrees.' }),
    translate: num({ label: 'Max shift', default: 0.1, min: 0, max: 0.5, step: 0.01, doc: 'Largest shift either way, as a fraction of the image size.' }),
    scaleMin: num({ label: 'Min zoom', default: 0.9, min: 0.25, max: 4, step: 0.01, doc: 'Smallest zoom factor (below 1 shrinks the content).' }),
    scaleMax: num({ label: 'Max zoom', default: 1.1, min: 0.25, max: 4, step: 0.01, doc: 'Largest zoom factor (above 1 enlarges the content).' }),
    p: num({ label: 'Probability', default: 1, min: 0, max: 1, step: 0.05, doc: 'Chance that an image is transformed; the others pass unchanged.' }),
  },
  infer: ({ inputs, params }) => {
    if (inputs.in.shape.length !== 4) return problem('Random affine needs an image batch [B, H, W, C]', { portIds: ['in'] });
    if (params.scaleMin > params.scaleMax) return problem('Min zoom is larger than Max zoom');
    return { out: { ...inputs.in } };
  },
  forward({ tf, inputs, params, seed }) {
    const o = { degrees: params.degrees, translate: params.translate, scale: [params.scaleMin, params.scaleMax] as [number, number], p: params.p };
    return { out: randomAffineOp(tf, inputs.in, mulberry32(seed()), o) }; // [N, H, W, C]
  },
});
