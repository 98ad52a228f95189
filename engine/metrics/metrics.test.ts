import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { mulberry32, shuffleInPlace } from '../rng';
import { alignmentUniformity } from './alignment';
import { collapseFigure, effectiveRank, rankSampleNote, RANK_MAX_SIDE, symmetricEigenvalues } from './collapse';
import { pca2d } from './pca';
import { knnAccuracy } from './knn';
import { labelledSubset, linearProbe } from './linear-probe';

before(async () => {
  await tf.setBackend('cpu');
});

/** Three well-separated Gaussian clusters in `d` dims, labels 0..2. */
function clusters(n: number, d: number, seed: number, spread = 0.1) {
  const r = mulberry32(seed);
  const x = new Float32Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 3;
    for (let j = 0; j < d; j++) x[i * d + j] = (j === y[i] ? 3 : 0) + spread * (r() - 0.5);
  }
  return { x: tf.tensor2d(x, [n, d]), y };
}

test('kNN: separable clusters are classified perfectly; shuffled labels are at chance', async () => {
  const tr = clusters(300, 5, 1);
  const te = clusters(90, 5, 2);
  assert.equal(await knnAccuracy(tf, tr.x, tr.y, te.x, te.y, 20, 3), 1);
  const shuffled = shuffleInPlace(Uint8Array.from(tr.y), mulberry32(5));
  const chance = await knnAccuracy(tf, tr.x, shuffled, te.x, te.y, 20, 3);
  assert.ok(chance < 0.6, `${chance}`);
  tf.dispose([tr.x, te.x]);
});

test('linear probe: linearly separable data reaches 100% from 10 labels per class', async () => {
  const tr = clusters(300, 8, 3, 1);
  const te = clusters(150, 8, 4, 1);
  const r = await linearProbe(tf, tr.x, tr.y, te.x, te.y, { classes: 3, draws: 2 });
  assert.equal(r.accuracies.length, 2);
  assert.equal(r.mean, 1);
  tf.dispose([tr.x, te.x]);
});

test('labelled subsets: exactly k per class, seeded', () => {
  const labels = Uint8Array.from({ length: 100 }, (_, i) => i % 4);
  const a = labelledSubset(labels, 5, 4, 9);
  assert.equal(a.length, 20);
  for (let c = 0; c < 4; c++) assert.equal(Array.from(a).filter((i) => labels[i] === c).length, 5);
  assert.deepEqual(a, labelledSubset(labels, 5, 4, 9));
  assert.notDeepEqual(a, labelledSubset(labels, 5, 4, 10));
});

test('effective rank: d for an isotropic cloud, 1 for a line', async () => {
  const d = 8;
  // the rows ±e_i: centred, covariance ∝ identity
  const rows: number[][] = [];
  for (let i = 0; i < d; i++) for (const s of [1, -1]) rows.push(Array.from({ length: d }, (_, j) => (j === i ? s : 0)));
  const iso = tf.tensor2d(rows);
  assert.ok(Math.abs((await effectiveRank(tf, iso)) - d) < 1e-6);
  const line = tf.tensor2d(Array.from({ length: 20 }, (_, i) => Array.from({ length: d }, (_, j) => (i - 10) * (j + 1))));
  assert.ok(Math.abs((await effectiveRank(tf, line)) - 1) < 1e-6);
  tf.dispose([iso, line]);
});

test('symmetric eigenvalues (Householder + QL) match a known spectrum', () => {
  // Q diag(5, 2, 1) Qᵀ with a rotation Q
  const c = Math.cos(0.7);
  const s = Math.sin(0.7);
  const q = [c, -s, 0, s, c, 0, 0, 0, 1];
  const lam = [5, 2, 1];
  const m = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) m[i * 3 + j] += q[i * 3 + k] * lam[k] * q[j * 3 + k];
  const eig = symmetricEigenvalues(m, 3).sort((a, b) => b - a);
  eig.forEach((e, i) => assert.ok(Math.abs(e - lam[i]) < 1e-9, `${e} vs ${lam[i]}`));
});

test('collapse figure: ~0 for a collapsed embedding, ~1 for a spread one', async () => {
  const collapsed = tf.tidy(() => tf.add(tf.ones([200, 16]), tf.randomNormal([200, 16], 0, 1e-4, 'float32', 1)));
  const spread = tf.randomNormal([2000, 16], 0, 1, 'float32', 2);
  assert.ok((await collapseFigure(tf, collapsed)) < 0.01);
  const s = await collapseFigure(tf, spread);
  assert.ok(s > 0.9 && s < 1.05, `${s}`);
  tf.dispose([collapsed, spread]);
});

