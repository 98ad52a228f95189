// Clamping without tf.clipByValue: on tfjs-backend-webgpu 4.22 clipByValue
// turned a denoising autoencoder's inputs into NaN (the same graph was finite on
// cpu and with clipping off), so every clamp goes through maximum / minimum,
// whose kernels and gradients behave the same on every backend.
import type { Tensor, Tf } from '../spec';

export function clamp(tf: Tf, x: Tensor, lo: number, hi: number): Tensor {
  return tf.minimum(tf.maximum(x, lo), hi);
}
