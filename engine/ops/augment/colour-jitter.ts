// Brightness and contrast jitter, the grey-level part of SimCLR's colour
// distortion (saturation and hue do nothing to grey images). Without it, two
// crops of one image can be matched by their intensity histogram alone, a
// shortcut that lets the encoder skip learning shapes.
import type { Tensor, Tf } from '../../spec';
import { drawApplied, imageDims, selectRows, perRow, uniform, type Rand } from './per-sample';
import { clamp } from '../clamp';

export interface JitterOptions {
  /** Brightness factor drawn from [1 − b, 1 + b] (torchvision's ColorJitter convention). */
  brightness: number;
  /** Contrast factor drawn from [1 − c, 1 + c]. */
  contrast: number;
  /** The pixel range; the jitter works on intensities mapped to 0..1 and clips there. */
  range: [number, number];
  p: number;
}

/** x: [N, H, W, C] -> [N, H, W, C] */
export function colourJitter(tf: Tf, x: Tensor, rand: Rand, o: JitterOptions): Tensor {
  const [n] = imageDims(x, 'colour jitter');
  if (o.p <= 0 || (o.brightness <= 0 && o.contrast <= 0)) return x;
  const applied = drawApplied(rand, n, o.p);
  const bf = new Float32Array(n);
  const cf = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    bf[i] = uniform(rand, Math.max(0, 1 - o.brightness), 1 + o.brightness);
    cf[i] = uniform(rand, Math.max(0, 1 - o.contrast), 1 + o.contrast);
  }
  const [lo, hi] = o.range;
  return tf.tidy(() => {
    const u = tf.div(tf.sub(x, lo), hi - lo); // [N, H, W, C] in 0..1
    // brightness scales the intensities (black stays black)
    const b = clamp(tf, tf.mul(u, perRow(tf, bf, x.shape)), 0, 1);
    // contrast scales the distance to the row's mean grey: c·b + (1 − c)·mean
    const mean = tf.mean(b, [1, 2, 3]); // [N]
    const offset = perRow(tf, tf.mul(mean, tf.tensor1d(cf.map((f) => 1 - f))), x.shape);
    const c = clamp(tf, tf.add(tf.mul(b, perRow(tf, cf, x.shape)), offset), 0, 1);
    const y = tf.add(tf.mul(c, hi - lo), lo); // back to the pixel range
    return selectRows(tf, applied, y, x); // untouched rows stay bit-exact
  });
}
