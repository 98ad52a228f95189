import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../rng';
import { jepaLoss, smoothL1 } from './jepa';
import { maskedPatchLoss } from './mae';
import { blockMasks, blocksFit, maskedCount, maskPositions, randomMasks, takeRows, takeTokens } from './masking';
import { normalizePatches, patchify, sincos2d, unpatchify } from './patchify';
import { assertAllClose, assertClose, num, vals } from './test-helpers';

await tf.setBackend('cpu');

test('patchify cuts row-major patches, each flattened by row then column; unpatchify inverts it', () => {
  const img = tf.tensor4d(Float32Array.from({ length: 2 * 4 * 4 }, (_, i) => i), [2, 4, 4, 1]);
  const p = patchify(tf, img, 2); // [2, 4, 4]
  assert.deepEqual(p.shape, [2, 4, 4]);
  // patch (0, 1) of image 0: rows 0-1, columns 2-3
  assert.deepEqual(vals(p).slice(4, 8), [2, 3, 6, 7]);
  assert.deepEqual(vals(p).slice(12, 16), [10, 11, 14, 15]);
  assert.deepEqual(vals(unpatchify(tf, p, 2, 2, 2, 1)), vals(img));
  tf.dispose([img, p]);
});

test('sine-cosine positions: row in the first half, column in the second, sin then cos', () => {
  const pe = sincos2d(2, 3, 8); // 6 positions × 8
  // position (0, 0): sin 0 = 0, cos 0 = 1 in both halves
  assert.deepEqual(Array.from(pe.slice(0, 8)), [0, 0, 1, 1, 0, 0, 1, 1]);
  // position (1, 2): row 1 -> [sin 1, sin 0.01, cos 1, cos 0.01]; column 2 -> [sin 2, sin 0.02, cos 2, cos 0.02]
  const at = Array.from(pe.slice(5 * 8, 6 * 8));
  assertAllClose(at, [Math.sin(1), Math.sin(0.01), Math.cos(1), Math.cos(0.01), Math.sin(2), Math.sin(0.02), Math.cos(2), Math.cos(0.02)], 1e-6);
});

test('random masks hide exactly round(ratio·T) patches per row, all patches over many rows', () => {
  assert.equal(maskedCount(49, 0.75), 37);
  assert.equal(maskedCount(16, 0.99), 15, 'at least one patch stays visible');
  const m = randomMasks(200, 49, 37, mulberry32(1));
  const seen = new Float32Array(49);
  for (let r = 0; r < 200; r++) {
    let s = 0;
    for (let t = 0; t < 49; t++) {
      s += m[r * 49 + t];
      seen[t] += m[r * 49 + t];
    }
    assert.equal(s, 37, `row ${r}`);
  }
  // uniform: each patch hidden in ~75% of rows
  for (const c of seen) assert.ok(c > 120 && c < 180, `patch hidden ${c} of 200 times`);
});

test('block masks: exactly blocks·h·w patches hidden, as whole rectangles, no overlap', () => {
  assert.ok(blocksFit(7, 7, 2, 3, 4));
  assert.ok(!blocksFit(4, 4, 3, 3, 2));
  const m = blockMasks(50, 7, 7, 2, 3, 4, mulberry32(2));
  for (let r = 0; r < 50; r++) {
    const row = m.slice(r * 49, r * 49 + 49);
    assert.equal(row.reduce((a, b) => a + b, 0), 24, `row ${r}`);
  }
  // one block: the hidden cells form a 2×3 rectangle
  const one = blockMasks(1, 7, 7, 2, 3, 1, mulberry32(3));
  const cells = [...one.keys()].filter((i) => one[i]).map((i) => [Math.floor(i / 7), i % 7]);
  const rows = new Set(cells.map((c) => c[0]));
  const cols = new Set(cells.map((c) => c[1]));
  assert.equal(rows.size, 2);
  assert.equal(cols.size, 3);
});

test('mask positions are ascending; taking tokens gathers them and routes gradients back only there', () => {
  const mask = tf.tensor3d([0, 1, 0, 1, 1, 0, 1, 0], [2, 2, 2]);
  const hidden = maskPositions(tf, mask, 2, 'hidden');
  const kept = maskPositions(tf, mask, 2, 'kept');
  assert.deepEqual(vals(hidden), [1, 3, 0, 2]);
  assert.deepEqual(vals(kept), [0, 2, 1, 3]);
  const x = tf.tensor3d(Float32Array.from({ length: 2 * 4 * 2 }, (_, i) => i), [2, 4, 2]);
  const pos = tf.tensor2d([[3, 1], [0, 2]], [2, 2], 'int32');
  assert.deepEqual(vals(takeTokens(tf, x, pos)), [6, 7, 2, 3, 8, 9, 12, 13]);
  const g = tf.grad((v: tf.Tensor) => tf.sum(takeTokens(tf, v, pos)))(x);
  assert.deepEqual(vals(g), [0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0]);
  const table = tf.tensor2d([[0, 0], [1, 1], [2, 2], [3, 3]]);
  assert.deepEqual(vals(takeRows(tf, table, pos)), [3, 3, 1, 1, 0, 0, 2, 2]);
  tf.dispose([mask, hidden, kept, x, pos, g, table]);
});

test('masked patch loss: only hidden patches count; closed forms with and without normalised targets', () => {
  // image 0.5 everywhere except one patch of ones; predict zeros
  const img = tf.tidy(() => tf.add(tf.fill([1, 4, 4, 1], 0.5), tf.pad(tf.fill([1, 2, 2, 1], 0.5), [[0, 0], [0, 2], [0, 2], [0, 0]])));
  const mask = tf.tensor3d([1, 0, 0, 1], [1, 2, 2]); // patches 0 (ones) and 3 (halves) hidden
  const pred = tf.zeros([1, 2, 4]);
  assertClose(num(maskedPatchLoss(tf, pred, img, mask, 2, false)), (1 + 0.25) / 2, 1e-6);
  // visible patches do not matter: change them, same loss; a perfect guess of the hidden ones is 0
  const perfect = tf.tensor3d([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5], [1, 2, 4]);
  assertClose(num(maskedPatchLoss(tf, perfect, img, mask, 2, false)), 0, 1e-7);
  // constant patches normalise to 0: zeros are then a perfect guess
  assertClose(num(maskedPatchLoss(tf, pred, img, mask, 2, true)), 0, 1e-6);
  const np = normalizePatches(tf, tf.tensor3d([0, 1, 2, 3], [1, 1, 4]));
  const sd = Math.sqrt(5 / 3);
  assertAllClose(vals(np), [-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd], 1e-5);
  tf.dispose([img, mask, pred, perfect, np]);
});

test('JEPA loss: smooth L1 closed form, on the hidden targets only', () => {
  assertAllClose(vals(smoothL1(tf, tf.tensor1d([0.5, -2, 0]))), [0.125, 1.5, 0], 1e-6);
  const target = tf.tensor3d([[[1], [2], [3], [4]]]); // [1, 4, 1]
  const mask = tf.tensor3d([0, 1, 0, 1], [1, 2, 2]); // positions 1 and 3
  const pred = tf.tensor3d([[[2.5], [4]]]); // errors 0.5 and 0 at the hidden targets 2 and 4
  assertClose(num(jepaLoss(tf, pred, target, mask, { normalize: false, distance: 'smooth-l1' })), 0.125 / 2, 1e-6);
  assertClose(num(jepaLoss(tf, pred, target, mask, { normalize: false, distance: 'mse' })), 0.25 / 2, 1e-6);
  tf.dispose([target, mask, pred]);
});
