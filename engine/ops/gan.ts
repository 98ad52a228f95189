// GAN losses (pytorch/examples dcgan): binary cross-entropy on the discriminator's
// logits, with the non-saturating generator loss.
import type { Tensor, Tf } from '../spec';

/**
 * BCE(σ(x), y) from logits, averaged: softplus(x) − x·y. Same value as dcgan's
 * nn.BCELoss on a Sigmoid output (which clamps log at −100, so the two only differ
 * when the discriminator saturates past |x| ≈ 100), but stable, and its gradient is
 * exactly σ(x) − y everywhere (the max(x,0) − xy + log1p(e^{−|x|}) form gets the
 * gradient wrong at x = 0 through relu'(0) = |·|'(0) = 0).
 * logits: [B] or [B, 1], target: 0 or 1 -> scalar
 */
export function bceWithLogits(tf: Tf, logits: Tensor, target: number): Tensor {
  return tf.tidy(() => tf.mean(tf.sub(tf.softplus(logits), tf.mul(logits, target))));
}

export interface GanDiscriminatorTerms {
  /** real + fake */
  loss: Tensor;
  /** BCE(D(x), 1) */
  real: Tensor;
  /** BCE(D(G(z)), 0) */
  fake: Tensor;
}

/**
 * Discriminator loss BCE(D(x), 1) + BCE(D(G(z)), 0) (dcgan: errD_real + errD_fake).
 * The caller feeds G(z) detached (the official code uses fake.detach()), so this
 * phase's gradient does not reach the generator. D ≡ ½ gives 2 ln 2 = 1.3863.
 * realLogits, fakeLogits: [B] or [B, 1] -> { loss, real, fake } scalars
 */
export function ganDiscriminatorLoss(tf: Tf, realLogits: Tensor, fakeLogits: Tensor): GanDiscriminatorTerms {
  const [real, fake, loss] = tf.tidy(() => {
    const r = bceWithLogits(tf, realLogits, 1);
    const f = bceWithLogits(tf, fakeLogits, 0);
    return [r, f, tf.add(r, f)];
  });
  return { loss, real, fake };
}

/**
 * Non-saturating generator loss BCE(D(G(z)), 1) = −mean log D(G(z)) (dcgan errG; the
 * minimax form log(1 − D(G(z))) has vanishing gradients early on). D ≡ ½ gives ln 2.
 * fakeLogits: [B] or [B, 1] -> scalar
 */
export function ganGeneratorLoss(tf: Tf, fakeLogits: Tensor): Tensor {
  return bceWithLogits(tf, fakeLogits, 1);
}
