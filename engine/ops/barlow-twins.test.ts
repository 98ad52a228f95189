import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { barlowTwinsLoss, BARLOW_LAMBDA } from './barlow-twins';
import { assertClose, assertNoLeak, num } from './test-helpers';

await tf.setBackend('cpu');

const disposeTerms = (r: { loss: tf.Tensor; onDiag: tf.Tensor; offDiag: tf.Tensor }) => tf.dispose([r.loss, r.onDiag, r.offDiag]);

test('Barlow Twins of a collapsed batch is D', () => {
  const z = tf.fill([8, 16], 1.3);
  const r = barlowTwinsLoss(tf, z, z);
  assertClose(num(r.loss), 16, 1e-6);
  assertClose(num(r.onDiag), 16, 1e-6);
  assertClose(num(r.offDiag), 0, 1e-9);
  assertNoLeak(tf, () => barlowTwinsLoss(tf, z, z), 'barlowTwinsLoss');
  tf.dispose(z);
  disposeTerms(r);
});

test('Barlow Twins: identical decorrelated branches give c ≈ I (loss ≈ 0), opposite give 4 per dim', () => {
  // columns of a 4×2 Hadamard-like design: zero mean, biased variance 1, uncorrelated
  const z = tf.tensor2d([
    [1, 1],
    [1, -1],
    [-1, 1],
    [-1, -1],
  ]);
  const r = barlowTwinsLoss(tf, tf.add(tf.mul(z, 3), 5), z); // BN removes shift and scale per branch
  assertClose(num(r.loss), 0, 1e-6);
  const o = barlowTwinsLoss(tf, z, tf.neg(z));
  assertClose(num(o.onDiag), 8, 1e-3); // (1 − (−1))² × 2, up to the BN eps
  tf.dispose(z);
  disposeTerms(r);
  disposeTerms(o);
});

test('Barlow Twins loss = onDiag + λ·offDiag, λ = 0.0051 by default', () => {
  const z1 = tf.randomNormal([16, 8], 0, 1, 'float32', 1);
  const z2 = tf.randomNormal([16, 8], 0, 1, 'float32', 2);
  const r = barlowTwinsLoss(tf, z1, z2);
  assert.equal(BARLOW_LAMBDA, 0.0051);
  assertClose(num(r.loss), num(r.onDiag) + 0.0051 * num(r.offDiag), 1e-6);
  const r2 = barlowTwinsLoss(tf, z1, z2, 0.5);
  assertClose(num(r2.loss), num(r2.onDiag) + 0.5 * num(r2.offDiag), 1e-6);
  tf.dispose([z1, z2]);
  disposeTerms(r);
  disposeTerms(r2);
});
