// The contractive autoencoder's penalty (Rifai et al. 2011): the squared Frobenius
// norm of the encoder's Jacobian ‖∂h/∂x‖²_F, in closed form for a sigmoid layer.
import type { Tensor, Tf } from '../spec';

/**
 * For h = σ(xW + b), ∂h_j/∂x_i = h_j(1 − h_j)·W_ij, so
 *   ‖∂h/∂x‖²_F = Σ_j (h_j(1 − h_j))² Σ_i W_ij²,
 * averaged over the batch. The caller multiplies by λ (0.1 in the reference).
 * Takes the layer's output h (already computed by the encoder) rather than x,
 * so the encoder runs once; the gradient still reaches x, W and b through h.
 * Only valid when h is the sigmoid of an affine map with weight W.
 * h: [B, H] (= σ(xW + b)), w: [I, H] -> scalar
 */
export function contractivePenalty(tf: Tf, h: Tensor, w: Tensor): Tensor {
  return tf.tidy(() => {
    const dh = tf.square(tf.mul(h, tf.sub(1, h))); // [B, H]  (σ'(a))²
    const wNorm = tf.sum(tf.square(w), 0); // [H]  Σ_i W_ij²
    return tf.mean(tf.sum(tf.mul(dh, wNorm), -1)); // scalar
  });
}
