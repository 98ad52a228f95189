import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { contractivePenalty } from './contractive';
import { assertClose, assertNoLeak, num } from './test-helpers';

await tf.setBackend('cpu');

test('contractive closed form equals the autodiff Jacobian Frobenius norm', () => {
  const [B, I, H] = [2, 3, 4];
  const x = tf.tensor2d([
    [0.3, -1.2, 0.8],
    [1.5, 0.1, -0.4],
  ]);
  const w = tf.tensor2d([
    [0.5, -0.3, 0.9, 0.2],
    [-0.7, 0.4, 0.1, -1.1],
    [0.6, 0.8, -0.5, 0.3],
  ]);
  const b = tf.tensor1d([0.1, -0.2, 0.05, 0.3]);
  const layer = (xx: tf.Tensor) => tf.sigmoid(tf.add(tf.matMul(xx, w), b)); // [B, H]
  // Jacobian rows by autodiff: for sample n and unit j, ∂h[n, j]/∂x[n, :]
  let frob = 0;
  for (let n = 0; n < B; n++) {
    for (let j = 0; j < H; j++) {
      const g = tf.grad((xx: tf.Tensor) => tf.sum(tf.slice(layer(xx), [n, j], [1, 1])))(x);
      const row = tf.slice(g, [n, 0], [1, I]);
      frob += num(tf.sum(tf.square(row)));
      tf.dispose([g, row]);
    }
  }
  frob /= B;
  const h = layer(x);
  const pen = contractivePenalty(tf, h, w);
  assertClose(num(pen), frob, 1e-6, 'penalty vs Jacobian');
  assertNoLeak(tf, () => contractivePenalty(tf, h, w), 'contractivePenalty');
  tf.dispose([x, w, b, h, pen]);
  assert.ok(frob > 0);
});

test('contractive penalty is 0 for zero weights and grows with |W|', () => {
  const x = tf.randomNormal([5, 3], 0, 1, 'float32', 3);
  const w0 = tf.zeros([3, 4]);
  const h0 = tf.sigmoid(tf.matMul(x, w0));
  const p0 = contractivePenalty(tf, h0, w0);
  assertClose(num(p0), 0, 1e-9);
  // W tiny: h ≈ ½, σ' = ¼, penalty ≈ (1/16)·Σ W²
  const w = tf.fill([3, 4], 1e-3);
  const h = tf.sigmoid(tf.matMul(x, w));
  const p = contractivePenalty(tf, h, w);
  assertClose(num(p) / (12e-6 / 16), 1, 1e-4);
  tf.dispose([x, w0, h0, p0, w, h, p]);
});
