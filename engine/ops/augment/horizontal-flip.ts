// Random horizontal flip: mirrors a row left to right with probability p.
// Teaches invariance to handedness; harmless for natural images, but it turns
// some digits and letters into other symbols, which is worth seeing once.
import type { Tensor, Tf } from '../../spec';
import { drawApplied, imageDims, selectRows, type Rand } from './per-sample';

/** x: [N, H, W, C] -> [N, H, W, C] */
export function horizontalFlip(tf: Tf, x: Tensor, rand: Rand, p: number): Tensor {
  const [n, , w] = imageDims(x, 'horizontal flip');
  if (p <= 0) return x;
  const applied = drawApplied(rand, n, p);
  if (!applied.some(Boolean)) return x;
  return tf.tidy(() => {
    // a gather of the columns in reverse order: tf.reverse is ~8× slower on cpu
    const mirrored = tf.gather(x, tf.tensor1d(Int32Array.from({ length: w }, (_, i) => w - 1 - i), 'int32'), 2); // [N, H, W, C]
    return selectRows(tf, applied, mirrored, x);
  });
}
