import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { selfAttention, type AttentionWeights } from './attention';
import { assertAllClose, assertNoLeak, vals } from './test-helpers';

await tf.setBackend('cpu');

const D = 8;
function weights(seed: number, zeroQK = false): AttentionWeights {
  const w = (s: number) => tf.randomNormal([D, D], 0, 0.4, 'float32', seed + s);
  const b = (s: number) => tf.randomNormal([D], 0, 0.1, 'float32', seed + 10 + s);
  return { wq: zeroQK ? tf.zeros([D, D]) : w(1), bq: zeroQK ? tf.zeros([D]) : b(1), wk: zeroQK ? tf.zeros([D, D]) : w(2), bk: zeroQK ? tf.zeros([D]) : b(2), wv: w(3), bv: b(3), wo: w(4), bo: b(4) };
}

test('attention weights: [B, H, T, T], non-negative, every query row sums to 1', () => {
  const x = tf.randomNormal([3, 5, D], 0, 1, 'float32', 1);
  const w = weights(1);
  const { out, weights: a } = selfAttention(tf, x, w, 2);
  assert.deepEqual(out.shape, [3, 5, D]);
  assert.deepEqual(a.shape, [3, 2, 5, 5]);
  assert.ok(vals(a).every((v) => v >= 0));
  assertAllClose(vals(tf.sum(a, -1)), new Array(3 * 2 * 5).fill(1), 1e-5, 'row sums');
  tf.dispose([x, out, a, ...Object.values(w)]);
});

test('zero queries and keys: uniform attention, so every token gets the mean value projected out', () => {
  const x = tf.randomNormal([2, 4, D], 0, 1, 'float32', 2);
  const w = weights(2, true);
  const { out, weights: a } = selfAttention(tf, x, w, 4);
  assertAllClose(vals(a), new Array(2 * 4 * 4 * 4).fill(0.25), 1e-6, 'uniform');
  // closed form: (mean_t (x_t Wv + bv)) Wo + bo, the same for every token
  const meanV = tf.mean(tf.add(tf.matMul(tf.reshape(x, [8, D]), w.wv).reshape([2, 4, D]), w.bv), 1, true); // [2, 1, D]
  const expected = tf.tile(tf.add(tf.matMul(tf.reshape(meanV, [2, D]), w.wo).reshape([2, 1, D]), w.bo), [1, 4, 1]);
  assertAllClose(vals(out), vals(expected), 1e-5, 'output');
  tf.dispose([x, out, a, meanV, expected, ...Object.values(w)]);
});

test('self-attention is permutation-equivariant: permuting tokens permutes outputs', () => {
  const x = tf.randomNormal([1, 4, D], 0, 1, 'float32', 3);
  const w = weights(3);
  const perm = tf.tensor1d([2, 0, 3, 1], 'int32');
  const a = selfAttention(tf, tf.gather(x, perm, 1), w, 2).out;
  const b = tf.gather(selfAttention(tf, x, w, 2).out, perm, 1);
  assertAllClose(vals(a), vals(b), 1e-5);
  tf.dispose([x, perm, a, b, ...Object.values(w)]);
});

test('self-attention frees its intermediates', () => {
  const x = tf.randomNormal([2, 3, D], 0, 1, 'float32', 4);
  const w = weights(4);
  assertNoLeak(tf, () => tf.tidy(() => selfAttention(tf, x, w, 2)), 'selfAttention');
  tf.dispose([x, ...Object.values(w)]);
});
