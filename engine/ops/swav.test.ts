import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { normalizePrototypes, swappedPrediction, swavLoss, swavScores } from './swav';
import { assertAllClose, assertClose, assertNoLeak, num, vals } from './test-helpers';

await tf.setBackend('cpu');

test('SwAV: uniform predictions give ln K (K = 3000: 8.0064)', () => {
  const s = tf.zeros([4, 3000]);
  const l = swavLoss(tf, s, s);
  assertClose(num(l), Math.log(3000), 1e-5);
  assertClose(num(l), 8.0064, 1e-4);
  tf.dispose([s, l]);
});

test('SwAV scores are cosine similarities to normalised prototypes', () => {
  const c = normalizePrototypes(tf, tf.randomNormal([5, 8], 0, 1, 'float32', 1));
  assertAllClose(vals(tf.sum(tf.square(c), -1)), new Array(5).fill(1), 1e-6, 'unit prototypes');
  const z = tf.mul(tf.slice(c, [0, 0], [3, 8]), 4); // scaled copies of prototypes 0..2
  const s = swavScores(tf, z, c);
  assert.deepEqual(s.shape, [3, 5]);
  assertAllClose([0, 1, 2].map((i) => vals(s)[i * 5 + i]), [1, 1, 1], 1e-6, 'self score');
  assert.ok(vals(s).every((v) => v <= 1 + 1e-6 && v >= -1 - 1e-6));
  assertNoLeak(tf, () => swavScores(tf, z, c), 'swavScores');
  tf.dispose([c, z, s]);
});

test('SwAV swapped prediction: one-hot codes give the cross-entropy of the target prototype', () => {
  const q = tf.tensor2d([[0, 1, 0]]);
  const scores = tf.tensor2d([[0.1, 0.2, -0.3]]);
  const l = swappedPrediction(tf, q, scores, 0.1);
  const logits = [1, 2, -3];
  const lse = Math.log(logits.reduce((a, v) => a + Math.exp(v), 0));
  assertClose(num(l), lse - 2, 1e-5);
  tf.dispose([q, scores, l]);
});

test('SwAV loss is symmetric in the views and gradients reach both score tensors', () => {
  const s1 = tf.tanh(tf.randomNormal([8, 6], 0, 1, 'float32', 2));
  const s2 = tf.tanh(tf.randomNormal([8, 6], 0, 1, 'float32', 3));
  const a = swavLoss(tf, s1, s2);
  const b = swavLoss(tf, s2, s1);
  assertClose(num(a), num(b), 1e-6);
  const [g1, g2] = tf.grads((x: tf.Tensor, y: tf.Tensor) => swavLoss(tf, x, y))([s1, s2]);
  assert.ok(num(tf.sum(tf.abs(g1))) > 0 && num(tf.sum(tf.abs(g2))) > 0);
  assertNoLeak(tf, () => swavLoss(tf, s1, s2), 'swavLoss');
  tf.dispose([s1, s2, a, b, g1, g2]);
});
