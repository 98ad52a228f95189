import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { byolLoss, byolSymmetric } from './byol';
import { cosineSimilarity } from './normalize';
import { assertClose, assertNoLeak, num } from './test-helpers';

await tf.setBackend('cpu');

test('BYOL per direction: 0 for identical directions, 4 for opposite', () => {
  const p = tf.randomNormal([8, 16], 0, 1, 'float32', 3);
  const same = byolLoss(tf, p, tf.mul(p, 2.5));
  const opp = byolLoss(tf, p, tf.neg(p));
  assert.deepEqual(same.shape, [], 'a scalar');
  assertClose(num(same), 0, 1e-6);
  assertClose(num(opp), 4, 1e-5);
  tf.dispose([p, same, opp]);
});

test('BYOL equals 2 − 2cos, and the symmetrised loss sums both directions', () => {
  const p1 = tf.randomNormal([8, 16], 0, 1, 'float32', 4);
  const z2 = tf.randomNormal([8, 16], 0, 1, 'float32', 5);
  const p2 = tf.randomNormal([8, 16], 0, 1, 'float32', 6);
  const z1 = tf.randomNormal([8, 16], 0, 1, 'float32', 7);
  const l = byolLoss(tf, p1, z2);
  const cos = tf.mean(cosineSimilarity(tf, p1, z2));
  assertClose(num(l), 2 - 2 * num(cos), 1e-5);
  const sym = byolSymmetric(tf, p1, z2, p2, z1);
  const other = byolLoss(tf, p2, z1);
  assertClose(num(sym), num(l) + num(other), 1e-5);
  assertNoLeak(tf, () => byolSymmetric(tf, p1, z2, p2, z1), 'byolSymmetric');
  tf.dispose([p1, z2, p2, z1, l, cos, sym, other]);
});

test('BYOL gradient w.r.t. the prediction is tangent (scale-invariant loss)', () => {
  const p = tf.randomNormal([4, 6], 0, 1, 'float32', 10);
  const z = tf.randomNormal([4, 6], 0, 1, 'float32', 11);
  {
    const g = tf.grad((a: tf.Tensor) => byolLoss(tf, a, z))(p);
    // Σ_d g·p = 0 per row: the loss does not change along p
    const radial = tf.sum(tf.mul(g, p), -1);
    assertClose(num(tf.max(tf.abs(radial))), 0, 1e-5);
    tf.dispose([g, radial]);
  }
  tf.dispose([p, z]);
});
