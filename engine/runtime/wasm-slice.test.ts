import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectBackend } from './backend';

/** Runs f on cpu and on wasm (with the studio's kernels) and returns both results as arrays. */
async function onBoth(f: () => tf.Tensor | tf.Tensor[]): Promise<[number[][], number[][]]> {
  const res: number[][][] = [];
  for (const b of ['cpu', 'wasm'] as const) {
    await selectBackend(b, false);
    const out = tf.tidy(f);
    const list = Array.isArray(out) ? out : [out];
    res.push(list.map((t) => [...t.shape, -1, ...t.dataSync()]));
    tf.dispose(list);
  }
  return [res[0], res[1]];
}

const ramp = (shape: number[], dtype: 'float32' | 'int32' = 'float32') => tf.reshape(tf.range(0, shape.reduce((a, b) => a * b, 1), 1, dtype), shape);

test('wasm Slice from the heap: contiguous and strided slices of every rank equal the cpu backend', async () => {
  const cases: Array<[number[], number[], number[]]> = [
    [[10], [3], [5]],
    [[6, 7], [2, 0], [3, 7]], // whole rows: contiguous
    [[6, 7], [1, 2], [4, 3]], // strided
    [[3, 4, 5], [1, 1, 2], [2, 3, 2]],
    [[2, 3, 4, 5], [0, 1, 1, 0], [2, 2, 3, 5]],
    [[2, 2, 3, 2, 3], [1, 0, 1, 1, 0], [1, 2, 2, 1, 2]], // rank 5
    [[4, 5], [1, 2], [-1, -1]], // -1: to the end
  ];
  for (const [shape, begin, size] of cases) {
    const [cpu, wasm] = await onBoth(() => tf.slice(ramp(shape), begin, size));
    assert.deepEqual(wasm, cpu, `slice of [${shape}] at [${begin}] size [${size}]`);
  }
  const [cpu, wasm] = await onBoth(() => tf.slice(ramp([5, 4], 'int32'), [1, 1], [3, 2]));
  assert.deepEqual(wasm, cpu, 'int32');
});

test('wasm SplitV from the heap: the fused optimizer\'s split and a split along an inner axis equal the cpu backend', async () => {
  const [cpu1, wasm1] = await onBoth(() => tf.split(ramp([1000]), [600, 1, 399], 0));
  assert.deepEqual(wasm1, cpu1);
  const [cpu2, wasm2] = await onBoth(() => tf.split(ramp([3, 8, 2]), [2, 5, 1], 1));
  assert.deepEqual(wasm2, cpu2);
  const [cpu3, wasm3] = await onBoth(() => tf.split(ramp([4, 6]), 2, 0));
  assert.deepEqual(wasm3, cpu3);
});

test('wasm slices leave no tensors behind and their gradients still flow', async () => {
  await selectBackend('wasm', false);
  const before = tf.memory().numTensors;
  const g = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.split(x, [2, 3], 1)[1], 2)))(ramp([2, 5])));
  assert.deepEqual([...g.dataSync()], [0, 0, 2, 2, 2, 0, 0, 2, 2, 2]);
  g.dispose();
  assert.equal(tf.memory().numTensors, before);
});
