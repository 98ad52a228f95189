import { reparameterize } from '../../engine/ops/kl';
import { choice } from '../../engine/params';
import { defineNode } from '../../engine/spec';

export const sampler = defineNode({
  type: 'op.sampler',
  version: 1,
  label: 'Sampler',
  category: 'operator',
  roles: ['latent-code', 'prior-sample'],
  doc: 'Draws z = μ + ε·σ with ε ~ N(0, I) from the Gaussian an encoder outputs. Writing the sample this way (the reparameterisation trick) lets gradients reach μ and σ, which is what makes a VAE trainable by backpropagation.',
  formula: 'z = μ + ε · exp(½ log σ²),  ε ~ N(0, I)',
  lecture: 'Autoencoders and generative models',
  inputs: [{ id: 'dist', label: 'μ, log σ²', type: 'distribution' }],
  outputs: [{ id: 'z', label: 'z', type: 'latent' }],
  params: {
    evaluation: choice({ label: 'At evaluation', options: ['mean', 'sample'] as const, default: 'mean', doc: 'Use μ (a deterministic code) or a sample when evaluating and drawing image grids.' }),
  },
  infer: ({ inputs }) => ({ z: { type: 'latent', shape: ['B', inputs.dist.shape[2]], views: inputs.dist.views } }),
  // ε of z = μ + ε·σ, recovered from the sample so the exported code draws the same one
  draws: ({ tf, inputs, outputs }) => ({
    eps: tf.tidy(() => {
      const [mu, logvar] = tf.unstack(inputs.dist, 1); // [N, D] each
      return tf.div(tf.sub(outputs.z, mu), tf.exp(tf.mul(0.5, logvar))); // [N, D]
    }),
  }),
  forward({ tf, inputs, training, params, seed }) {
    const d = inputs.dist; // [N, 2, D]
    const [mu, logvar] = tf.unstack(d, 1); // [N, D] each
    if (!training && params.evaluation === 'mean') return { z: mu };
    return { z: reparameterize(tf, mu, logvar, seed()) }; // [N, D]
  },
});
