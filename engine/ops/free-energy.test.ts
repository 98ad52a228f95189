// The soft-min free energy of a latent-variable EBM: values by hand, its two
// temperature limits, and the gradient (the softmin-weighted pull towards each
// decoded candidate).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { candidateEnergies, freeEnergy, nearestCandidate, softMin } from './free-energy';
import { assertAllClose, assertClose, assertNoLeak, num, vals } from './test-helpers';

await tf.setBackend('cpu');

/** Codes decoded to 3 points, tiled view-major for a batch of 2 (what the Latent grid → decoder path gives). */
const CANDS = [
  [0, 0],
  [1, 0],
  [0, 2],
];
const Y = [
  [0, 0],
  [1, 1],
];
const tiled = () => tf.tensor2d(CANDS.flatMap((c) => Y.map(() => c))); // [3·2, 2]

test('free energy: pair energies, then −(1/β) log((1/G) Σ exp(−βE)) by hand', () => {
  const y = tf.tensor2d(Y);
  const c = tiled();
  // y0 = (0,0): E = 0, 1, 4; y1 = (1,1): E = 2, 1, 2
  assertAllClose(vals(candidateEnergies(tf, y, c)), [0, 1, 4, 2, 1, 2], 1e-6);
  const beta = 0.5;
  const byHand = (e: number[]) => (-1 / beta) * Math.log(e.reduce((s, v) => s + Math.exp(-beta * v), 0) / e.length);
  const f0 = byHand([0, 1, 4]); // 1.06295...
  const f1 = byHand([2, 1, 2]);
  assertAllClose(vals(freeEnergy(tf, y, c, beta, true)), [f0, f1], 1e-5);
  assertClose(num(freeEnergy(tf, y, c, beta)), (f0 + f1) / 2, 1e-5);
  // the un-normalised −(1/β) log Σ exp(−βE) differs by exactly log(G)/β
  const raw = -(1 / beta) * Math.log([0, 1, 4].reduce((s, v) => s + Math.exp(-beta * v), 0));
  assertClose(f0 - raw, Math.log(3) / beta, 1e-6);
  assertNoLeak(tf, () => freeEnergy(tf, y, c, beta), 'freeEnergy');
  tf.dispose([y, c]);
});

test('free energy: β → ∞ tends to min_z E, β → 0 to the mean energy, and F decreases with β', () => {
  const e = tf.tensor2d([[0.3, 1.7, 0.9, 2.5]]);
  const min = 0.3;
  const mean = (0.3 + 1.7 + 0.9 + 2.5) / 4;
  let last = Infinity;
  for (const beta of [0.001, 0.1, 1, 10, 100, 1e4]) {
    const f = num(softMin(tf, e, beta));
    assert.ok(f <= last + 1e-6, `F_${beta} = ${f} > ${last}`);
    assert.ok(f >= min - 1e-6, `F_${beta} = ${f} below the minimum`);
    last = f;
  }
  assertClose(num(softMin(tf, e, 1e4)), min + Math.log(4) / 1e4, 1e-5, 'β = 1e4');
  assertClose(num(softMin(tf, e, 1e-4)), mean, 1e-3, 'β = 1e-4');
  // finite far from the data at a large β (logSumExp, not log of a sum of exp)
  assert.ok(Number.isFinite(num(softMin(tf, tf.tensor2d([[500, 900]]), 1000))));
  e.dispose();
});

test('free energy: the gradient pulls each candidate towards y with its softmin weight', () => {
  const y = tf.tensor2d([[0, 0]]);
  const c = tf.tensor2d([
    [1, 0],
    [0, 2],
  ]); // G = 2, B = 1: E = 1, 4
  const beta = 1;
  const g = tf.grad((cc: tf.Tensor) => freeEnergy(tf, y, cc, beta))(c);
  // ∂F/∂c_g = w_g · 2 (c_g − y), w = softmax(−βE)
  const w0 = Math.exp(-1) / (Math.exp(-1) + Math.exp(-4));
  assertAllClose(vals(g), [w0 * 2, 0, 0, (1 - w0) * 4], 1e-5);
  tf.dispose([y, c, g]);
});

test('nearest candidate: dec(ž) with ž = argmin_g E', () => {
  const y = tf.tensor2d(Y);
  const c = tiled();
  const e = candidateEnergies(tf, y, c);
  // y1's tie-free minimum is the second candidate (1, 0)
  assertAllClose(vals(nearestCandidate(tf, y, c, e)), [0, 0, 1, 0], 1e-6);
  tf.dispose([y, c, e]);
});
