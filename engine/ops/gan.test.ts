import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { bceWithLogits, ganDiscriminatorLoss, ganGeneratorLoss } from './gan';
import { assertAllClose, assertClose, assertNoLeak, num, vals } from './test-helpers';

await tf.setBackend('cpu');

test('GAN with D ≡ 0.5: D loss 1.3863, G loss 0.6931', () => {
  const logits = tf.zeros([8, 1]); // σ(0) = ½
  const d = ganDiscriminatorLoss(tf, logits, logits);
  const g = ganGeneratorLoss(tf, logits);
  assertClose(num(d.loss), 2 * Math.LN2, 1e-6);
  assertClose(num(d.loss), 1.3863, 1e-4);
  assertClose(num(d.real), Math.LN2, 1e-6);
  assertClose(num(d.fake), Math.LN2, 1e-6);
  assertClose(num(g), 0.6931, 1e-4);
  assertNoLeak(tf, () => ganDiscriminatorLoss(tf, logits, logits), 'ganDiscriminatorLoss');
  assertNoLeak(tf, () => ganGeneratorLoss(tf, logits), 'ganGeneratorLoss');
  tf.dispose([logits, d.loss, d.real, d.fake, g]);
});

test('BCE from logits: gradient σ(x) − y / B everywhere (including x = 0), stable when saturated', () => {
  const x = tf.tensor1d([0, 2, -3, 0]);
  for (const y of [0, 1]) {
    const g = tf.grad((a: tf.Tensor) => bceWithLogits(tf, a, y))(x);
    const expected = [0, 2, -3, 0].map((v) => (1 / (1 + Math.exp(-v)) - y) / 4);
    assertAllClose(vals(g), expected, 1e-6, `target ${y}`);
    g.dispose();
  }
  const big = tf.tensor1d([1000, -1000]);
  assertClose(num(bceWithLogits(tf, big, 1)), 500, 1e-5); // ½(0 + 1000)
  assertClose(num(bceWithLogits(tf, big, 0)), 500, 1e-5);
  assert.ok(Number.isFinite(num(bceWithLogits(tf, tf.tensor1d([80, -80]), 1))));
  tf.dispose([x, big]);
});

test('non-saturating G loss keeps a gradient when D confidently rejects fakes', () => {
  const fake = tf.fill([4], -10); // D(G(z)) ≈ 4.5e-5
  const g = tf.grad((a: tf.Tensor) => ganGeneratorLoss(tf, a))(fake);
  assertAllClose(vals(g), new Array(4).fill((1 / (1 + Math.exp(10)) - 1) / 4), 1e-6); // ≈ −¼
  tf.dispose([fake, g]);
});
