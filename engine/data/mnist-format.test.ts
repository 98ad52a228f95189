import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMnistAsset } from './mnist-format';
import type { DataSplit } from '../spec';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const assetPath = join(root, 'public', 'data', 'mnist.bin');

function loadAsset(): Uint8Array {
  assert.ok(existsSync(assetPath), `${assetPath} missing: run node scripts/build-mnist.mjs`);
  return new Uint8Array(readFileSync(assetPath));
}

function classCounts(split: DataSplit): number[] {
  const counts = new Array(10).fill(0);
  for (const l of split.labels) counts[l]++;
  return counts;
}

test('mnist.bin parses into an 8000/2000 stratified split', () => {
  const ds = parseMnistAsset(loadAsset());
  assert.equal(ds.name, 'mnist');
  assert.equal(ds.kind, 'image');
  assert.deepEqual(ds.sampleShape, [28, 28, 1]);
  assert.equal(ds.classes, 10);
  assert.equal(ds.train.count, 8000);
  assert.equal(ds.test.count, 2000);
  for (const split of [ds.train, ds.test]) {
    assert.equal(split.labels.length, split.count);
    assert.equal(split.pixels!.length, split.count * 28 * 28);
    assert.ok(split.labels.every((l) => l < 10), 'labels < 10');
    const counts = classCounts(split);
    for (const [c, n] of counts.entries()) {
      const frac = n / split.count;
      assert.ok(frac > 0.07 && frac < 0.13, `class ${c} is ${(frac * 100).toFixed(1)}% of the split`);
    }
  }
  // Same class proportions in train and test (stratified): within one row per class of 80/20.
  const tr = classCounts(ds.train);
  const te = classCounts(ds.test);
  for (let c = 0; c < 10; c++) assert.ok(Math.abs(tr[c] - 4 * te[c]) <= 5, `class ${c}: ${tr[c]} train vs ${te[c]} test`);
});

test('mnist rows are shuffled across classes', () => {
  const ds = parseMnistAsset(loadAsset());
  for (const split of [ds.train, ds.test]) {
    let longestRun = 1;
    let run = 1;
    for (let i = 1; i < split.count; i++) {
      run = split.labels[i] === split.labels[i - 1] ? run + 1 : 1;
      longestRun = Math.max(longestRun, run);
    }
    assert.ok(longestRun < 10, `longest run of one class is ${longestRun}`);
    assert.equal(new Set(split.labels.subarray(0, 100)).size, 10, 'first 100 rows cover all classes');
  }
});

test('mnist pixel statistics are plausible', () => {
  const ds = parseMnistAsset(loadAsset());
  for (const split of [ds.train, ds.test]) {
    let total = 0;
    let max = 0;
    for (let r = 0; r < split.count; r++) {
      let s = 0;
      for (let i = r * 784; i < (r + 1) * 784; i++) s += split.pixels![i];
      // A digit covers roughly 5%..40% of the image at full intensity.
      assert.ok(s > 255 * 20 && s < 255 * 400, `row ${r} pixel sum ${s}`);
      total += s;
      max = Math.max(max, s);
    }
    const meanIntensity = total / (split.count * 784 * 255);
    // Real MNIST mean intensity is about 0.13.
    assert.ok(meanIntensity > 0.09 && meanIntensity < 0.17, `mean intensity ${meanIntensity}`);
    // Corner pixel (0,0) is background in MNIST.
    for (let r = 0; r < split.count; r++) assert.equal(split.pixels![r * 784], 0);
  }
});

test('parse views share the input buffer (no copy) and accept an ArrayBuffer', () => {
  const bytes = loadAsset();
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  const ds = parseMnistAsset(copy);
  assert.equal(ds.train.count + ds.test.count, 10000);
  const ds2 = parseMnistAsset(bytes);
  assert.equal(ds2.train.pixels!.buffer, bytes.buffer);
});

test('truncated or foreign files give a clear error', () => {
  const bytes = loadAsset();
  assert.throws(() => parseMnistAsset(bytes.subarray(0, bytes.length - 1)), /mnist asset: truncated file: 7850023 bytes, expected 7850024/);
  assert.throws(() => parseMnistAsset(bytes.subarray(0, 10)), /mnist asset: truncated file: 10 bytes, shorter than the 24-byte header/);
  const bad = bytes.slice(0, 1024);
  bad[0] = 0x50; // 'P'
  assert.throws(() => parseMnistAsset(bad), /mnist asset: bad magic "PSMN"/);
  const v2 = bytes.slice();
  new DataView(v2.buffer).setUint32(4, 2, true);
  assert.throws(() => parseMnistAsset(v2), /unsupported format version 2/);
});
