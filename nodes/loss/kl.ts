import { klStandardNormal } from '../../engine/ops/kl';
import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { formatType, problem } from '../../engine/types';
import { LOSS_OUT, scalarType } from './common';

export const kl = defineNode({
  type: 'loss.kl',
  version: 1,
  label: 'KL divergence',
  category: 'loss',
  doc: 'The VAE’s regulariser KL(q(z|x) ‖ N(0, I)) = ½Σ(σ² + μ² − 1 − log σ²), summed over latent dimensions and averaged over the batch (nats per sample). It pulls every posterior towards the prior so that codes drawn from N(0, I) decode to plausible data; β > 1 trades reconstruction for a smoother latent (β-VAE), and a KL that falls to 0 means posterior collapse: the decoder ignores z.',
  formula: 'β · ½ Σ_j (σ_j² − log σ_j² − 1 + μ_j²)  =  β · KL(N(μ, σ²) ‖ N(0, I))',
  lecture: 'Autoencoders and generative models',
  inputs: [{ id: 'dist', label: 'q(z|x)', type: 'distribution', doc: 'μ then log σ², stacked as [B, 2, d] (an Encoder with Gaussian output).' }],
  outputs: LOSS_OUT,
  params: {
    beta: num({ label: 'β (weight)', default: 1, min: 0, max: 100, step: 0.1, doc: 'Multiplier of the KL term: 1 gives the ELBO, above 1 a β-VAE.' }),
  },
  loss: { weight: (p) => p.beta, phase: () => 'main' },
  infer: ({ inputs }) => {
    const t = inputs.dist;
    if (t.shape.length !== 3 || t.shape[1] !== 2) return problem(`dist must be (μ, log σ²) stacked as [B, 2, d], got ${formatType(t)}`, { portIds: ['dist'] });
    return { loss: scalarType() };
  },
  forward({ tf, inputs, perSample }) {
    const d = inputs.dist; // [N, 2, d]
    const [n, , z] = d.shape as [number, number, number];
    const mu = tf.reshape(tf.slice(d, [0, 0, 0], [n, 1, z]), [n, z]); // [N, d]
    const logvar = tf.reshape(tf.slice(d, [0, 1, 0], [n, 1, z]), [n, z]); // [N, d]
    if (perSample) {
      // each sample's KL, ½Σ(σ² + μ² − 1 − log σ²) (klStandardNormal is its batch mean)
      return { loss: tf.mul(0.5, tf.sum(tf.sub(tf.add(tf.exp(logvar), tf.square(mu)), tf.add(logvar, 1)), -1)) };
    }
    return { loss: klStandardNormal(tf, mu, logvar) };
  },
});
