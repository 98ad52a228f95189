// Clamping through maximum / minimum rather than tf.clipByValue. A denoising
// autoencoder went NaN on tfjs-backend-webgpu with clipByValue in its graph and
// trained with clipping off; the NaN was later traced to tf.addN over more than
// seven tensors on webgpu (see the gradient norm in trainer.ts), so clipByValue
// may be innocent — but maximum / minimum are the ops every backend's tests use
// most, and this keeps one clamp for the whole engine.
import type { Tensor, Tf } from '../spec';

export function clamp(tf: Tf, x: Tensor, lo: number, hi: number): Tensor {
  return tf.minimum(tf.maximum(x, lo), hi);
}
