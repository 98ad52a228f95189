// Random resized crop (Inception / SimCLR style): a random box covering a
// random share of the image, at a random aspect ratio, resized back to the
// input size. The most important augmentation of joint-embedding methods:
// matching two crops of one image teaches that local parts predict the whole.
import type { Tensor1D, Tensor4D } from '@tensorflow/tfjs';
import type { Tensor, Tf } from '../../spec';
import { drawApplied, imageDims, uniform, type Rand } from './per-sample';

export interface CropOptions {
  /** Range of the crop's area as a fraction of the image's. */
  scale: [number, number];
  /** Range of the crop's width / height. */
  ratio: [number, number];
  /** Probability per sample (rows not cropped pass through). */
  p: number;
}

/**
 * One crop box in pixels, torchvision's RandomResizedCrop.get_params without the
 * integer rounding (bilinear resampling does not need whole pixels): up to 10
 * tries at a random area and log-uniform ratio, else the largest centred box
 * with a ratio in range.
 */
export function drawCropBox(rand: Rand, h: number, w: number, o: Pick<CropOptions, 'scale' | 'ratio'>): { top: number; left: number; height: number; width: number } {
  const area = h * w;
  const [lr0, lr1] = [Math.log(o.ratio[0]), Math.log(o.ratio[1])];
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * uniform(rand, o.scale[0], o.scale[1]);
    const ratio = Math.exp(uniform(rand, lr0, lr1));
    const cw = Math.sqrt(target * ratio);
    const ch = Math.sqrt(target / ratio);
    if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
      return { top: uniform(rand, 0, h - ch), left: uniform(rand, 0, w - cw), height: ch, width: cw };
    }
  }
  const inRatio = w / h;
  let cw = w;
  let ch = h;
  if (inRatio < o.ratio[0]) ch = w / o.ratio[0];
  else if (inRatio > o.ratio[1]) cw = h * o.ratio[1];
  return { top: (h - ch) / 2, left: (w - cw) / 2, height: ch, width: cw };
}

/** x: [N, H, W, C] -> [N, H, W, C], each row its own crop. */
export function randomResizedCrop(tf: Tf, x: Tensor, rand: Rand, o: CropOptions): Tensor {
  const [n, h, w] = imageDims(x, 'random resized crop');
  if (o.p <= 0) return x;
  const applied = drawApplied(rand, n, o.p);
  const boxes = new Float32Array(n * 4); // [N, 4]: y1, x1, y2, x2
  for (let i = 0; i < n; i++) {
    const b = drawCropBox(rand, h, w, o);
    // cropAndResize samples the box corner to corner (align-corners), so the
    // full box [0, 0, 1, 1] is the identity and every sample stays inside the image
    if (applied[i]) boxes.set([b.top / h, b.left / w, (b.top + b.height) / h, (b.left + b.width) / w], i * 4);
    else boxes.set([0, 0, 1, 1], i * 4);
  }
  return tf.tidy(() => {
    const boxInd = tf.range(0, n, 1, 'int32'); // [N]: box i crops row i
    return tf.image.cropAndResize(x as Tensor4D, tf.tensor2d(boxes, [n, 4]), boxInd as Tensor1D, [h, w], 'bilinear'); // [N, H, W, C]
  });
}
