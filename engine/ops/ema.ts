// Exponential moving average of weights (BYOL / MoCo / DINO target networks) and
// BYOL's cosine momentum schedule.
import type { Tensor, Tf } from '../spec';

/**
 * θ_t ← m·θ_t + (1 − m)·θ_o. m = 1 leaves the target unchanged, m = 0 copies the
 * online weights (both exactly). Runs after the optimizer step, outside the tape.
 * target, online: same shape -> new target (the caller assigns / disposes)
 */
export function emaUpdate(tf: Tf, target: Tensor, online: Tensor, m: number): Tensor {
  return tf.tidy(() => tf.add(tf.mul(target, m), tf.mul(online, 1 - m)));
}

/**
 * BYOL's target decay τ_k = 1 − (1 − τ_base)(cos(πk/K) + 1)/2 (deepmind-research/byol
 * byol_experiment.py, _get_ema_decay / cosine decay): τ_base at step 0, rising to 1 at
 * K. Steps past K are clamped to K, as in the official min(step, max_steps).
 */
export function byolMomentum(base: number, step: number, total: number): number {
  const k = Math.min(Math.max(step, 0), total);
  return 1 - (1 - base) * (Math.cos((Math.PI * k) / total) + 1) / 2;
}
