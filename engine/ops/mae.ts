// MAE's reconstruction loss (He et al. 2022): the mean squared error between
// predicted and true pixels of the HIDDEN patches only. Scoring the visible
// patches would reward copying them; the hidden ones force the model to infer
// content from context. Optional per-patch normalised targets (norm_pix_loss)
// sharpen the representation in the paper.
import type { Tensor, Tf } from '../spec';
import { maskPositions, takeTokens } from './masking';
import { normalizePatches, patchify } from './patchify';

/**
 * pred: [B, Tm, p·p·C] predictions for the hidden patches in ascending position order,
 * image: [B, H, W, C], mask: [B, gh, gw] (1 = hidden, Tm per row). Returns the scalar
 * mean over hidden patches and pixels — the official (loss·mask).sum()/mask.sum() with the
 * per-patch mean, as every row hides the same number of patches. perSample: [B].
 */
export function maskedPatchLoss(tf: Tf, pred: Tensor, image: Tensor, mask: Tensor, patch: number, normPix: boolean, perSample = false): Tensor {
  return tf.tidy(() => {
    const tm = pred.shape[1]!;
    let target = patchify(tf, image, patch); // [B, T, P]
    if (normPix) target = normalizePatches(tf, target);
    const hidden = takeTokens(tf, target, maskPositions(tf, mask, tm, 'hidden')); // [B, Tm, P]
    const err = tf.square(tf.sub(pred, hidden)); // [B, Tm, P]
    return perSample ? tf.mean(err, [1, 2]) : tf.mean(err);
  });
}
