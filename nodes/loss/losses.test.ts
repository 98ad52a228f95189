// The loss nodes end to end through their forward (nodes/test-harness.ts): closed
// forms, reported sub-terms, the two-view checks of infer, and the clustering
// nodes' after-step updates.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertClose } from '../../engine/ops/test-helpers';
import type { ParamDefs } from '../../engine/params';
import { defaultParams } from '../../engine/params';
import type { NodeSpec, Tensor } from '../../engine/spec';
import { isProblem, type TensorType } from '../../engine/types';
import { nodeHarness } from '../test-harness';
import { barlowTwins } from './barlow-twins';
import { contractive } from './contractive';
import { dino } from './dino';
import { ganDiscriminator } from './gan-discriminator';
import { ganGenerator } from './gan-generator';
import { gmm } from './gmm';
import { infoNce } from './info-nce';
import { kl } from './kl';
import { kmeans } from './kmeans';
import { l1 } from './l1';
import { moco } from './moco';
import { negativeCosine } from './negative-cosine';
import { swav } from './swav';
import { vicreg } from './vicreg';

before(async () => {
  await tf.setBackend('cpu');
});

const any = (s: unknown) => s as NodeSpec<ParamDefs>;
const views = (n: number | undefined, d = 16): TensorType => ({ type: 'vector', shape: ['B', d], views: n });
const value = (t: Tensor) => t.dataSync()[0];

/** Runs one forward of a node on the given inputs; returns its loss, terms and the harness (disposed by the caller). */
function run(spec: unknown, inputs: Record<string, Tensor>, inputTypes?: Record<string, TensorType>, params: Record<string, unknown> = {}) {
  const h = nodeHarness(tf, any(spec), { params, inputTypes });
  const out = h.forward(inputs);
  const terms = Object.fromEntries(Object.entries(h.terms).map(([k, t]) => [k, value(t)]));
  const loss = value(out.loss);
  h.dispose();
  tf.dispose(Object.values(inputs));
  return { loss, terms };
}

test('InfoNCE on identical embeddings is ln(2N − 1)', () => {
  const n = 4;
  const { loss } = run(infoNce, { z: tf.ones([2 * n, 16]) });
  assertClose(loss, Math.log(2 * n - 1), 1e-5, 'NT-Xent');
});

test('MoCo with queries, keys and queue all equal is ln(K + 1)', () => {
  const k = 32;
  const queue = tf.div(tf.ones([k, 16]), 4); // unit rows
  const { loss } = run(moco, { q: tf.ones([8, 16]), k: tf.ones([8, 16]), queue });
  assertClose(loss, Math.log(k + 1), 1e-5, 'MoCo InfoNCE');
});

test('VICReg on a constant batch is 24.75, with its terms reported', () => {
  const { loss, terms } = run(vicreg, { z: tf.fill([8, 16], 0.3) });
  assertClose(loss, 25 * (1 - Math.sqrt(1e-4)), 1e-5, 'VICReg');
  assertClose(terms.invariance, 0, 1e-6, 'invariance');
  assertClose(terms.variance, 0.99, 1e-5, 'variance');
  assertClose(terms.covariance, 0, 1e-6, 'covariance');
});

test('Barlow Twins on a constant batch is D, with onDiag / offDiag reported', () => {
  const { loss, terms } = run(barlowTwins, { z: tf.fill([8, 16], 0.3) });
  assertClose(loss, 16, 1e-5, 'Barlow Twins');
  assertClose(terms.onDiag, 16, 1e-5, 'onDiag');
  assertClose(terms.offDiag, 0, 1e-6, 'offDiag');
});

test('negative cosine: identical prediction and target give 0 (byol) and −1 (simsiam)', () => {
  // both views of each sample equal, so each view's prediction meets an identical target
  const z = () => tf.tile(tf.randomNormal([4, 16], 0, 1, 'float32', 3), [2, 1]);
  assertClose(run(negativeCosine, { p: z(), z: z() }, undefined, { form: 'byol' }).loss, 0, 1e-5, 'byol');
  assertClose(run(negativeCosine, { p: z(), z: z() }, undefined, { form: 'simsiam' }).loss, -1, 1e-5, 'simsiam');
  // the symmetric pairing: view 1's prediction against view 2's target
  const p = tf.concat([tf.ones([4, 16]), tf.neg(tf.ones([4, 16]))]); // p1 = +1, p2 = −1
  const t = tf.concat([tf.neg(tf.ones([4, 16])), tf.ones([4, 16])]); // z1 = −1, z2 = +1
  assertClose(run(negativeCosine, { p, z: t }, undefined, { form: 'simsiam' }).loss, -1, 1e-5, 'p1 meets z2');
});

