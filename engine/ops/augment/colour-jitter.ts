// SimCLR's colour distortion: brightness and contrast on every image; on RGB
// images also saturation and hue (they do nothing to grey ones). Without it, two
// crops of one image can be matched by their colour histogram alone, a shortcut
// that lets the encoder skip learning shapes.
import type { Tensor, Tf } from '../../spec';
import { drawApplied, imageDims, selectRows, perRow, uniform, type Rand } from './per-sample';
import { clamp } from '../clamp';

export interface JitterOptions {
  /** Brightness factor drawn from [1 − b, 1 + b] (torchvision's ColorJitter convention). */
  brightness: number;
  /** Contrast factor drawn from [1 − c, 1 + c]. */
  contrast: number;
  /** RGB only: saturation factor from [1 − s, 1 + s] (0 = grey, torchvision's blend with the luma image). */
  saturation?: number;
  /** RGB only: hue rotated by a fraction of a full turn drawn from [−h, h] (h ≤ 0.5). */
  hue?: number;
  /** The pixel range; the jitter works on intensities mapped to 0..1 and clips there. */
  range: [number, number];
  p: number;
}

/** x: [N, H, W, C] -> [N, H, W, C] */
export function colorJitter(tf: Tf, x: Tensor, rand: Rand, o: JitterOptions): Tensor {
  const [n, , , ch] = imageDims(x, 'colour jitter');
  const chroma = ch === 3 && ((o.saturation ?? 0) > 0 || (o.hue ?? 0) > 0);
  if (o.p <= 0 || (o.brightness <= 0 && o.contrast <= 0 && !chroma)) return x;
  const applied = drawApplied(rand, n, o.p);
  const bf = new Float32Array(n);
  const cf = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    bf[i] = uniform(rand, Math.max(0, 1 - o.brightness), 1 + o.brightness);
    cf[i] = uniform(rand, Math.max(0, 1 - o.contrast), 1 + o.contrast);
  }
  // drawn after the grey-level factors, so grey images get exactly the draws they always had
  const mix = chroma ? chromaMatrices(rand, n, o.saturation ?? 0, o.hue ?? 0) : null;
  const [lo, hi] = o.range;
  return tf.tidy(() => {
    const u = tf.div(tf.sub(x, lo), hi - lo); // [N, H, W, C] in 0..1
    // brightness scales the intensities (black stays black)
    const b = clamp(tf, tf.mul(u, perRow(tf, bf, x.shape)), 0, 1);
    // contrast scales the distance to the row's mean grey: c·b + (1 − c)·mean
    const mean = tf.mean(b, [1, 2, 3]); // [N]
    const offset = perRow(tf, tf.mul(mean, tf.tensor1d(cf.map((f) => 1 - f))), x.shape);
    let c = clamp(tf, tf.add(tf.mul(b, perRow(tf, cf, x.shape)), offset), 0, 1);
    if (mix) {
      // saturation and hue: one 3×3 colour matrix per image
      const [, h, w] = x.shape as number[];
      const flat = tf.reshape(c, [n, h * w, 3]); // [N, HW, 3]
      c = clamp(tf, tf.reshape(tf.matMul(flat, tf.tensor3d(mix, [n, 3, 3])), x.shape), 0, 1); // [N, H, W, 3]
    }
    const y = tf.add(tf.mul(c, hi - lo), lo); // back to the pixel range
    return selectRows(tf, applied, y, x); // untouched rows stay bit-exact
  });
}

// RGB <-> YIQ. Y has the luma weights torchvision's grayscale uses, so scaling I and Q by s
// is exactly its saturation blend s·x + (1 − s)·grey, and rotating (I, Q) turns the hue.
const RGB2YIQ = [
  [0.299, 0.587, 0.114],
  [0.595716, -0.274453, -0.321263],
  [0.211456, -0.522591, 0.311135],
];
const YIQ2RGB = invert3(RGB2YIQ);

function invert3(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}

/** Per image, the matrix M with rgb_out = rgb_in · M (row vectors): [N · 9]. */
export function chromaMatrices(rand: Rand, n: number, saturation: number, hue: number): Float32Array {
  const out = new Float32Array(n * 9);
  for (let k = 0; k < n; k++) {
    const s = uniform(rand, Math.max(0, 1 - saturation), 1 + saturation);
    const t = 2 * Math.PI * uniform(rand, -hue, hue);
    const cos = s * Math.cos(t);
    const sin = s * Math.sin(t);
    const yiq = [
      [1, 0, 0],
      [0, cos, -sin],
      [0, sin, cos],
    ];
    // column-vector form: YIQ2RGB · yiq · RGB2YIQ; stored transposed for row vectors
    const m = mul3(YIQ2RGB, mul3(yiq, RGB2YIQ));
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[k * 9 + r * 3 + c] = m[c][r];
  }
  return out;
}

function mul3(a: number[][], b: number[][]): number[][] {
  return a.map((row) => [0, 1, 2].map((j) => row[0] * b[0][j] + row[1] * b[1][j] + row[2] * b[2][j]));
}
