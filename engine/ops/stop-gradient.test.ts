import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { stopGradient } from './stop-gradient';
import { assertAllClose, assertNoLeak, vals } from './test-helpers';

await tf.setBackend('cpu');

test('stopGradient is the identity in the forward pass', () => {
  const x = tf.tensor2d([
    [1, -2, 3],
    [0.5, 0, -7],
  ]);
  const y = stopGradient(tf, x);
  assert.deepEqual(y.shape, x.shape);
  assertAllClose(vals(y), vals(x), 0);
  tf.dispose([x, y]);
});

test('stopGradient blocks the gradient (zero), other paths still flow', () => {
  const x = tf.tensor1d([1, -2, 3]);
  const g0 = tf.grad((a) => tf.sum(tf.square(stopGradient(tf, a))))(x);
  assertAllClose(vals(g0), [0, 0, 0], 0);
  // d/dx Σ sg(x)·x = sg(x) = x: only the second factor carries gradient
  const g1 = tf.grad((a) => tf.sum(tf.mul(stopGradient(tf, a), a)))(x);
  assertAllClose(vals(g1), [1, -2, 3], 0);
  tf.dispose([x, g0, g1]);
});

test('stopGradient leaks no tensors', () => {
  const x = tf.ones([4, 4]);
  assertNoLeak(tf, () => stopGradient(tf, x), 'stopGradient');
  x.dispose();
});
