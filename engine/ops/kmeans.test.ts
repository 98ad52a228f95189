import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { kmeansAssign, kmeansEnergy, kmeansStep, squaredDistances } from './kmeans';
import { assertAllClose, assertClose, assertNoLeak, num, vals } from './test-helpers';

await tf.setBackend('cpu');

test('k-means energy and assignment on a hand example', () => {
  const x = tf.tensor2d([
    [0, 0],
    [1, 0],
    [10, 10],
    [11, 10],
  ]);
  const c = tf.tensor2d([
    [0.5, 0],
    [10.5, 10],
    [100, 100],
  ]);
  assertClose(num(kmeansEnergy(tf, x, c)), 0.25, 1e-6);
  assert.deepEqual(Array.from(kmeansAssign(tf, x, c).dataSync()), [0, 0, 1, 1]);
  const d = squaredDistances(tf, x, c);
  assertAllClose(vals(d).slice(0, 3), [0.25, 210.25, 20000], 1e-6);
  // a Lloyd step keeps the fitted centroids; the empty third centroid stays put
  assertAllClose(vals(kmeansStep(tf, x, c)), vals(c), 1e-6);
  assertNoLeak(tf, () => kmeansEnergy(tf, x, c), 'kmeansEnergy');
  assertNoLeak(tf, () => kmeansAssign(tf, x, c), 'kmeansAssign');
  assertNoLeak(tf, () => kmeansStep(tf, x, c), 'kmeansStep');
  tf.dispose([x, c, d]);
});

test('k-means energy never increases across Lloyd iterations', () => {
  const centers = tf.tensor2d([
    [0, 0, 0],
    [4, 4, 0],
    [0, 4, 4],
  ]);
  const idx = tf.tensor1d(Array.from({ length: 60 }, (_, i) => i % 3), 'int32');
  const x = tf.add(tf.gather(centers, idx), tf.randomNormal([60, 3], 0, 1, 'float32', 1)); // [60, 3]
  let c = tf.randomNormal([3, 3], 0, 1, 'float32', 2);
  let prev = Infinity;
  for (let it = 0; it < 10; it++) {
    const e = num(kmeansEnergy(tf, x, c));
    assert.ok(e <= prev + 1e-5, `iteration ${it}: ${e} > ${prev}`);
    prev = e;
    const next = kmeansStep(tf, x, c);
    c.dispose();
    c = next;
  }
  assert.ok(prev < 3.5, `converged near the noise level (3): ${prev}`);
  tf.dispose([centers, idx, x, c]);
});
