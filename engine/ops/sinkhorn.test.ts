import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { sinkhorn } from './sinkhorn';
import { assertAllClose, assertNoLeak, vals } from './test-helpers';

await tf.setBackend('cpu');

function marginals(q: tf.Tensor): { samples: number[]; prototypes: number[] } {
  return { samples: vals(tf.sum(q, 1)), prototypes: vals(tf.sum(q, 0)) };
}

test('Sinkhorn: every sample assignment sums to 1 exactly', () => {
  const s = tf.tanh(tf.randomNormal([16, 10], 0, 1, 'float32', 3));
  const q = sinkhorn(tf, s);
  assert.deepEqual(q.shape, [16, 10]);
  assertAllClose(marginals(q).samples, new Array(16).fill(1), 1e-6, 'sample sums');
  assert.ok(vals(q).every((v) => v >= 0));
  assertNoLeak(tf, () => sinkhorn(tf, s), 'sinkhorn');
  tf.dispose([s, q]);
});

test('Sinkhorn: prototype totals converge to B/K as iterations grow', () => {
  const [B, K] = [16, 10];
  const s = tf.tanh(tf.randomNormal([B, K], 0, 1, 'float32', 4));
  const errs = [1, 3, 10, 100, 1000].map((iterations) => {
    const q = sinkhorn(tf, s, { iterations });
    const err = Math.max(...marginals(q).prototypes.map((v) => Math.abs(v - B / K)));
    q.dispose();
    return err;
  });
  for (let i = 1; i < errs.length; i++) assert.ok(errs[i] < errs[i - 1], `error decreases: ${errs}`);
  assert.ok(errs[errs.length - 1] < 1e-3, `converged: ${errs}`);
  s.dispose();
});

test('Sinkhorn: constant scores give 1/K everywhere', () => {
  const s = tf.fill([6, 4], 0.3);
  const q = sinkhorn(tf, s);
  assertAllClose(vals(q), new Array(24).fill(0.25), 1e-6);
  tf.dispose([s, q]);
});

test('Sinkhorn: no gradient through the codes; per-prototype shifts cancel (no overflow)', () => {
  const s = tf.randomNormal([8, 5], 0, 1, 'float32', 5);
  const w = tf.randomNormal([8, 5], 0, 1, 'float32', 6);
  const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(sinkhorn(tf, a), w)))(s);
  assertAllClose(vals(g), new Array(40).fill(0), 0);
  // a constant per prototype (and so also a global one) cancels in the first row
  // normalisation; +10 makes scores/ε ≈ 200, where exp overflows float32 without the shift
  const shifted = tf.add(s, tf.add(10, tf.range(0, 5)));
  const q0 = sinkhorn(tf, s);
  const q = sinkhorn(tf, shifted);
  assertAllClose(vals(q), vals(q0), 1e-5, 'shift-invariant, finite');
  tf.dispose([s, w, g, shifted, q0, q]);
});
