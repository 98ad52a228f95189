import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { istaStep, lassoEnergy, lipschitz, softThreshold } from './sparse-coding';
import { assertAllClose, assertClose, assertNoLeak, num, vals } from './test-helpers';

await tf.setBackend('cpu');

test('lasso energy and soft threshold on hand examples', () => {
  const d = tf.eye(2);
  const e = lassoEnergy(tf, tf.tensor2d([[1, 0]]), d, tf.tensor2d([[1, -2]]), 0.5);
  assertClose(num(e), 0.5 * 4 + 0.5 * 3, 1e-6); // ½‖(0, 2)‖² + ½·3
  const s = softThreshold(tf, tf.tensor1d([-3, -0.5, 0, 0.5, 3]), 1);
  assertAllClose(vals(s), [-2, 0, 0, 0, 2], 0);
  tf.dispose([d, e, s]);
});

test('ISTA with an orthonormal dictionary reaches the lasso solution in one step', () => {
  const d = tf.eye(3);
  const x = tf.tensor2d([[2, -0.05, -1]]);
  const z = istaStep(tf, tf.zeros([1, 3]), x, d, 0.1, 1);
  assertAllClose(vals(z), [1.9, 0, -0.9], 1e-6);
  tf.dispose([d, x, z]);
});

test('lipschitz = λ_max(DᵀD) by power iteration', () => {
  const d = tf.tensor2d([
    [3, 0, 0],
    [0, 2, 0],
    [0, 0, 1],
    [0, 0, 0],
  ]); // [I = 4, M = 3]: DᵀD = diag(9, 4, 1)
  assertClose(num(lipschitz(tf, d)), 9, 1e-5);
  const r = tf.randomNormal([10, 16], 0, 0.3, 'float32', 5);
  const L = num(lipschitz(tf, r));
  const frob = num(tf.sum(tf.square(r)));
  assert.ok(L > 0 && L <= frob + 1e-4, `λ_max ≤ ‖D‖_F²: ${L} vs ${frob}`);
  assertNoLeak(tf, () => lipschitz(tf, r), 'lipschitz');
  tf.dispose([d, r]);
});

test('ISTA never increases the lasso energy', () => {
  const d = tf.randomNormal([10, 16], 0, 1 / Math.sqrt(10), 'float32', 6); // overcomplete
  const x = tf.randomNormal([8, 10], 0, 1, 'float32', 7);
  const L = lipschitz(tf, d);
  let z = tf.zeros([8, 16]);
  let prev = num(lassoEnergy(tf, x, d, z, 0.1));
  assertNoLeak(tf, () => istaStep(tf, z, x, d, 0.1, L), 'istaStep');
  assertNoLeak(tf, () => lassoEnergy(tf, x, d, z, 0.1), 'lassoEnergy');
  for (let it = 0; it < 50; it++) {
    const next = istaStep(tf, z, x, d, 0.1, L);
    z.dispose();
    z = next;
    const e = num(lassoEnergy(tf, x, d, z, 0.1));
    assert.ok(e <= prev + 1e-6, `step ${it}: ${e} > ${prev}`);
    prev = e;
  }
  const zeros = vals(z).filter((v) => v === 0).length;
  assert.ok(zeros > 0, 'the code is sparse');
  tf.dispose([d, x, L, z]);
});
