// The augmentation ops: identities where the parameters say "do nothing",
// per-row randomness (two views of one image differ), statistics as
// parameterised, ranges kept, no leaked tensors, and the same result on the
// cpu and wasm backends (wasm runs the batched kernels cpu cannot).
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { mulberry32 } from '../../rng';
import type { Tensor } from '../../spec';
import { colorJitter } from './colour-jitter';
import { cutout, cutoutSide } from './cutout';
import { gaussianBlur, gaussianTaps } from './gaussian-blur';
import { horizontalFlip } from './horizontal-flip';
import { affineRow, randomAffine } from './random-affine';
import { drawCropBox, randomResizedCrop } from './random-resized-crop';
import { saltAndPepper } from './salt-and-pepper';
import type { Rand } from './per-sample';

before(async () => {
  await tf.setBackend('cpu');
});

type Aug = (x: Tensor, rand: Rand, p: number) => Tensor;
const R01: [number, number] = [0, 1];
/** Every augmentation at strong settings, with its probability as the last argument. */
const AUGS: Record<string, Aug> = {
  crop: (x, r, p) => randomResizedCrop(tf, x, r, { scale: [0.3, 1], ratio: [0.75, 4 / 3], p }),
  flip: (x, r, p) => horizontalFlip(tf, x, r, p),
  affine: (x, r, p) => randomAffine(tf, x, r, { degrees: 15, translate: 0.1, scale: [0.9, 1.1], p }),
  'salt-and-pepper': (x, r, p) => saltAndPepper(tf, x, r, { amount: 0.1, range: R01, p }),
  cutout: (x, r, p) => cutout(tf, x, r, { size: 0.35, fill: 0, p }),
  jitter: (x, r, p) => colorJitter(tf, x, r, { brightness: 0.4, contrast: 0.4, range: R01, p }),
  blur: (x, r, p) => gaussianBlur(tf, x, r, { sigma: [0.5, 1.5], p }),
};

/** A smooth, asymmetric test image batch [n, h, w, 1] in 0..1 (a blob off-centre plus a ramp). */
function images(n: number, h = 28, w = 28): Tensor {
  const v = new Float32Array(n * h * w);
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const blob = Math.exp(-((x - 9 - i) ** 2 + (y - 11) ** 2) / 18);
        v[(i * h + y) * w + x] = Math.min(1, 0.8 * blob + (0.3 * x) / w);
      }
    }
  }
  return tf.tensor4d(v, [n, h, w, 1]);
}

