// Weights read back through the dataset import's npz / npy reader: what the export
// wrote, a float64 array as a plain np.savez writes it, and a file that is no npz.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zipSync } from 'fflate';
import { npyOf } from '../data/npy';
import { readNpz, writeNpz } from './npz';

test('readNpz gives back what writeNpz wrote, turns float64 into float32, and names a broken file', () => {
  const w = Float32Array.from([1.5, -2, 3.25, 0]);
  const back = readNpz(writeNpz({ 'enc.w0': { shape: [2, 2], data: w }, labels: { shape: [3], data: Uint8Array.from([0, 7, 9]) } }));
  assert.deepEqual(back['enc.w0'], { shape: [2, 2], data: w });
  assert.deepEqual(back.labels.data, Uint8Array.from([0, 7, 9]));

  const f64 = readNpz(zipSync({ 'w.npy': npyOf('<f8', Float64Array.from([0.1, 2]), [2]) }));
  assert.ok(f64.w.data instanceof Float32Array);
  assert.deepEqual(Array.from(f64.w.data), [Math.fround(0.1), 2]);

  assert.throws(() => readNpz(Uint8Array.from([1, 2, 3]), 'weights.npz'), /weights\.npz is not a readable \.npz \(zip\) archive/);
});
