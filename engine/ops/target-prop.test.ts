// Difference target propagation: the top target is one gradient step on the
// sample's loss, exact inverses turn the difference correction into exact
// pre-images (and zero inverse losses), and no local loss reaches another layer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { targetProp, tpLayer, type TpWeights } from './target-prop';
import { assertAllClose, assertClose, num, vals } from './test-helpers';

await tf.setBackend('cpu');

const B = 5;
const randn = (shape: number[], seed: number, std = 1) => tf.randomNormal(shape, 0, std, 'float32', seed);

/** Linear layers 4 → 4 → 4 → 3 with exact inverses for the two upper layers' square maps where they exist. */
function linearNet(): TpWeights {
  // square, well-conditioned: identity plus a small perturbation
  const sq = (seed: number) => tf.add(tf.eye(4), randn([4, 4], seed, 0.2));
  const w = [sq(1), sq(2), randn([4, 3], 3, 0.5)];
  const b = [randn([4], 4, 0.1), randn([4], 5, 0.1), randn([3], 6, 0.1)];
  // the inverse of layer 2 (square) is exact: g(h) = (h − b) W⁻¹
  const inv2 = tf.tensor2d(invert(vals(w[1]), 4), [4, 4]);
  const v = [inv2, randn([3, 4], 7, 0.5)];
  const c = [tf.neg(tf.matMul(tf.reshape(b[1], [1, 4]), inv2)).reshape([4]), tf.zeros([4])];
  return { w, b, v, c };
}

/** Gauss–Jordan inverse of an n × n row-major matrix. */
function invert(a: number[], n: number): number[] {
  const m = Array.from({ length: n }, (_, i) => [...a.slice(i * n, (i + 1) * n), ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let p = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[p][col])) p = r;
    [m[col], m[p]] = [m[p], m[col]];
    const d = m[col][col];
    for (let k = 0; k < 2 * n; k++) m[col][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col];
      for (let k = 0; k < 2 * n; k++) m[r][k] -= f * m[col][k];
    }
  }
  return m.flatMap((row) => row.slice(n));
}

const x = () => randn([B, 4], 11);
const labels = () => tf.tensor1d([0, 2, 1, 2, 0], 'int32');

test('target prop: the top target is h_L − η ∂CE_b/∂h_L, the gradient of each sample’s own loss', () => {
  const wts = linearNet();
  const eta = 0.7;
  const r = targetProp(tf, x(), labels(), wts, eta, 'linear');
  const logits = r.h[2];
  const ce = (z: tf.Tensor) => tf.neg(tf.sum(tf.mul(tf.oneHot(labels(), 3), tf.logSoftmax(z))));
  const g = tf.grad(ce)(logits);
  assertAllClose(vals(r.t[2]), vals(tf.sub(logits, tf.mul(g, eta))), 1e-5, 't_L');
  // the task loss is the mean cross-entropy
  assertClose(num(r.task), num(ce(logits)) / B, 1e-5, 'task');
});

test('target prop: with an exact inverse the target below is the exact pre-image, f(t_{i−1}) = t_i, and that inverse’s loss is 0', () => {
  const wts = linearNet();
  const r = targetProp(tf, x(), labels(), wts, 0.5, 'linear');
  // layer 2 is square with g = f⁻¹: h₁ + g(t₂) − g(h₂) = g(t₂)
  assertAllClose(vals(tpLayer(tf, r.t[0], wts.w[1], wts.b[1], 'linear', false)), vals(r.t[1]), 1e-4, 'f₂(t₁)');
  assertClose(num(r.inverse[0]), 0, 1e-6, 'inverse loss of an exact inverse');
  // and the layer-2 target step is then the pre-image of the step above: t₁ − h₁ = (t₂ − h₂) W₂⁻¹
  assertAllClose(vals(tf.sub(r.t[0], r.h[0])), vals(tf.matMul(tf.sub(r.t[1], r.h[1]), wts.v[0])), 1e-4, 'difference correction');
});

test('target prop: every layer loss trains only its own layer, every inverse loss only its inverse (stop-gradient between layers)', () => {
  const wts = linearNet();
  const params = [...wts.w, ...wts.b, ...wts.v, ...wts.c].map((t) => tf.variable(t));
  const [w0, w1, w2, b0, b1, b2, v0, v1, c0, c1] = params;
  const net: TpWeights = { w: [w0, w1, w2], b: [b0, b1, b2], v: [v0, v1], c: [c0, c1] };
  const owners = [
    { pick: (r: ReturnType<typeof targetProp>) => r.layer[0], own: [w0, b0] },
    { pick: (r: ReturnType<typeof targetProp>) => r.layer[1], own: [w1, b1] },
    { pick: (r: ReturnType<typeof targetProp>) => r.layer[2], own: [w2, b2] },
    { pick: (r: ReturnType<typeof targetProp>) => r.inverse[1], own: [v1, c1] },
  ];
  for (const { pick, own } of owners) {
    const { grads } = tf.variableGrads(() => pick(targetProp(tf, x(), labels(), net, 0.5, 'tanh')) as tf.Scalar, params);
    for (const p of params) {
      const norm = grads[p.name] ? num(tf.norm(grads[p.name])) : 0; // absent: not on the loss's path at all
      if (own.includes(p)) assert.ok(norm > 1e-6, `${p.name} is trained by its own loss`);
      else assert.equal(norm, 0, `${p.name} receives no gradient from another layer's loss`);
    }
  }
  tf.dispose(params);
});

test('target prop: error rate by hand, and no tensor left behind', () => {
  const wts = linearNet();
  const r = targetProp(tf, x(), labels(), wts, 0.5, 'tanh');
  const pred = Array.from(tf.argMax(r.h[2], 1).dataSync());
  const wrong = pred.filter((p, i) => p !== [0, 2, 1, 2, 0][i]).length;
  assertClose(num(r.error), wrong / B, 1e-6, 'error');
  const xs = x();
  const ls = labels();
  const before = tf.memory().numTensors;
  const out = targetProp(tf, xs, ls, wts, 0.5, 'tanh');
  const kept = [...out.h, ...out.t, ...out.layer, ...out.inverse, out.task, out.error];
  assert.equal(tf.memory().numTensors - before, new Set(kept).size, 'only the results are kept');
  tf.dispose(kept);
});