test('negative cosine does not detach its target: the gradient reaches z', () => {
  const h = nodeHarness(tf, any(negativeCosine));
  const p = tf.randomNormal([8, 16], 0, 1, 'float32', 1);
  const z = tf.randomNormal([8, 16], 0, 1, 'float32', 2);
  const g = tf.grad((zz: Tensor) => tf.tidy(() => h.forward({ p, z: zz }).loss))(z);
  assert.ok(value(tf.sum(tf.abs(g))) > 1e-3, 'gradient w.r.t. the target');
  tf.dispose([p, z, g]);
  h.dispose();
});

test('SwAV on zero scores and DINO on zero logits sit at ln K (collapse level)', () => {
  assertClose(run(swav, { scores: tf.zeros([8, 16]) }).loss, Math.log(16), 1e-5, 'SwAV');
  assertClose(run(dino, { student: tf.zeros([8, 16]), teacher: tf.zeros([8, 16]) }).loss, Math.log(16), 1e-5, 'DINO');
});

test('DINO takes more student views than teacher views', () => {
  const r = run(dino, { student: tf.zeros([16, 8]), teacher: tf.zeros([8, 8]) }, { student: views(4, 8), teacher: views(2, 8) });
  assertClose(r.loss, Math.log(8), 1e-5, 'DINO, 4 student views');
});

test('GAN losses with zero logits: 2 ln 2 (discriminator, with terms) and ln 2 (generator)', () => {
  const d = run(ganDiscriminator, { realLogits: tf.zeros([4, 1]), fakeLogits: tf.zeros([4, 1]) });
  assertClose(d.loss, 1.3863, 1e-4, 'discriminator');
  assertClose(d.terms.real, 0.6931, 1e-4, 'real');
  assertClose(d.terms.fake, 0.6931, 1e-4, 'fake');
  assertClose(run(ganGenerator, { fakeLogits: tf.zeros([4, 1]) }).loss, 0.6931, 1e-4, 'generator');
  const dp = defaultParams(ganDiscriminator.params);
  const gp = defaultParams(ganGenerator.params);
  assert.equal(ganDiscriminator.loss!.phase(dp), 'discriminator');
  assert.equal(ganDiscriminator.loss!.trains?.(dp), 'critic');
  assert.equal(ganGenerator.loss!.phase(gp), 'generator');
  assert.equal(ganGenerator.loss!.trains?.(gp), 'non-critic');
});

test('KL: 0 for the prior itself, d/2 for μ = 1', () => {
  assertClose(run(kl, { dist: tf.zeros([4, 2, 16]) }).loss, 0, 1e-6, 'KL(N(0, 1) ‖ N(0, 1))');
  const mu1 = tf.concat([tf.ones([4, 1, 16]), tf.zeros([4, 1, 16])], 1); // μ = 1, log σ² = 0
  assertClose(run(kl, { dist: mu1 }).loss, 8, 1e-5, 'KL with μ = 1');
});

test('L1 is mean_b Σ|z| and is marked proximal; the contractive penalty passes its input through', () => {
  assertClose(run(l1, { in: tf.tensor2d([[1, -2], [0, 3]]) }, { in: { type: 'latent', shape: ['B', 2] } }).loss, 3, 1e-6, 'L1');
  assert.equal(l1.loss!.proximal, 'l1');
  assert.equal(l1.loss!.weight(defaultParams(l1.params)), 0.1);
  assertClose(run(contractive, { jacobian: tf.scalar(2.5) }).loss, 2.5, 1e-6, 'contractive');
  assert.equal(contractive.loss!.weight(defaultParams(contractive.params)), 0.1);
});