test('PCA matches the SVD computed by power iteration on XᵀX, and explains the variance', async () => {
  // points on a tilted ellipse in 3-D plus small noise: the first axis carries most variance
  const r = mulberry32(11);
  const rows = Array.from({ length: 400 }, () => {
    const u = 3 * (r() - 0.5);
    const v = 1 * (r() - 0.5);
    return [u + 0.01 * r(), u + v, v - u];
  });
  const x = tf.tensor2d(rows);
  const { points, explained } = await pca2d(tf, x);
  assert.ok(explained[0] > explained[1] && explained[0] + explained[1] > 0.99);
  // the first principal direction by power iteration, done another way
  const xc = tf.sub(x, tf.mean(x, 0));
  const c = tf.matMul(xc, xc, true, false);
  let v = tf.tensor2d([[1], [0.3], [0.2]]);
  for (let i = 0; i < 200; i++) v = tf.tidy(() => tf.div(tf.matMul(c, v), tf.norm(tf.matMul(c, v))));
  const p1 = Array.from(tf.matMul(xc, v).dataSync());
  // same axis up to sign
  const dot = p1.reduce((s, a, i) => s + a * points[2 * i], 0);
  const n1 = Math.hypot(...p1);
  const n2 = Math.hypot(...Array.from({ length: 400 }, (_, i) => points[2 * i]));
  assert.ok(Math.abs(Math.abs(dot) / (n1 * n2) - 1) < 1e-4);
  tf.dispose([x, xc, c, v]);
});

test('alignment is 0 for identical views; uniformity is 0 when collapsed and negative when spread', async () => {
  const a = tf.randomNormal([64, 8], 0, 1, 'float32', 3);
  const same = tf.concat([a, a], 0);
  const r = await alignmentUniformity(tf, same);
  assert.ok(r.alignment < 1e-6);
  assert.ok(r.uniformity < -1);
  const collapsed = tf.ones([128, 8]);
  const c = await alignmentUniformity(tf, collapsed);
  assert.ok(Math.abs(c.uniformity) < 1e-5);
  tf.dispose([a, same, collapsed]);
});

test('wide embeddings (legal up to 8,192): effective rank and PCA do bounded work, say so, and stay right', async () => {
  // finding: a full D×D eigendecomposition took 20 s at D = 512 and > 180 s at 3,759
  const n = 300;
  const d = 3759;
  const r = mulberry32(5);
  // three strong directions plus faint noise: effective rank ≈ 3, first PCA axis = the strongest direction
  const dirs = Array.from({ length: 3 }, () => Float32Array.from({ length: d }, () => r() - 0.5));
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = [6 * (r() - 0.5), 3 * (r() - 0.5), 1.5 * (r() - 0.5)];
    for (let j = 0; j < d; j++) data[i * d + j] = c[0] * dirs[0][j] + c[1] * dirs[1][j] + c[2] * dirs[2][j] + 1e-4 * (r() - 0.5);
  }
  const x = tf.tensor2d(data, [n, d]);
  const before = tf.memory().numTensors;
  const t0 = performance.now();
  const rank = await effectiveRank(tf, x);
  const { points, explained } = await pca2d(tf, x);
  const ms = performance.now() - t0;
  assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
  // generous for a loaded machine: the old path did not finish in minutes
  assert.ok(ms < 20_000, `${ms.toFixed(0)} ms`);
  assert.ok(rank > 2 && rank < 3.2, `effective rank ${rank}`);
  assert.ok(explained[0] > explained[1] && explained[0] > 0.5);
  // the first axis, projected, correlates with the true strongest coordinate's direction
  const p1 = Array.from({ length: n }, (_, i) => points[2 * i]);
  const truth = Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += data[i * d + j] * dirs[0][j];
    return s;
  });
  const corr = (a: number[], b: number[]) => {
    const ma = a.reduce((s, v) => s + v, 0) / a.length;
    const mb = b.reduce((s, v) => s + v, 0) / b.length;
    let sab = 0, saa = 0, sbb = 0;
    a.forEach((v, i) => ((sab += (v - ma) * (b[i] - mb)), (saa += (v - ma) ** 2), (sbb += (b[i] - mb) ** 2)));
    return sab / Math.sqrt(saa * sbb);
  };
  assert.ok(Math.abs(corr(p1, truth)) > 0.95, `corr ${corr(p1, truth)}`);
  assert.match(rankSampleNote(n, d)!, new RegExp(`Gram matrix of ${RANK_MAX_SIDE} of ${n} rows`));
  assert.equal(rankSampleNote(1000, 128), null, 'narrow embeddings use every row, exactly');
  x.dispose();
});
