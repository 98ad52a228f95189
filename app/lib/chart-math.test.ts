import assert from 'node:assert/strict';
import { test } from 'node:test';
import { debiasedEma, decimateIndices, finiteRange, heatmapRgba, nearestPoint, pick, pointBounds, VIRIDIS_LUT } from './chart-math';

test('the de-biased EMA starts at the first value and follows TensorBoard', () => {
  const out = debiasedEma([4, 4, 4], 0.9);
  // a constant series smooths to itself: de-biasing removes the pull towards 0
  for (const v of out) assert.ok(Math.abs((v as number) - 4) < 1e-12);
  const s = debiasedEma([1, 3], 0.5);
  assert.equal(s[0], 1);
  // last = 0.5·(0.5·1) + 0.5·3 = 1.75, divided by 1 − 0.5² = 0.75
  assert.ok(Math.abs((s[1] as number) - 1.75 / 0.75) < 1e-12);
  assert.deepEqual(debiasedEma([1, null, 2], 0), [1, null, 2]);
  // a gap stays a gap and does not advance the average
  const g = debiasedEma([2, null, 2], 0.6);
  assert.equal(g[1], null);
  assert.ok(Math.abs((g[2] as number) - 2) < 1e-12);
});

test('decimation keeps every point of a short series and each bucket\'s extremes of a long one', () => {
  assert.deepEqual([...decimateIndices(5, [[1, 2, 3, 4, 5]], 10)], [0, 1, 2, 3, 4]);
  const n = 100_000;
  const col = Array.from({ length: n }, (_, i) => Math.sin(i / 50));
  col[12_345] = 99; // a spike must survive
  col[67_890] = -99;
  const idx = decimateIndices(n, [col], 1000);
  assert.ok(idx.length <= 4 * 1000 && idx.length >= 1000, `${idx.length} points`);
  assert.ok(idx.includes(12_345) && idx.includes(67_890));
  assert.equal(idx[0], 0);
  assert.equal(idx[idx.length - 1], n - 1);
  for (let i = 1; i < idx.length; i++) assert.ok(idx[i] > idx[i - 1]);
  assert.deepEqual(pick(['a', 'b', 'c'], Int32Array.from([0, 2])), ['a', 'c']);
});

test('decimating a long series is fast enough to run on every redraw', () => {
  const n = 200_000;
  const cols = [0, 1, 2, 3].map((k) => Array.from({ length: n }, (_, i) => Math.cos(i / (10 + k))));
  const t0 = performance.now();
  decimateIndices(n, cols, 1000);
  const ms = performance.now() - t0;
  assert.ok(ms < 50, `${ms.toFixed(1)} ms`);
});

test('colour scales, ranges and hit testing', () => {
  assert.deepEqual([...VIRIDIS_LUT.slice(0, 3)], [68, 1, 84]);
  assert.deepEqual([...VIRIDIS_LUT.slice(255 * 3)], [253, 231, 37]);
  assert.deepEqual(finiteRange([3, NaN, -1, Infinity]), [-1, 3]);
  assert.deepEqual(finiteRange([]), [0, 1]);
  const rgba = heatmapRgba([0, 1, NaN], [0, 1]);
  assert.deepEqual([...rgba.slice(0, 4)], [68, 1, 84, 255]);
  assert.deepEqual([...rgba.slice(4, 8)], [253, 231, 37, 255]);
  assert.equal(rgba[11], 0); // NaN is transparent
  const b = pointBounds([0, 0, 10, 5], 0);
  assert.deepEqual(b, { x0: 0, x1: 10, y0: 0, y1: 5 });
  const flat = pointBounds([1, 1, 1, 1]);
  assert.ok(flat.x1 > flat.x0 && flat.y1 > flat.y0, 'a collapsed cloud still gets a span');
  assert.equal(nearestPoint([0, 0, 10, 10, 20, 20], 11, 9, 5), 1);
  assert.equal(nearestPoint([0, 0, 10, 10], 50, 50, 5), -1);
});
