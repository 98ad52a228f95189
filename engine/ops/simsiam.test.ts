import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { simsiamLoss, simsiamSymmetric } from './simsiam';
import { assertClose, assertNoLeak, num } from './test-helpers';

await tf.setBackend('cpu');

test('SimSiam: minimum −1 for aligned, +1 for opposite; symmetrised averages', () => {
  const p = tf.randomNormal([8, 16], 0, 1, 'float32', 8);
  const min = simsiamLoss(tf, p, tf.mul(p, 0.3));
  const max = simsiamLoss(tf, p, tf.neg(p));
  assert.deepEqual(min.shape, [], 'a scalar');
  assertClose(num(min), -1, 1e-6);
  assertClose(num(max), 1, 1e-6);
  const q = tf.randomNormal([8, 16], 0, 1, 'float32', 9);
  const sym = simsiamSymmetric(tf, p, p, q, tf.neg(q)); // ½(−1 + 1)
  assertClose(num(sym), 0, 1e-6);
  assertNoLeak(tf, () => simsiamSymmetric(tf, p, q, q, p), 'simsiamSymmetric');
  tf.dispose([p, min, max, q, sym]);
});

test('SimSiam gradient w.r.t. the prediction is tangent (scale-invariant loss)', () => {
  const p = tf.randomNormal([4, 6], 0, 1, 'float32', 10);
  const z = tf.randomNormal([4, 6], 0, 1, 'float32', 11);
  const g = tf.grad((a: tf.Tensor) => simsiamLoss(tf, a, z))(p);
  const radial = tf.sum(tf.mul(g, p), -1); // [B], Σ_d g·p = 0 per row
  const worst = tf.max(tf.abs(radial));
  assertClose(num(worst), 0, 1e-5);
  tf.dispose([p, z, g, radial, worst]);
});