test('two-view losses report a problem without two stacked views', () => {
  const twoView: Array<[NodeSpec<ParamDefs>, Record<string, TensorType>]> = [
    [any(infoNce), { z: views(undefined) }],
    [any(vicreg), { z: views(1) }],
    [any(barlowTwins), { z: views(undefined) }],
    [any(swav), { scores: views(undefined) }],
    [any(negativeCosine), { p: views(undefined), z: views(2) }],
    [any(moco), { q: views(2), k: views(undefined), queue: { type: 'vector', shape: [32, 16] } }],
    [any(dino), { student: views(undefined), teacher: views(2) }],
  ];
  for (const [spec, inputs] of twoView) {
    const r = spec.infer({ inputs, params: defaultParams(spec.params) });
    assert.ok(isProblem(r), `${spec.type} accepts a single view`);
    assert.match(r.problem, /needs (two|at least two) views stacked \(put a Views node before the encoder\), got 1/, spec.type);
  }
  const three = any(infoNce).infer({ inputs: { z: views(3) }, params: defaultParams(infoNce.params) });
  assert.ok(isProblem(three) && /exactly two/.test(three.problem), 'three views');
  const sizes = any(negativeCosine).infer({ inputs: { p: views(2, 16), z: views(2, 8) }, params: defaultParams(negativeCosine.params) });
  assert.ok(isProblem(sizes) && sizes.code === 'shape-mismatch', 'embedding sizes must match');
});

/** Points around the 4 corners (±2, ±2), σ = 0.1. -> [n, 2] */
function blobs(n: number, seed: number): Tensor {
  return tf.tidy(() => {
    const corners = tf.tensor2d([
      [2, 2],
      [-2, 2],
      [2, -2],
      [-2, -2],
    ]);
    const idx = tf.tensor1d(Array.from({ length: n }, (_, i) => (i * 7 + seed) % 4), 'int32');
    return tf.add(tf.gather(corners, idx), tf.randomNormal([n, 2], 0, 0.1, 'float32', seed));
  });
}

const POINTS: TensorType = { type: 'vector', shape: ['B', 2] };

test('K-means (em): after-step updates reduce the energy on blob data and settle on the blobs', () => {
  const h = nodeHarness(tf, any(kmeans), { params: { k: 4, update: 'em' }, inputTypes: { x: POINTS } });
  const evalX = blobs(256, 99);
  const energy = () => value(h.forward({ x: evalX }, { training: false }).loss);
  const energies: number[] = [];
  for (let s = 1; s <= 6; s++) {
    const x = blobs(128, s);
    h.forward({ x });
    h.runAfterStep();
    energies.push(energy());
    x.dispose();
  }
  assert.ok(energies[energies.length - 1] <= energies[0] + 1e-6, `energy went up: ${energies.join(', ')}`);
  assert.ok(energies[energies.length - 1] < 1.5 * 2 * 0.01, `not on the blobs: ${energies.join(', ')}`); // 2σ² = 0.02 at the optimum
  assertClose(value(tf.sum(h.state.counts)), 6 * 128, 1e-6, 'running counts');
  // the assignments are cluster indices for the plots
  const a = h.forward({ x: evalX }, { training: false }).assignments;
  assert.equal(a.dtype, 'int32');
  assert.equal(new Set(a.dataSync()).size, 4);
  evalX.dispose();
  h.dispose();
});

test('K-means (gradient): seeded from the first batch, then the optimizer lowers the energy', () => {
  const h = nodeHarness(tf, any(kmeans), { params: { k: 4, update: 'gradient' }, inputTypes: { x: POINTS } });
  const x = blobs(128, 1);
  const opt: tf.Optimizer = tf.train.adam(0.05);
  const losses: number[] = [];
  for (let s = 1; s <= 20; s++) {
    const { value: l, grads } = tf.variableGrads(() => h.forward({ x }).loss as tf.Scalar, [h.vars.centroids]);
    losses.push(value(l));
    opt.applyGradients(grads);
    tf.dispose([l, ...Object.values(grads)]);
    h.runAfterStep();
  }
  assert.ok(losses[0] < 1, `the first step already uses the seeds: ${losses[0]}`);
  assert.ok(losses[losses.length - 1] < losses[1], `energy did not fall: ${losses[1]} -> ${losses[losses.length - 1]}`);
  opt.dispose();
  x.dispose();
  h.dispose();
});

