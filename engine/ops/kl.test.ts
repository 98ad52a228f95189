import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { klStandardNormal, reparameterize } from './kl';
import { reconstructionLoss } from './reconstruction';
import { assertAllClose, assertClose, assertNoLeak, num, vals } from './test-helpers';

await tf.setBackend('cpu');

test('KL of N(0, 1) is 0', () => {
  const z = tf.zeros([4, 20]);
  const kl = klStandardNormal(tf, z, z);
  assert.deepEqual(kl.shape, [], 'a scalar');
  assertClose(num(kl), 0, 1e-7);
  tf.dispose([z, kl]);
});

test('KL with mu = 1 in 20 dims is 10', () => {
  const mu = tf.ones([3, 20]);
  const lv = tf.zeros([3, 20]);
  const kl = klStandardNormal(tf, mu, lv);
  assertClose(num(kl), 10, 1e-6);
  tf.dispose([mu, lv, kl]);
});

test('KL with sigma^2 = 4 in one dim is 0.8069', () => {
  const mu = tf.zeros([1, 1]);
  const lv = tf.fill([1, 1], Math.log(4));
  const kl = klStandardNormal(tf, mu, lv);
  assertClose(num(kl), 0.5 * (4 - Math.log(4) - 1), 1e-6);
  assertClose(num(kl), 0.8069, 1e-4);
  tf.dispose([mu, lv, kl]);
});

test('KL sums over latent dims and averages over the batch', () => {
  const mu = tf.tensor2d([
    [1, 1],
    [0, 0],
  ]); // per-sample KL 1 and 0
  const lv = tf.zeros([2, 2]);
  const kl = klStandardNormal(tf, mu, lv);
  assertClose(num(kl), 0.5, 1e-7);
  assertNoLeak(tf, () => klStandardNormal(tf, mu, lv), 'klStandardNormal');
  tf.dispose([mu, lv, kl]);
});

test('BCE of predicting 0.5 on all 784 pixels is 543.43 (sum reduction)', () => {
  const pred = tf.fill([2, 784], 0.5);
  const target = tf.cast(tf.greater(tf.randomUniform([2, 784], 0, 1, 'float32', 7), 0.5), 'float32');
  const bce = reconstructionLoss(tf, pred, target, 'bce', 'sum');
  assertClose(num(bce), 784 * Math.LN2, 1e-5);
  assertClose(num(bce), 543.43, 1e-5); // 543.4273
  tf.dispose([pred, target, bce]);
});

test('reparameterize: z = mu + eps*sigma, seeded, gradients reach mu and logvar', () => {
  const mu = tf.fill([2000, 5], 2);
  const lv = tf.fill([2000, 5], Math.log(4)); // sigma = 2
  const z1 = reparameterize(tf, mu, lv, 42);
  const z2 = reparameterize(tf, mu, lv, 42);
  assertAllClose(vals(z1), vals(z2), 0, 'same seed, same sample');
  const { mean, variance } = tf.moments(z1);
  assertClose(num(mean), 2, 0.05);
  assertClose(Math.sqrt(num(variance)), 2, 0.05);
  // d Σz / dmu = 1; d Σz / dlogvar = ½·eps·sigma = ½(z − mu)
  const [gMu, gLv] = tf.grads((m, l) => tf.sum(reparameterize(tf, m, l, 42)))([mu, lv]);
  assertAllClose(vals(gMu), new Array(10000).fill(1), 1e-6);
  const half = tf.mul(0.5, tf.sub(z1, mu));
  assertAllClose(vals(gLv), vals(half), 1e-5);
  assertNoLeak(tf, () => reparameterize(tf, mu, lv, 1), 'reparameterize');
  tf.dispose([mu, lv, z1, z2, mean, variance, gMu, gLv, half]);
});
