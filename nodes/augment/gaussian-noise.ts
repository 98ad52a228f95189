import { choice, num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { clamp } from '../../engine/ops/clamp';

export const gaussianNoise = defineNode({
  type: 'augment.gaussian-noise',
  version: 1,
  label: 'Gaussian noise',
  category: 'augment',
  doc: 'Adds independent Gaussian noise to every pixel. Feeding the noisy image to an autoencoder while reconstructing the clean one makes it a denoising autoencoder: it must learn where the data manifold is to project back onto it.',
  inputs: [{ id: 'in', label: 'in', type: 'image', accepts: ['image', 'vector'] }],
  outputs: [{ id: 'out', label: 'out', type: 'image' }],
  params: {
    std: num({ label: 'Noise std', default: 0.3, min: 0, max: 2, step: 0.05, doc: 'Standard deviation of the added noise, in pixel units.' }),
    clip: choice({ label: 'Clip to', options: ['none', '0..1', '-1..1'] as const, default: 'none', doc: 'Clamp the noisy result back to the pixel range.' }),
    train: choice({ label: 'Apply', options: ['train only', 'always'] as const, default: 'always', doc: 'Whether evaluation batches are corrupted too (always: the image grid shows the noisy inputs).' }),
  },
  infer: ({ inputs }) => ({ out: { ...inputs.in } }),
  forward({ tf, inputs, params, seed, training }) {
    const x = inputs.in;
    if (params.std === 0 || (!training && params.train === 'train only')) return { out: x };
    let y = tf.add(x, tf.randomNormal(x.shape, 0, params.std, 'float32', seed())); // same shape as in
    if (params.clip !== 'none') {
      const [lo, hi] = params.clip === '0..1' ? [0, 1] : [-1, 1];
      y = clamp(tf, y, lo, hi);
    }
    return { out: y };
  },
});
