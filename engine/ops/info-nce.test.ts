import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { mocoInfoNce, ntXent } from './info-nce';
import { assertClose, assertNoLeak, num } from './test-helpers';

await tf.setBackend('cpu');

test('NT-Xent with all 2N embeddings identical is ln(2N − 1) at any temperature', () => {
  const z = tf.ones([8, 16]);
  for (const t of [0.1, 0.5, 1]) {
    const l = ntXent(tf, z, z, t);
    assertClose(num(l), Math.log(15), 1e-5, `tau ${t}`);
    assertClose(num(l), 2.70805, 1e-5);
    l.dispose();
  }
  z.dispose();
});

test('NT-Xent with aligned positives and orthogonal negatives is ln(1 + (2N − 2)e^{−1/τ})', () => {
  const z = tf.slice(tf.eye(16), [0, 0], [8, 16]); // 8 orthonormal rows
  const l = ntXent(tf, z, tf.mul(z, 3), 0.5); // scale does not matter: rows are normalised
  assertClose(num(l), Math.log(1 + 14 * Math.exp(-2)), 1e-5);
  assertClose(num(l), 1.06288, 1e-5);
  tf.dispose([z, l]);
});

test('NT-Xent is unchanged when the two views are swapped', () => {
  const z1 = tf.randomNormal([8, 16], 0, 1, 'float32', 1);
  const z2 = tf.randomNormal([8, 16], 0, 1, 'float32', 2);
  const a = ntXent(tf, z1, z2, 0.2);
  const b = ntXent(tf, z2, z1, 0.2);
  assertClose(num(a), num(b), 1e-6);
  assert.ok(num(a) > 0);
  assertNoLeak(tf, () => ntXent(tf, z1, z2, 0.2), 'ntXent');
  tf.dispose([z1, z2, a, b]);
});

test('MoCo with q = k and the queue orthogonal to q is ln(1 + K e^{−1/T})', () => {
  const e = tf.eye(32);
  const q = tf.slice(e, [0, 0], [4, 32]); // 4 queries e_0..e_3
  const queue = tf.slice(e, [16, 0], [16, 32]); // K = 16 keys e_16..e_31, orthogonal to every q
  const l = mocoInfoNce(tf, q, q, queue, 0.2);
  assertClose(num(l), Math.log(1 + 16 * Math.exp(-5)), 1e-5);
  assertClose(num(l), 0.102383, 1e-5);
  assertNoLeak(tf, () => mocoInfoNce(tf, q, q, queue, 0.2), 'mocoInfoNce');
  tf.dispose([e, q, queue, l]);
});

test('MoCo with everything identical is ln(K + 1)', () => {
  const q = tf.ones([4, 8]);
  const queue = tf.div(tf.ones([16, 8]), Math.sqrt(8)); // normalised keys
  const l = mocoInfoNce(tf, q, tf.mul(q, 2), queue, 0.07);
  assertClose(num(l), Math.log(17), 1e-5);
  tf.dispose([q, queue, l]);
});
