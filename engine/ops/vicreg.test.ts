import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { vicregLoss } from './vicreg';
import { assertClose, assertNoLeak, num } from './test-helpers';

await tf.setBackend('cpu');

test('VICReg of a constant batch is 24.75 (variance term 0.99, others 0)', () => {
  const x = tf.fill([8, 16], 0.7);
  const r = vicregLoss(tf, x, x);
  assertClose(num(r.loss), 24.75, 1e-5);
  assertClose(num(r.variance), 1 - Math.sqrt(1e-4), 1e-6); // ½·0.99 + ½·0.99
  assertClose(num(r.invariance), 0, 1e-9);
  assertClose(num(r.covariance), 0, 1e-9);
  assertNoLeak(tf, () => vicregLoss(tf, x, x), 'vicregLoss');
  tf.dispose([x, r.loss, r.variance, r.invariance, r.covariance]);
});

test('VICReg variance uses the UNBIASED std (as torch.var)', () => {
  // one feature, values ±0.5: unbiased var 0.5 (biased would be 0.25)
  const x = tf.tensor2d([[0.5], [-0.5]]);
  const r = vicregLoss(tf, x, x);
  assertClose(num(r.variance), 1 - Math.sqrt(0.5 + 1e-4), 1e-6);
  assert.ok(Math.abs(num(r.variance) - (1 - Math.sqrt(0.25 + 1e-4))) > 0.1, 'not the biased estimate');
  tf.dispose([x, r.loss, r.variance, r.invariance, r.covariance]);
});

test('VICReg covariance: Σ off-diag(cov)²/D per branch, cov = xᵀx/(N − 1); invariance is the MSE', () => {
  // two perfectly correlated features: centred x = [[1, 1], [−1, −1]], cov = [[2, 2], [2, 2]]
  const x = tf.tensor2d([
    [3, 1],
    [1, -1],
  ]);
  const y = tf.tensor2d([
    [3, 1],
    [1, -1],
  ]);
  const r = vicregLoss(tf, x, y);
  assertClose(num(r.covariance), 2 * ((2 * 2 * 2) / 2), 1e-5); // (2² + 2²)/D per branch, two branches
  const y2 = tf.add(y, tf.tensor2d([[1, 0], [0, 0]])); // one entry off by 1: MSE = 1/4
  const r2 = vicregLoss(tf, x, y2, { sim: 2, std: 0, cov: 0 });
  assertClose(num(r2.invariance), 0.25, 1e-6);
  assertClose(num(r2.loss), 0.5, 1e-6, 'coefficients weight the terms');
  tf.dispose([x, y, y2, r.loss, r.variance, r.invariance, r.covariance, r2.loss, r2.variance, r2.invariance, r2.covariance]);
});
