// The VAE's latent terms: the KL divergence of the diagonal Gaussian posterior
// N(μ, σ²) from the standard-normal prior, and the reparameterisation trick.
import type { Tensor, Tf } from '../spec';

/**
 * KL(N(μ, σ²) ‖ N(0, I)) = ½ Σ_z (σ² − log σ² − 1 + μ²), summed over latent dims
 * (nats per sample) and averaged over the batch.
 *
 * pytorch/examples vae computes −½ Σ(1 + log σ² − μ² − σ²) summed over the batch too
 * (reduction='sum' everywhere, divided by the dataset size only when reporting):
 * ours equals theirs / B, the same per-image scale as reconstructionLoss(..., 'sum').
 * mu, logvar: [B, Z] -> scalar
 */
export function klStandardNormal(tf: Tf, mu: Tensor, logvar: Tensor): Tensor {
  return tf.tidy(() => {
    const perDim = tf.sub(tf.add(tf.exp(logvar), tf.square(mu)), tf.add(logvar, 1)); // [B, Z]
    return tf.mul(0.5, tf.mean(tf.sum(perDim, -1))); // scalar
  });
}

/**
 * z = μ + ε·exp(½ log σ²) with ε ~ N(0, I) drawn from `seed`: the sample is a
 * differentiable function of (μ, log σ²), so gradients reach the encoder.
 * mu, logvar: [B, Z] -> [B, Z]
 */
export function reparameterize(tf: Tf, mu: Tensor, logvar: Tensor, seed: number): Tensor {
  return tf.tidy(() => {
    const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', seed); // [B, Z]
    return tf.add(mu, tf.mul(eps, tf.exp(tf.mul(0.5, logvar)))); // [B, Z]
  });
}
