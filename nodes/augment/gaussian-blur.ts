import { gaussianBlur as gaussianBlurOp } from '../../engine/ops/augment/gaussian-blur';
import { mulberry32 } from '../../engine/rng';
import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { problem } from '../../engine/types';

export const gaussianBlur = defineNode({
  type: 'augment.gaussian-blur',
  version: 1,
  label: 'Gaussian blur',
  category: 'augment',
  doc: 'Blurs each image with a Gaussian of its own random width (SimCLR, BYOL). Blur hides fine texture and stroke detail that two views could otherwise be matched by, so the encoder must agree on coarser structure.',
  inputs: [{ id: 'in', label: 'in', type: 'image' }],
  outputs: [{ id: 'out', label: 'out', type: 'image' }],
  params: {
    sigmaMin: num({ label: 'Min sigma', default: 0.1, min: 0, max: 3, step: 0.05, doc: 'Smallest blur width (std of the kernel), in pixels.' }),
    sigmaMax: num({ label: 'Max sigma', default: 1, min: 0, max: 3, step: 0.05, doc: 'Largest blur width, in pixels; the kernel spans ±3 of it (1 px already softens a 28×28 digit a lot).' }),
    p: num({ label: 'Probability', default: 0.5, min: 0, max: 1, step: 0.05, doc: 'Chance that an image is blurred (SimCLR 0.5; BYOL 1.0 on one view, 0.1 on the other).' }),
  },
  infer: ({ inputs, params }) => {
    if (inputs.in.shape.length !== 4) return problem('Gaussian blur needs an image batch [B, H, W, C]', { portIds: ['in'] });
    if (params.sigmaMin > params.sigmaMax) return problem('Min sigma is larger than Max sigma');
    return { out: { ...inputs.in } };
  },
  forward({ tf, inputs, params, seed }) {
    return { out: gaussianBlurOp(tf, inputs.in, mulberry32(seed()), { sigma: [params.sigmaMin, params.sigmaMax], p: params.p }) }; // [N, H, W, C]
  },
});
