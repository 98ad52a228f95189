// Sparse coding as an energy-based model: the lasso energy of a code z for an input x
// under a dictionary D, and ISTA, the proximal-gradient descent that infers z.
//
// Shapes follow the maths (x ≈ Dz for column vectors): D is [I, M] with one atom per
// COLUMN; in batch form x: [B, I], z: [B, M] and the reconstruction is z·Dᵀ. A dense
// decoder's weight W ([M, I], y = zW) is Dᵀ.
import type { Tensor, Tf } from '../spec';

/** mean_b [½‖x_b − D z_b‖² + α‖z_b‖₁]. x: [B, I], d: [I, M], z: [B, M] -> scalar */
export function lassoEnergy(tf: Tf, x: Tensor, d: Tensor, z: Tensor, alpha: number): Tensor {
  return tf.tidy(() => {
    const r = tf.sub(x, tf.matMul(z, tf.transpose(d))); // [B, I]
    const fit = tf.mul(0.5, tf.sum(tf.square(r), -1)); // [B]
    const l1 = tf.mul(alpha, tf.sum(tf.abs(z), -1)); // [B]
    return tf.mean(tf.add(fit, l1)); // scalar
  });
}

/** Soft threshold shrink(v, θ) = sign(v)·max(|v| − θ, 0), the prox of θ‖·‖₁. */
export function softThreshold(tf: Tf, v: Tensor, theta: number | Tensor): Tensor {
  return tf.tidy(() => tf.mul(tf.sign(v), tf.relu(tf.sub(tf.abs(v), theta))));
}

/**
 * One ISTA step z ← shrink(z − (1/L)·Dᵀ(Dz − x), α/L). With L ≥ λ_max(DᵀD) the lasso
 * energy never increases. The per-sample energy is not scaled by the batch mean, so
 * each row takes its own proper ISTA step.
 * z: [B, M], x: [B, I], d: [I, M], L: scalar -> [B, M]
 */
export function istaStep(tf: Tf, z: Tensor, x: Tensor, d: Tensor, alpha: number, L: number | Tensor): Tensor {
  return tf.tidy(() => {
    const r = tf.sub(tf.matMul(z, tf.transpose(d)), x); // [B, I]  Dz − x
    const grad = tf.matMul(r, d); // [B, M]  Dᵀ(Dz − x)
    return softThreshold(tf, tf.sub(z, tf.div(grad, L)), tf.div(alpha, L)); // [B, M]
  });
}

/**
 * λ_max(DᵀD) = ‖D‖₂² by power iteration on DᵀD ([M, M]) from a fixed, non-symmetric
 * start vector, returned as a scalar tensor (no GPU read-back). The Rayleigh quotient
 * approaches λ_max from BELOW: pass `margin` > 1 (e.g. 1.01) when the step size must be
 * safe after few iterations.
 * d: [I, M] -> scalar
 */
export function lipschitz(tf: Tf, d: Tensor, iterations = 100, margin = 1): Tensor {
  return tf.tidy(() => {
    const m = (d.shape as [number, number])[1];
    const a = tf.matMul(tf.transpose(d), d); // [M, M]
    let v = tf.reshape(tf.add(1, tf.mul(0.5, tf.sin(tf.range(1, m + 1)))), [m, 1]); // [M, 1]
    v = tf.div(v, tf.norm(v));
    for (let i = 0; i < iterations; i++) {
      const av = tf.matMul(a, v); // [M, 1]
      v = tf.div(av, tf.maximum(tf.norm(av), 1e-30));
    }
    const rayleigh = tf.sum(tf.mul(v, tf.matMul(a, v))); // vᵀAv with ‖v‖ = 1
    return tf.mul(rayleigh, margin);
  });
}
