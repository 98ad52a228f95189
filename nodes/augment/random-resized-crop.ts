import { randomResizedCrop as randomResizedCropOp } from '../../engine/ops/augment/random-resized-crop';
import { mulberry32 } from '../../engine/rng';
import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { problem } from '../../engine/types';

export const randomResizedCrop = defineNode({
  type: 'augment.random-resized-crop',
  version: 1,
  label: 'Random resized crop',
  category: 'augment',
  doc: 'Crops a random box (random area and aspect ratio) from each image and resizes it back to full size, bilinearly. In SimCLR-style joint embeddings this is the key augmentation: making two crops of one image agree teaches that a part predicts the whole, and a small crop next to a large one forces local-to-global prediction.',
  inputs: [{ id: 'in', label: 'in', type: 'image' }],
  outputs: [{ id: 'out', label: 'out', type: 'image' }],
  params: {
    scaleMin: num({ label: 'Min area', default: 0.3, min: 0.05, max: 1, step: 0.01, doc: 'Smallest crop area as a fraction of the image (0.08 for ImageNet; 28×28 digits need more).' }),
    scaleMax: num({ label: 'Max area', default: 1, min: 0.05, max: 1, step: 0.01, doc: 'Largest crop area as a fraction of the image.' }),
    ratioMin: num({ label: 'Min aspect', default: 0.75, min: 0.2, max: 5, step: 0.01, doc: 'Smallest width / height of the crop (drawn log-uniformly).' }),
    ratioMax: num({ label: 'Max aspect', default: 4 / 3, min: 0.2, max: 5, step: 0.01, doc: 'Largest width / height of the crop.' }),
    p: num({ label: 'Probability', default: 1, min: 0, max: 1, step: 0.05, doc: 'Chance that an image is cropped; the others pass unchanged.' }),
  },
  infer: ({ inputs, params }) => {
    if (inputs.in.shape.length !== 4) return problem('Random resized crop needs an image batch [B, H, W, C]', { portIds: ['in'] });
    if (params.scaleMin > params.scaleMax) return problem('Min area is larger than Max area');
    if (params.ratioMin > params.ratioMax) return problem('Min aspect is larger than Max aspect');
    return { out: { ...inputs.in } };
  },
  forward({ tf, inputs, params, seed }) {
    const o = { scale: [params.scaleMin, params.scaleMax] as [number, number], ratio: [params.ratioMin, params.ratioMax] as [number, number], p: params.p };
    return { out: randomResizedCropOp(tf, inputs.in, mulberry32(seed()), o) }; // [N, H, W, C]
  },
});
