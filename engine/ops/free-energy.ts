// The energy of a latent-variable EBM without inner descent: decode a fixed set
// of G codes z_g and take the soft minimum over them of E(y, z) = ‖y − dec(z)‖²,
//   F_β(y) = −(1/β) log( (1/G) Σ_g exp(−β E(y, z_g)) ).
// β → ∞ gives min_g E (the zero-temperature limit, what gradient descent on z
// approximates); β → 0 gives the mean energy over the codes. The 1/G is the
// lecture's normalisation by the size of the latent set: it shifts F by log(G)/β
// and leaves every gradient unchanged.
import type { Tensor, Tf } from '../spec';

/** E[b, g] = ‖y_b − c_{g,b}‖². y: [B, F]; candidates: [G·B, F] view-major (code g for every row, then g + 1) -> [B, G] */
export function candidateEnergies(tf: Tf, y: Tensor, candidates: Tensor): Tensor {
  return tf.tidy(() => {
    const [b, f] = y.shape as [number, number];
    const g = candidates.shape[0] / b;
    const c = tf.transpose(tf.reshape(candidates, [g, b, f]), [1, 0, 2]); // [B, G, F]
    return tf.sum(tf.square(tf.sub(tf.expandDims(y, 1), c)), -1); // [B, G]
  });
}

/** F_β per sample [B] from the energies [B, G]; logSumExp keeps large β finite. */
export function softMin(tf: Tf, energies: Tensor, beta: number): Tensor {
  return tf.tidy(() => {
    const g = energies.shape[1]!;
    return tf.mul(tf.sub(tf.logSumExp(tf.mul(energies, -beta), 1), Math.log(g)), -1 / beta); // [B]
  });
}

/** The candidate of lowest energy for each sample, dec(ž): [B, F]. */
export function nearestCandidate(tf: Tf, y: Tensor, candidates: Tensor, energies: Tensor): Tensor {
  return tf.tidy(() => {
    const [b, f] = y.shape as [number, number];
    const g = energies.shape[1]!;
    const pick = tf.oneHot(tf.argMin(energies, 1), g); // [B, G]
    const c = tf.transpose(tf.reshape(candidates, [g, b, f]), [1, 0, 2]); // [B, G, F]
    return tf.sum(tf.mul(tf.expandDims(pick, 2), c), 1); // [B, F]
  });
}

/** The free energy: mean over the batch, or per sample [B] when `perSample`. */
export function freeEnergy(tf: Tf, y: Tensor, candidates: Tensor, beta: number, perSample = false): Tensor {
  return tf.tidy(() => {
    const f = softMin(tf, candidateEnergies(tf, y, candidates), beta);
    return perSample ? f : tf.mean(f);
  });
}
