import { colorJitter as colorJitterOp } from '../../engine/ops/augment/colour-jitter';
import { mulberry32 } from '../../engine/rng';
import { choice, num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { problem } from '../../engine/types';

export const colorJitter = defineNode({
  type: 'augment.colour-jitter',
  version: 1,
  label: 'Colour jitter',
  category: 'augment',
  doc: 'Changes each image’s brightness and contrast, and on colour (RGB) images its saturation and hue, by its own random factors (SimCLR’s colour distortion). Without it two crops of one image can be matched by their intensity statistics alone, a shortcut that lets a contrastive encoder avoid learning shape.',
  inputs: [{ id: 'in', label: 'in', type: 'image' }],
  outputs: [{ id: 'out', label: 'out', type: 'image' }],
  params: {
    brightness: num({ label: 'Brightness', default: 0.4, min: 0, max: 1, step: 0.05, doc: 'Intensities are scaled by a factor drawn from [1 − b, 1 + b].' }),
    contrast: num({ label: 'Contrast', default: 0.4, min: 0, max: 1, step: 0.05, doc: 'Distances to the image’s mean grey are scaled by a factor from [1 − c, 1 + c].' }),
    saturation: num({ label: 'Saturation', default: 0.4, min: 0, max: 1, step: 0.05, doc: 'RGB only: colours are blended towards or away from grey by a factor from [1 − s, 1 + s].' }),
    hue: num({ label: 'Hue', default: 0.1, min: 0, max: 0.5, step: 0.01, doc: 'RGB only: the hue turns by up to ±h of a full circle.' }),
    range: choice({ label: 'Pixel range', options: ['0..1', '-1..1'] as const, default: '0..1', doc: 'The data node’s pixel range; results are clipped to it.' }),
    p: num({ label: 'Probability', default: 0.8, min: 0, max: 1, step: 0.05, doc: 'Chance that an image is jittered (SimCLR uses 0.8).' }),
  },
  infer: ({ inputs }) => (inputs.in.shape.length === 4 ? { out: { ...inputs.in } } : problem('Colour jitter needs an image batch [B, H, W, C]', { portIds: ['in'] })),
  forward({ tf, inputs, params, seed }) {
    const range: [number, number] = params.range === '0..1' ? [0, 1] : [-1, 1];
    return { out: colorJitterOp(tf, inputs.in, mulberry32(seed()), { brightness: params.brightness, contrast: params.contrast, saturation: params.saturation, hue: params.hue, range, p: params.p }) }; // [N, H, W, C]
  },
});
