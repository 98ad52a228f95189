import { choice, int } from '../../engine/params';
import { defineNode } from '../../engine/spec';

export const noiseSource = defineNode({
  type: 'data.noise',
  version: 1,
  label: 'Noise source',
  category: 'data',
  doc: 'Draws z from a simple prior, one per sample in the batch: the input of a GAN generator, or of a VAE decoder when sampling. During evaluation it repeats the same noise batch, so the image grid shows how the samples from fixed z evolve.',
  inputs: [],
  outputs: [{ id: 'z', label: 'z', type: 'latent' }],
  params: {
    dim: int({ label: 'Dimension', default: 64, min: 1, max: 1024, doc: 'Size of the noise vector z.' }),
    distribution: choice({ label: 'Distribution', options: ['normal', 'uniform'] as const, default: 'normal', doc: 'N(0, I), or uniform on [-1, 1].' }),
  },
  infer: ({ params }) => ({ z: { type: 'latent', shape: ['B', params.dim] } }),
  draws: ({ outputs }) => ({ z: outputs.z }),
  forward({ tf, params, batch, seed }) {
    const shape = [batch.indices.length, params.dim]; // [B, d]
    return { z: params.distribution === 'normal' ? tf.randomNormal(shape, 0, 1, 'float32', seed()) : tf.randomUniform(shape, -1, 1, 'float32', seed()) };
  },
});
