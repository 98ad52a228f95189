import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectBackend } from './backend';
import { installReduceGradients } from './reduce-grad';

/** Gradients of a weighted mean and sum over `axis` w.r.t. x, with tfjs's own reduce gradients or the engine's. */
function grads(ours: boolean, axis: number | number[] | undefined, keepDims: boolean): number[][] {
  installReduceGradients(ours);
  try {
    return tf.tidy(() => {
      // values over several magnitudes and signs, zeros included, so any change of rounding shows
      const x = tf.tensor3d(Float32Array.from({ length: 2 * 5 * 3 }, (_, i) => (i % 7 === 0 ? 0 : Math.sin(i * 1.7) * 10 ** ((i % 5) - 2))), [2, 5, 3]);
      const f = (op: 'mean' | 'sum') => (v: tf.Tensor) => {
        const r = op === 'mean' ? tf.mean(v, axis, keepDims) : tf.sum(v, axis, keepDims);
        // a weight per output element, so each one gets its own dy
        const w = tf.reshape(tf.range(1, r.size + 1).div(3), r.shape);
        return tf.sum(tf.mul(r, w));
      };
      return [[...tf.grad(f('mean'))(x).dataSync()], [...tf.grad(f('sum'))(x).dataSync()]];
    });
  } finally {
    installReduceGradients(true);
  }
}

for (const backend of ['cpu', 'wasm'] as const) {
  test(`mean and sum gradients equal tfjs's own bit for bit, over every axis form (${backend})`, async () => {
    await selectBackend(backend, false);
    const before = tf.memory().numTensors;
    for (const axis of [0, 1, 2, -1, [0, 2], [1, 2], undefined]) {
      for (const keepDims of [false, true]) {
        const theirs = grads(false, axis, keepDims);
        const mine = grads(true, axis, keepDims);
        for (const k of [0, 1]) {
          assert.equal(mine[k].length, 30);
          // Object.is tells -0 from 0
          mine[k].forEach((v, i) => assert.ok(Object.is(v, theirs[k][i]), `${k ? 'sum' : 'mean'} axis ${JSON.stringify(axis)} keepDims ${keepDims} [${i}]: ${v} vs tfjs ${theirs[k][i]}`));
        }
      }
    }
    assert.equal(tf.memory().numTensors, before, 'tensors left over');
  });
}

test('the reduce gradients allocate no JS buffer of the input size, as tfjs\'s do', async () => {
  await selectBackend('wasm', false);
  const x = tf.zeros([256, 512]); // 512 KB
  const allocated = (ours: boolean) => {
    installReduceGradients(ours);
    try {
      tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.mean(v, 0)))(x)); // warm-up
      const before = process.memoryUsage().arrayBuffers;
      tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.mean(v, 0)))(x));
      return process.memoryUsage().arrayBuffers - before;
    } finally {
      installReduceGradients(true);
    }
  };
  const theirs = allocated(false);
  const mine = allocated(true);
  x.dispose();
  assert.ok(theirs >= 512 * 1024, `tfjs's gradient allocated ${theirs} bytes`);
  assert.ok(mine < 16 * 1024, `the engine's gradient allocated ${mine} bytes`);
});