test('Gaussian mixture (em): online EM lowers the NLL on blob data', () => {
  const h = nodeHarness(tf, any(gmm), { params: { k: 4, update: 'em' }, inputTypes: { x: POINTS } });
  const evalX = blobs(256, 99);
  const nll = () => value(h.forward({ x: evalX }, { training: false }).loss);
  const start = nll(); // the seeds, drawn from the eval batch itself
  const values: number[] = [];
  for (let s = 1; s <= 8; s++) {
    const x = blobs(128, s);
    h.forward({ x });
    h.runAfterStep();
    values.push(nll());
    x.dispose();
  }
  const last = values[values.length - 1];
  assert.ok(Number.isFinite(last) && last < start - 0.3, `NLL ${start} -> ${values.join(', ')}`);
  // 4 equal blobs with σ = 0.1: the NLL of the true model is ln 4 + ln(2πσ²) + 1 ≈ −0.38 nats
  assert.ok(last < -0.25, `not fitted: ${start} -> ${values.join(', ')}`);
  evalX.dispose();
  h.dispose();
});

test('Gaussian mixture (gradient): seeded from the first batch, then the optimizer lowers the NLL', () => {
  const h = nodeHarness(tf, any(gmm), { params: { k: 4, update: 'gradient' }, inputTypes: { x: POINTS } });
  const x = blobs(128, 1);
  const opt: tf.Optimizer = tf.train.adam(0.05);
  const vars = [h.vars.means, h.vars.logvars, h.vars.logits];
  const losses: number[] = [];
  for (let s = 1; s <= 15; s++) {
    const { value: l, grads } = tf.variableGrads(() => h.forward({ x }).loss as tf.Scalar, vars);
    losses.push(value(l));
    opt.applyGradients(grads);
    tf.dispose([l, ...Object.values(grads)]);
    h.runAfterStep();
  }
  assert.ok(losses.every(Number.isFinite), losses.join(', '));
  assert.ok(losses[losses.length - 1] < losses[1], `NLL did not fall: ${losses[1]} -> ${losses[losses.length - 1]}`);
  opt.dispose();
  x.dispose();
  h.dispose();
});

test('clustering updates run once per step even when several optimizer phases run the forward pass', () => {
  const h = nodeHarness(tf, any(kmeans), { params: { k: 4 }, inputTypes: { x: POINTS } });
  const x = blobs(64, 5);
  h.forward({ x }, { step: 1 });
  h.forward({ x }, { step: 1 }); // a second phase's pass in the same step
  h.runAfterStep();
  assertClose(value(tf.sum(h.state.counts)), 64, 1e-6, 'points counted once');
  h.forward({ x }, { step: 2 });
  h.runAfterStep();
  assertClose(value(tf.sum(h.state.counts)), 128, 1e-6, 'next step counted');
  x.dispose();
  h.dispose();
});

test('per-sample energies (the energy landscape) average to the loss', () => {
  const x = blobs(32, 3);
  const cases: Array<[unknown, Record<string, Tensor>, Record<string, TensorType>, Record<string, unknown>]> = [
    [kmeans, { x }, { x: POINTS }, { k: 4 }],
    [gmm, { x }, { x: POINTS }, { k: 4 }],
    [l1, { in: x }, { in: POINTS }, {}],
    [kl, { dist: tf.reshape(tf.tile(x, [1, 2]), [32, 2, 2]) }, { dist: { type: 'distribution', shape: ['B', 2, 2] } }, {}],
  ];
  for (const [spec, inputs, inputTypes, params] of cases) {
    const h = nodeHarness(tf, any(spec), { params, inputTypes });
    h.forward(inputs); // a training step first: the clustering nodes seed and update
    h.runAfterStep();
    const mean = value(h.forward(inputs, { training: false }).loss);
    const each = h.forward(inputs, { training: false, perSample: true }).loss;
    assert.deepEqual(each.shape, [32], any(spec).type);
    assertClose(value(tf.mean(each)), mean, 1e-5, `${any(spec).type} per-sample mean`);
    h.dispose();
  }
  tf.dispose([x, ...cases.map((c) => Object.values(c[1])).flat()]);
});