const arr = (t: Tensor) => Array.from(t.dataSync());
const maxAbsDiff = (a: Tensor, b: Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

test('p = 0 is the identity (the input itself, no draws used)', () => {
  const x = images(4);
  for (const [name, aug] of Object.entries(AUGS)) assert.equal(aug(x, mulberry32(1), 0), x, name);
  x.dispose();
});

test('rows left alone by p < 1 come through bit-exact; the others change', () => {
  const x = images(16);
  for (const [name, aug] of Object.entries(AUGS)) {
    const y = aug(x, mulberry32(3), 0.5);
    let same = 0;
    for (let i = 0; i < 16; i++) {
      const d = tf.tidy(() => tf.max(tf.abs(tf.sub(x.slice(i, 1), y.slice(i, 1)))).dataSync()[0]);
      if (d === 0) same++;
    }
    assert.ok(same > 0 && same < 16, `${name}: ${same} of 16 rows untouched`);
    y.dispose();
  }
  x.dispose();
});

test('same seed, same result; two views of one image differ (per-row draws)', () => {
  const one = images(1);
  const views = tf.tile(one, [2, 1, 1, 1]); // [2, 28, 28, 1]: what the Views node makes
  for (const [name, aug] of Object.entries(AUGS)) {
    const a = aug(views, mulberry32(9), 1);
    const b = aug(views, mulberry32(9), 1);
    assert.deepEqual(arr(a), arr(b), `${name} deterministic`);
    // flip with p = 1 mirrors both views alike: the only op whose draw is just "applied or not"
    if (name !== 'flip') assert.ok(maxAbsDiff(a.slice(0, 1), a.slice(1, 1)) > 1e-3, `${name}: the two views are identical`);
    tf.dispose([a, b]);
  }
  tf.dispose([one, views]);
});

test('flip: p = 1 mirrors, and flipping twice with the same draws is the identity', () => {
  const x = images(6);
  const once = horizontalFlip(tf, x, mulberry32(4), 1);
  assert.deepEqual(arr(once), arr(tf.reverse(x, 2)));
  const half = horizontalFlip(tf, x, mulberry32(5), 0.5);
  const back = horizontalFlip(tf, half, mulberry32(5), 0.5);
  assert.deepEqual(arr(back), arr(x));
  tf.dispose([x, once, half, back]);
});

test('crop: scale (1, 1) and ratio (1, 1) is the identity; boxes stay inside the image', () => {
  const x = images(5);
  const y = randomResizedCrop(tf, x, mulberry32(2), { scale: [1, 1], ratio: [1, 1], p: 1 });
  assert.ok(maxAbsDiff(x, y) < 1e-5);
  const r = mulberry32(8);
  for (let i = 0; i < 2000; i++) {
    const b = drawCropBox(r, 28, 20, { scale: [0.08, 1], ratio: [0.5, 2] });
    assert.ok(b.top >= 0 && b.left >= 0 && b.top + b.height <= 28 + 1e-9 && b.left + b.width <= 20 + 1e-9, JSON.stringify(b));
    const ratio = b.width / b.height;
    const inRange = ratio >= 0.5 - 1e-9 && ratio <= 2 + 1e-9;
    assert.ok(inRange, `ratio ${ratio}`);
  }
  tf.dispose([x, y]);
});

test('crop: a crop zooms in (a small crop of a centred dot makes it bigger)', () => {
  const dot = tf.tidy(() => tf.pad(tf.ones([1, 4, 4, 1]), [[0, 0], [12, 12], [12, 12], [0, 0]])); // [1, 28, 28, 1]
  const views = tf.tile(dot, [8, 1, 1, 1]);
  const y = randomResizedCrop(tf, views, mulberry32(3), { scale: [0.25, 0.25], ratio: [1, 1], p: 1 });
  // each crop is 14×14 px resized to 28×28: where it covers the 4×4 dot, the dot's area grows about fourfold
  const ink = tf.tidy(() => tf.sum(y, [1, 2, 3]).dataSync());
  assert.ok(Math.max(...ink) > 40, `largest ink ${Math.max(...ink)} (dot has 16)`);
  tf.dispose([dot, views, y]);
});

test('affine: identity settings are the identity; a 90° rotation is a transpose and flip', () => {
  const x = images(3);
  const id = randomAffine(tf, x, mulberry32(1), { degrees: 0, translate: 0, scale: [1, 1], p: 1 });
  assert.ok(maxAbsDiff(x, id) < 1e-5);
  // +90° turns the image clockwise on screen (y points down): out(row y, col x) = in(row W−1−x, col y)
  const m = tf.tensor2d(affineRow(28, 28, Math.PI / 2, 1, 0, 0), [1, 8]);
  const one = x.slice(0, 1) as tf.Tensor4D;
  const rot = tf.image.transform(one, m as tf.Tensor2D, 'bilinear', 'nearest');
  const expected = tf.reverse(tf.transpose(one, [0, 2, 1, 3]), 2);
  assert.ok(maxAbsDiff(rot, expected) < 1e-4, `rot90 diff ${maxAbsDiff(rot, expected)}`);
  tf.dispose([x, id, m, one, rot, expected]);
});

test('affine: every row of a batch is transformed (not only the first)', () => {
  const x = tf.tile(images(1), [6, 1, 1, 1]);
  const y = randomAffine(tf, x, mulberry32(6), { degrees: 0, translate: 0.2, scale: [1, 1], p: 1 });
  for (let i = 0; i < 6; i++) {
    const ink = tf.tidy(() => tf.sum(y.slice(i, 1)).dataSync()[0]);
    assert.ok(ink > 20, `row ${i} ink ${ink}`);
  }
  tf.dispose([x, y]);
});

test('salt and pepper: the amount of pixels replaced, half salt, half pepper', () => {
  const x = tf.fill([32, 28, 28, 1], 0.5);
  const y = saltAndPepper(tf, x, mulberry32(7), { amount: 0.2, range: [-1, 1], p: 1 });
  const v = arr(y);
  const salt = v.filter((a) => a === 1).length / v.length;
  const pepper = v.filter((a) => a === -1).length / v.length;
  assert.ok(Math.abs(salt - 0.1) < 0.01 && Math.abs(pepper - 0.1) < 0.01, `salt ${salt}, pepper ${pepper}`);
  assert.equal(v.filter((a) => a !== 1 && a !== -1 && a !== 0.5).length, 0);
  tf.dispose([x, y]);
});

test('cutout: exactly side² pixels per row, set to the fill value', () => {
  const x = tf.ones([10, 28, 20, 1]);
  const side = cutoutSide(28, 20, 0.35);
  assert.equal(side, 7);
  const y = cutout(tf, x, mulberry32(2), { size: 0.35, fill: 0, p: 1 });
  const holes = tf.tidy(() => tf.sum(tf.equal(y, 0), [1, 2, 3]).dataSync());
  assert.deepEqual(Array.from(holes), new Array(10).fill(side * side));
  tf.dispose([x, y]);
});

test('colour jitter: brightness factors uniform in [1 − b, 1 + b]; contrast scales the spread', () => {
  const n = 400;
  const x = tf.fill([n, 8, 8, 1], 0.25);
  const y = colorJitter(tf, x, mulberry32(11), { brightness: 0.4, contrast: 0, range: R01, p: 1 });
  const f = Array.from(tf.tidy(() => tf.div(tf.mean(y, [1, 2, 3]), 0.25).dataSync()));
  const mean = f.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(f.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  assert.ok(Math.min(...f) >= 0.6 - 1e-5 && Math.max(...f) <= 1.4 + 1e-5);
  assert.ok(Math.abs(mean - 1) < 0.03, `mean factor ${mean}`);
  assert.ok(Math.abs(sd - 0.4 / Math.sqrt(3)) < 0.03, `sd ${sd}`);
  // contrast only: the per-row std scales by the contrast factor, the mean stays
  const two = tf.tidy(() => tf.tile(tf.tensor4d([0.3, 0.7, 0.7, 0.3], [1, 2, 2, 1]), [n, 1, 1, 1]));
  const c = colorJitter(tf, two, mulberry32(12), { brightness: 0, contrast: 0.5, range: R01, p: 1 });
  const means = tf.tidy(() => tf.mean(c, [1, 2, 3]).dataSync());
  const stds = tf.tidy(() => tf.sqrt(tf.moments(c, [1, 2, 3]).variance).dataSync());
  for (let i = 0; i < n; i++) {
    assert.ok(Math.abs(means[i] - 0.5) < 1e-5);
    assert.ok(stds[i] >= 0.5 * 0.2 - 1e-5 && stds[i] <= 1.5 * 0.2 + 1e-5, `std ${stds[i]}`);
  }
  tf.dispose([x, y, two, c]);
});

test('colour jitter on RGB: saturation is torchvision\'s blend with the luma image, hue keeps luma; grey images ignore both', () => {
  const px = [0.9, 0.2, 0.1, 0.1, 0.6, 0.3, 0.5, 0.5, 0.5, 0.2, 0.3, 0.8];
  const x = tf.tensor4d(px, [1, 2, 2, 3]);
  // saturation only, factor drawn from [1 − s, 1 + s]: recover the factor from one pixel and check every pixel
  const r = mulberry32(21);
  const y = colorJitter(tf, x, r, { brightness: 0, contrast: 0, saturation: 0.5, hue: 0, range: R01, p: 1 });
  const out = Array.from(y.dataSync());
  const gray = (i: number) => 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
  const f = (out[0] - gray(0)) / (px[0] - gray(0));
  assert.ok(f >= 0.5 - 1e-4 && f <= 1.5 + 1e-4, `factor ${f}`);
  for (let p = 0; p < 4; p++)
    for (let c = 0; c < 3; c++) {
      const want = Math.min(1, Math.max(0, f * px[3 * p + c] + (1 - f) * gray(3 * p)));
      assert.ok(Math.abs(out[3 * p + c] - want) < 1e-4, `pixel ${p} channel ${c}: ${out[3 * p + c]} vs ${want}`);
    }
  // a grey pixel stays grey under saturation and hue; hue turns keep the luma
  const h = colorJitter(tf, x, mulberry32(22), { brightness: 0, contrast: 0, saturation: 0, hue: 0.25, range: R01, p: 1 });
  const ho = Array.from(h.dataSync());
  assert.ok(Math.abs(ho[6] - 0.5) < 1e-4 && Math.abs(ho[7] - 0.5) < 1e-4 && Math.abs(ho[8] - 0.5) < 1e-4);
  assert.ok(Math.abs(0.299 * ho[9] + 0.587 * ho[10] + 0.114 * ho[11] - gray(9)) < 1e-3, 'luma kept');
  assert.ok(Math.abs(ho[9] - px[9]) + Math.abs(ho[11] - px[11]) > 0.01, 'the colour changed');
  // grey input: the same result with or without saturation / hue
  const g = tf.fill([3, 4, 4, 1], 0.4);
  const a = colorJitter(tf, g, mulberry32(5), { brightness: 0.3, contrast: 0.3, range: R01, p: 1 });
  const b = colorJitter(tf, g, mulberry32(5), { brightness: 0.3, contrast: 0.3, saturation: 0.8, hue: 0.3, range: R01, p: 1 });
  assert.deepEqual(Array.from(a.dataSync()), Array.from(b.dataSync()));
  tf.dispose([x, y, h, g, a, b]);
});

test('blur: an impulse spreads into a Gaussian with the drawn width, mass kept', () => {
  const n = 12;
  const imp = tf.tidy(() => tf.tile(tf.pad(tf.ones([1, 1, 1, 1]), [[0, 0], [13, 14], [13, 14], [0, 0]]), [n, 1, 1, 1])); // [n, 28, 28, 1]
  const y = gaussianBlur(tf, imp, mulberry32(5), { sigma: [0.8, 2], p: 1 });
  const v = y.dataSync();
  for (let i = 0; i < n; i++) {
    let mass = 0;
    let m2 = 0;
    for (let r = 0; r < 28; r++) {
      for (let c = 0; c < 28; c++) {
        mass += v[i * 784 + r * 28 + c];
        m2 += v[i * 784 + r * 28 + c] * (c - 13) ** 2;
      }
    }
    assert.ok(Math.abs(mass - 1) < 1e-4, `mass ${mass}`);
    const sigma = Math.sqrt(m2 / mass);
    assert.ok(sigma > 0.75 && sigma < 2.05, `row ${i}: sigma ${sigma}`);
  }
  const taps = gaussianTaps(1, 3);
  assert.ok(Math.abs(taps.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  assert.deepEqual(Array.from(gaussianTaps(0, 2)), [0, 0, 1, 0, 0]);
  tf.dispose([imp, y]);
});

test('outputs stay in the pixel range', () => {
  const x = tf.randomUniform([16, 28, 28, 1], 0, 1, 'float32', 3);
  for (const [name, aug] of Object.entries(AUGS)) {
    const y = aug(x, mulberry32(13), 1);
    const [lo, hi] = tf.tidy(() => [tf.min(y).dataSync()[0], tf.max(y).dataSync()[0]]);
    assert.ok(lo >= -1e-6 && hi <= 1 + 1e-6, `${name}: [${lo}, ${hi}]`);
    assert.deepEqual(y.shape, x.shape, name);
    y.dispose();
  }
  x.dispose();
});

test('no leaked tensors', () => {
  const x = images(8);
  for (const [name, aug] of Object.entries(AUGS)) {
    const before = tf.memory().numTensors;
    const y = aug(x, mulberry32(1), 0.7);
    assert.equal(tf.memory().numTensors, before + 1, `${name} leaked`);
    y.dispose();
  }
  x.dispose();
});

test('cpu and wasm give the same augmented batch', async () => {
  const results: Record<string, number[][]> = {};
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    const x = images(6);
    for (const [name, aug] of Object.entries(AUGS)) {
      const y = aug(x, mulberry32(21), 0.8);
      (results[name] ??= []).push(arr(y));
      y.dispose();
    }
    x.dispose();
  }
  await tf.setBackend('cpu');
  for (const [name, [a, b]] of Object.entries(results)) {
    const d = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
    assert.ok(d < 1e-4, `${name}: cpu vs wasm differ by ${d}`);
  }
});
