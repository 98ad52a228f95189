import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { zipSync } from 'fflate';
import { classCounts, splitsOf } from './imported';
import { DataFileError, npyFloat32, npyOf, npyUint8, readNpy } from './npy';
import { imagesFromArrays, readNpz } from './npz';
import { imageArray, medmnistNpz } from './testing/fixtures';

const load = (bytes: Uint8Array, file = 'tiny.npz') => imagesFromArrays(readNpz(bytes, file), file);

test('a MedMNIST-layout npz keeps its own split, joins val to train, and reads int64 [N, 1] labels', () => {
  const set = load(medmnistNpz({ train: 30, val: 6, test: 9, classes: 3 }));
  assert.equal(set.kind, 'image');
  assert.deepEqual(set.sampleShape, [28, 28, 1]);
  assert.deepEqual(set.classNames, ['0', '1', '2']);
  assert.equal(set.train.count, 36);
  assert.equal(set.test?.count, 9);
  assert.deepEqual(classCounts(set), [15, 15, 15]);
  // the first training image is class 0's square, exactly as written
  assert.deepEqual(Array.from(set.train.data.subarray(0, 28 * 28)), Array.from(imageArray(1, 3).images));
  assert.ok(set.notes.some((n) => n.includes('val split joined')));
});

test('a compressed npz (np.savez_compressed) reads the same as a stored one', () => {
  const a = load(medmnistNpz({ train: 12, test: 6 }));
  const b = load(medmnistNpz({ train: 12, test: 6, compressed: true }));
  assert.deepEqual(Array.from(b.train.data), Array.from(a.train.data));
  assert.deepEqual(Array.from(b.test!.labels!), Array.from(a.test!.labels!));
});

test('RGB [N, H, W, 3] images keep three channels; larger images shrink to 64', () => {
  const rgb = load(medmnistNpz({ train: 6, test: 3, channels: 3, side: 28 }));
  assert.deepEqual(rgb.sampleShape, [28, 28, 3]);
  const big = load(medmnistNpz({ train: 4, side: 128 }));
  assert.deepEqual(big.sampleShape, [64, 64, 1]);
  assert.ok(big.notes.some((n) => n.includes('resized to 64×64')));
});

test('without a test split the set is split 80/20 per class, seeded', () => {
  const set = load(medmnistNpz({ train: 50, classes: 5 }));
  assert.equal(set.test, null);
  const a = splitsOf(set, 1);
  const b = splitsOf(set, 1);
  assert.equal(a.train.count, 40);
  assert.equal(a.test.count, 10);
  assert.deepEqual(Array.from(a.test.labels!).sort(), [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  assert.deepEqual(Array.from(a.test.labels!), Array.from(b.test.labels!));
});

test('a bare .npy of images is an unlabelled set', () => {
  const { images } = imageArray(10, 2);
  const set = imagesFromArrays({ images: readNpy(npyUint8(images, [10, 28, 28])) }, 'x.npy');
  assert.equal(set.classNames, null);
  assert.equal(set.train.labels, null);
  const s = splitsOf(set, 3);
  assert.equal(s.train.count + s.test.count, 10);
});

test('a class with no images is left out and the labels renumbered', () => {
  const { images } = imageArray(6, 2);
  const labels = new Uint8Array([0, 2, 0, 2, 0, 2]);
  const set = imagesFromArrays({ images: readNpy(npyUint8(images, [6, 28, 28])), labels: readNpy(npyUint8(labels, [6])) }, 'gap.npz');
  assert.deepEqual(set.classNames, ['0', '2']);
  assert.deepEqual(Array.from(set.train.labels!), [0, 1, 0, 1, 0, 1]);
  assert.ok(set.notes.some((n) => n.includes('"1" has no rows')));
});

const bad = (f: () => unknown, re: RegExp) => assert.throws(f, (e: Error) => e instanceof DataFileError && re.test(e.message), `expected ${re}`);

test('bad npz files fail with a message naming the file and the problem', () => {
  const imgs = npyUint8(imageArray(4, 2).images, [4, 28, 28]);
  bad(() => readNpz(new Uint8Array([1, 2, 3, 4, 5]), 'junk.npz'), /junk\.npz is not a readable \.npz/);
  bad(() => load(zipSync({ 'a.npy': imgs, 'b.npy': imgs }), 'keys.npz'), /keys\.npz has no train_images array \(it holds a, b\)/);
  bad(() => load(zipSync({ 'train_images.npy': npyFloat32(new Float32Array(4 * 784), [4, 28, 28]) }), 'f.npz'), /f\.npz: train_images has dtype <f4; images must be uint8/);
  bad(() => load(zipSync({ 'train_images.npy': npyUint8(new Uint8Array(4 * 28 * 28 * 2), [4, 28, 28, 2]) }), 's.npz'), /s\.npz: train_images has shape \(4, 28, 28, 2\)/);
  bad(() => load(zipSync({ 'train_images.npy': imgs, 'train_labels.npy': npyUint8(new Uint8Array(3), [3]) }), 'n.npz'), /n\.npz: train_labels has 3 labels for 4 images/);
  bad(() => load(zipSync({ 'train_images.npy': imgs, 'train_labels.npy': npyUint8(new Uint8Array(8), [4, 2]) }), 'm.npz'), /multi-label/);
  bad(() => load(zipSync({ 'train_images.npy': imgs, 'train_labels.npy': npyOf('<f4', new Float32Array(4), [4]) }), 'l.npz'), /labels must be integers/);
  bad(() => readNpy(npyUint8(new Uint8Array(10), [10]).subarray(0, 70), 't.npy'), /t\.npy is truncated/);
  bad(() => readNpy(new Uint8Array(20), 'z.npy'), /z\.npy is not a NumPy/);
});

test('an npz written by NumPy (np.savez_compressed, MedMNIST dtypes) reads back exactly', (t) => {
  const py = '/usr/bin/python3';
  try {
    execFileSync(py, ['-c', 'import numpy'], { stdio: 'ignore' });
  } catch {
    return t.diagnostic('numpy not installed: checked against the test-written files only');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'npz-'));
  const file = path.join(dir, 'np.npz');
  execFileSync(py, ['-c', `import numpy as np
r = np.random.RandomState(0)
np.savez_compressed('${file}', train_images=r.randint(0, 256, (7, 28, 28, 3)).astype(np.uint8), train_labels=np.array([[0],[1],[2],[0],[1],[2],[0]], dtype=np.int64), test_images=r.randint(0, 256, (3, 28, 28, 3)).astype(np.uint8), test_labels=np.array([[2],[1],[0]], dtype=np.int64))
print(int(np.load('${file}')['train_images'].astype(np.int64).sum()))`]);
  const sum = Number(execFileSync(py, ['-c', `import numpy as np; print(int(np.load('${file}')['train_images'].astype(np.int64).sum()))`]).toString());
  const set = load(new Uint8Array(readFileSync(file)), 'np.npz');
  assert.deepEqual(set.sampleShape, [28, 28, 3]);
  assert.equal(Array.from(set.train.data).reduce((a, b) => a + b, 0), sum);
  assert.deepEqual(Array.from(set.test!.labels!), [2, 1, 0]);
});
