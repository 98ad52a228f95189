// The readouts evaluation applies to token sequences: shapes, the quadrant
// averages against a hand computation, and the layout the mean throws away.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertAllClose, vals } from './test-helpers';
import { quadrantWeights, readTokens } from './token-readout';

before(async () => {
  await tf.setBackend('cpu');
});

test('quadrant weights: every patch of an odd 7×7 grid counts once, each quadrant averages (16, 12, 12, 9 patches)', () => {
  const w = quadrantWeights(7, 7);
  const rows = [0, 1, 2, 3].map((q) => Array.from(w.slice(q * 49, (q + 1) * 49)));
  rows.forEach((r) => assert.ok(Math.abs(r.reduce((a, b) => a + b, 0) - 1) < 1e-6));
  assert.deepEqual(rows.map((r) => r.filter((x) => x > 0).length), [16, 12, 12, 9]);
  for (let t = 0; t < 49; t++) assert.equal(rows.filter((r) => r[t] > 0).length, 1);
});

test('readTokens: mean [N, D], quadrants [N, 4·D] equal to the hand-averaged quarters, tokens [N, T·D]', () => {
  // 2 images, a 2×4 grid of 2-d tokens valued by position
  const x = tf.tensor3d(Array.from({ length: 2 * 8 * 2 }, (_, i) => i), [2, 8, 2]);
  assert.deepEqual(readTokens(tf, x, 'mean', [2, 4]).shape, [2, 2]);
  assert.deepEqual(readTokens(tf, x, 'tokens', [2, 4]).shape, [2, 16]);
  const q = readTokens(tf, x, 'quadrants', [2, 4]);
  // image 0, token t has values (2t, 2t+1); quadrants are tokens {0,1}, {2,3}, {4,5}, {6,7}
  assertAllClose(vals(q.slice([0, 0], [1, 8])), [1, 2, 5, 6, 9, 10, 13, 14], 1e-6);
  assertAllClose(vals(q.slice([1, 0], [1, 2])), [17, 18], 1e-6);
});

test('readTokens: two digits that differ only by where a patch sits have the same mean but different quadrants', () => {
  const a = tf.tensor3d([1, 0, 0, 0, 0, 0, 0, 0], [1, 4, 2]); // the feature at the top-left patch
  const b = tf.tensor3d([0, 0, 0, 0, 0, 0, 1, 0], [1, 4, 2]); // the same feature at the bottom-right patch
  assertAllClose(vals(readTokens(tf, a, 'mean', [2, 2])), vals(readTokens(tf, b, 'mean', [2, 2])), 1e-7);
  assert.notDeepEqual(vals(readTokens(tf, a, 'quadrants', [2, 2])), vals(readTokens(tf, b, 'quadrants', [2, 2])));
  // without a usable grid the quadrants fall back to the mean
  assert.deepEqual(readTokens(tf, a, 'quadrants', undefined).shape, [1, 2]);
});
