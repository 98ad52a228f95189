import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { dinoCenterUpdate, dinoCrossEntropy, dinoLoss } from './dino';
import { assertAllClose, assertClose, assertNoLeak, num, vals } from './test-helpers';

await tf.setBackend('cpu');

test('DINO: uniform student and teacher give ln K', () => {
  const s = tf.zeros([4, 256]);
  const c = tf.zeros([256]);
  const l = dinoLoss(tf, [s, s], [s, s], c);
  assertClose(num(l), Math.log(256), 1e-5);
  tf.dispose([s, c, l]);
});

test('DINO: teacher is centred, sharpened and detached', () => {
  const s = tf.randomNormal([4, 5], 0, 1, 'float32', 1);
  const t = tf.randomNormal([4, 5], 0, 1, 'float32', 2);
  const c = tf.randomNormal([5], 0, 1, 'float32', 3);
  // centring: shifting the teacher and the centre together changes nothing
  const a = dinoCrossEntropy(tf, s, t, c);
  const b = dinoCrossEntropy(tf, s, tf.add(t, c), tf.mul(c, 2));
  assertClose(num(a), num(b), 1e-5);
  // hand computation of one pair at τ_s = 0.1, τ_t = 0.04
  const tgt = tf.softmax(tf.div(tf.sub(t, c), 0.04));
  const ref = tf.neg(tf.mean(tf.sum(tf.mul(tgt, tf.logSoftmax(tf.div(s, 0.1))), -1)));
  assertClose(num(a), num(ref), 1e-5);
  const [gs, gt, gc] = tf.grads((x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) => dinoCrossEntropy(tf, x, y, z))([s, t, c]);
  assert.ok(num(tf.sum(tf.abs(gs))) > 0, 'student gets gradient');
  assertAllClose(vals(gt), new Array(20).fill(0), 0, 'teacher detached');
  assertAllClose(vals(gc), new Array(5).fill(0), 0, 'centre detached');
  assertNoLeak(tf, () => dinoCrossEntropy(tf, s, t, c), 'dinoCrossEntropy');
  tf.dispose([s, t, c, a, b, tgt, ref, gs, gt, gc]);
});

test('DINO two-view loss skips same-view pairs: ½[H(t1, s2) + H(t2, s1)]', () => {
  const [s1, s2, t1, t2] = [4, 5, 6, 7].map((seed) => tf.randomNormal([3, 8], 0, 1, 'float32', seed));
  const c = tf.zeros([8]);
  const l = dinoLoss(tf, [s1, s2], [t1, t2], c);
  const h12 = dinoCrossEntropy(tf, s2, t1, c);
  const h21 = dinoCrossEntropy(tf, s1, t2, c);
  assertClose(num(l), (num(h12) + num(h21)) / 2, 1e-6);
  assertNoLeak(tf, () => dinoLoss(tf, [s1, s2], [t1, t2], c), 'dinoLoss');
  tf.dispose([s1, s2, t1, t2, c, l, h12, h21]);
});

test('DINO centre update: C ← mC + (1 − m)·mean(teacher)', () => {
  const c = tf.tensor1d([1, -1]);
  const t = tf.tensor2d([
    [1, 2],
    [3, 4],
  ]); // batch mean [2, 3]
  const c1 = dinoCenterUpdate(tf, c, t);
  assertAllClose(vals(c1), [0.9 + 0.2, -0.9 + 0.3], 1e-6);
  const c2 = dinoCenterUpdate(tf, c, t, 0.5);
  assertAllClose(vals(c2), [1.5, 1], 1e-6);
  assertNoLeak(tf, () => dinoCenterUpdate(tf, c, t), 'dinoCenterUpdate');
  tf.dispose([c, t, c1, c2]);
});
