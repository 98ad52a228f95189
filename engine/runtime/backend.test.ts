import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dense, setDenseMode } from '../ops/dense';
import { reconstructionLoss } from '../ops/reconstruction';
import { hashSeed } from '../rng';
import { selectBackend } from './backend';

test('auto picks wasm in Node and says why webgpu and webgl were skipped', async () => {
  const s = await selectBackend('auto', false);
  assert.equal(s.backend, 'wasm');
  assert.deepEqual(s.skipped, ['webgpu: not bundled in this environment', 'webgl: not bundled in this environment']);
  assert.match(s.why, /^auto: the first of webgpu → webgl → wasm → cpu/);
  // Node's tfjs-backend-wasm 4.22 never runs threaded (WASM_HAS_MULTITHREAD_SUPPORT is false under Node)
  assert.equal(s.threads, 1);
});

test('a graph with convolutions skips wasm with the reason', async () => {
  const s = await selectBackend('wasm', true);
  assert.equal(s.backend, 'cpu');
  assert.match(s.skipped[0], /^wasm: tfjs-backend-wasm has no convolution gradient/);
});

/** Loss and gradients of a 784-64-784 autoencoder step, as plain arrays. */
function aeStep(mode: 'builtin' | 'explicit-transpose') {
  setDenseMode(mode);
  return tf.tidy(() => {
    const x = tf.randomUniform([32, 784], 0, 1, 'float32', hashSeed('x'));
    const w1 = tf.variable(tf.randomNormal([784, 64], 0, 0.05, 'float32', 1), true, `w1-${mode}-${tf.getBackend()}`);
    const w2 = tf.variable(tf.randomNormal([64, 784], 0, 0.05, 'float32', 2), true, `w2-${mode}-${tf.getBackend()}`);
    const b = tf.zeros([64]);
    const { value, grads } = tf.variableGrads(() => reconstructionLoss(tf, tf.sigmoid(dense(tf, tf.relu(dense(tf, x, w1, b)), w2, null)), x, 'bce', 'sum') as tf.Scalar, [w1, w2]);
    const out = { loss: value.dataSync()[0], g1: Array.from(grads[w1.name].dataSync()), g2: Array.from(grads[w2.name].dataSync()) };
    w1.dispose();
    w2.dispose();
    return out;
  });
}

function close(a: number[], b: number[], rel: number) {
  const scale = Math.max(...b.map(Math.abs));
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= rel * scale, `entry ${i}: ${a[i]} vs ${b[i]}`);
}

test('cpu and wasm, builtin and explicit-transpose dense: same loss and gradients', async () => {
  const results: Array<ReturnType<typeof aeStep>> = [];
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    for (const mode of ['builtin', 'explicit-transpose'] as const) results.push(aeStep(mode));
  }
  const ref = results[0];
  for (const r of results.slice(1)) {
    assert.ok(Math.abs(r.loss - ref.loss) <= 1e-5 * Math.abs(ref.loss), `${r.loss} vs ${ref.loss}`);
    close(r.g1, ref.g1, 1e-4);
    close(r.g2, ref.g2, 1e-4);
  }
});
