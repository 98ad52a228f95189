import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { gmmEmStep, gmmNll, gmmResponsibilities } from './gmm';
import { assertAllClose, assertClose, assertNoLeak, num, vals } from './test-helpers';

await tf.setBackend('cpu');

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI); // 0.918939

test('GMM NLL on hand examples', () => {
  // one standard-normal component, x = 0: −log N(0; 0, 1) = ½ log 2π
  const x = tf.zeros([1, 1]);
  const one = gmmNll(tf, x, tf.zeros([1, 1]), tf.zeros([1, 1]), tf.zeros([1]));
  assertClose(num(one), HALF_LOG_2PI, 1e-6);
  // two equal-weight components, one far away: + ln 2
  const two = gmmNll(tf, x, tf.tensor2d([[0], [1000]]), tf.zeros([2, 1]), tf.zeros([2]));
  assertClose(num(two), HALF_LOG_2PI + Math.LN2, 1e-6);
  // variance σ² = 4 in 2 dims at x = μ + (2, 0): 2·(½log 2π + ½log 4) + ½·(4/4)
  const x2 = tf.tensor2d([[3, 1]]);
  const three = gmmNll(tf, x2, tf.tensor2d([[1, 1]]), tf.fill([1, 2], Math.log(4)), tf.zeros([1]));
  assertClose(num(three), 2 * (HALF_LOG_2PI + 0.5 * Math.log(4)) + 0.5, 1e-6);
  // far from every component the logsumexp stays finite
  const far = gmmNll(tf, tf.fill([1, 1], 1e3), tf.zeros([2, 1]), tf.fill([2, 1], -4), tf.zeros([2]));
  assert.ok(Number.isFinite(num(far)));
  tf.dispose([x, one, two, x2, three, far]);
});

test('GMM NLL never increases across EM iterations; responsibilities are a distribution', () => {
  const centers = tf.tensor2d([
    [0, 0],
    [5, 0],
    [0, 5],
  ]);
  const idx = tf.tensor1d(Array.from({ length: 90 }, (_, i) => i % 3), 'int32');
  const x = tf.add(tf.gather(centers, idx), tf.randomNormal([90, 2], 0, 0.7, 'float32', 3)); // [90, 2]
  let p = { means: tf.randomNormal([3, 2], 2, 1, 'float32', 4), logvars: tf.zeros([3, 2]), logits: tf.zeros([3]) };
  const r = gmmResponsibilities(tf, x, p.means, p.logvars, p.logits);
  assertAllClose(vals(tf.sum(r, 1)), new Array(90).fill(1), 1e-5);
  assertNoLeak(tf, () => gmmNll(tf, x, p.means, p.logvars, p.logits), 'gmmNll');
  assertNoLeak(tf, () => gmmEmStep(tf, x, p.means, p.logvars, p.logits), 'gmmEmStep');
  let prev = Infinity;
  for (let it = 0; it < 15; it++) {
    const nll = num(gmmNll(tf, x, p.means, p.logvars, p.logits));
    assert.ok(nll <= prev + 1e-5, `iteration ${it}: ${nll} > ${prev}`);
    prev = nll;
    const next = gmmEmStep(tf, x, p.means, p.logvars, p.logits);
    tf.dispose([p.means, p.logvars, p.logits]);
    p = next;
  }
  tf.dispose([centers, idx, x, r, p.means, p.logvars, p.logits]);
});
