import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { byolMomentum, emaUpdate } from './ema';
import { assertAllClose, assertClose, assertNoLeak, vals } from './test-helpers';

await tf.setBackend('cpu');

test('EMA: m = 1 leaves the target unchanged, m = 0 copies the online weights', () => {
  const t = tf.tensor1d([1.25, -3.5, 7]);
  const o = tf.tensor1d([0.1, 0.2, -0.3]);
  const same = emaUpdate(tf, t, o, 1);
  const copy = emaUpdate(tf, t, o, 0);
  assert.deepEqual(vals(same), vals(t));
  assert.deepEqual(vals(copy), vals(o));
  assertNoLeak(tf, () => emaUpdate(tf, t, o, 0.99), 'emaUpdate');
  tf.dispose([t, o, same, copy]);
});

test('EMA: one step is m·θ_t + (1 − m)·θ_o', () => {
  const t = tf.tensor1d([1, 2]);
  const o = tf.tensor1d([3, 6]);
  const r = emaUpdate(tf, t, o, 0.9);
  assertAllClose(vals(r), [1.2, 2.4], 1e-6);
  tf.dispose([t, o, r]);
});

test('BYOL momentum schedule: base at 0, 1 at the end, cosine in between', () => {
  assertClose(byolMomentum(0.996, 0, 1000), 0.996, 1e-12);
  assertClose(byolMomentum(0.996, 500, 1000), 0.998, 1e-12);
  assertClose(byolMomentum(0.996, 1000, 1000), 1, 1e-12);
  assertClose(byolMomentum(0.996, 2000, 1000), 1, 1e-12); // clamped
  assertClose(byolMomentum(0.99, 250, 1000), 1 - 0.01 * (Math.cos(Math.PI / 4) + 1) / 2, 1e-12);
  let prev = 0;
  for (let k = 0; k <= 100; k++) {
    const m = byolMomentum(0.99, k, 100);
    assert.ok(m >= prev);
    prev = m;
  }
});
