// Replays the PyTorch reference fixtures (scripts/gen_fixtures.py, committed JSON under
// engine/ops/fixtures/) on the tfjs cpu backend: loss, named terms, extra outputs, and
// the gradient w.r.t. every input the fixture lists, each to |a − b| ≤ 1e-4·max(1, |b|).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '../spec';
import { barlowTwinsLoss } from './barlow-twins';
import { byolLoss, byolSymmetric } from './byol';
import { contractivePenalty } from './contractive';
import { dinoCenterUpdate, dinoLoss } from './dino';
import { forwardDinoHead, weightNormLinear } from './dino-head';
import { ganDiscriminatorLoss, ganGeneratorLoss } from './gan';
import { gmmEmStep, gmmNll, gmmResponsibilities } from './gmm';
import { mocoInfoNce, ntXent } from './info-nce';
import { klStandardNormal } from './kl';
import { candidateEnergies, freeEnergy, nearestCandidate } from './free-energy';
import { kmeansAssign, kmeansEnergy, kmeansStep } from './kmeans';
import { targetProp, type TpWeights } from './target-prop';
import { simsiamSymmetric } from './simsiam';
import { sinkhorn } from './sinkhorn';
import { istaStep, lassoEnergy, lipschitz } from './sparse-coding';
import { swavLoss, swavScores } from './swav';
import { assertAllClose, assertClose, vals } from './test-helpers';
import { selfAttention } from './attention';
import { jepaLoss } from './jepa';
import { maskedPatchLoss } from './mae';
import { maskPositions, takeTokens } from './masking';
import { patchify } from './patchify';
import { forwardTransformer } from './transformer';
import type { ForwardCtx } from '../spec';
import { vicregLoss } from './vicreg';

await tf.setBackend('cpu');

const TOL = 1e-4;
const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface Arr {
  shape: number[];
  data: number[];
}
interface Fixture {
  name: string;
  source: string;
  inputs: Record<string, Arr>;
  params: Record<string, number>;
  loss: number;
  terms: Record<string, number>;
  grads: Record<string, Arr>;
  outputs: Record<string, Arr>;
}
type T = Record<string, Tensor>;
type P = Record<string, number>;

interface Runner {
  /** The differentiable loss whose value is fx.loss and whose gradients are fx.grads. */
  loss?: (x: T, p: P) => Tensor;
  /** Every fixture term, by name. */
  terms?: (x: T, p: P) => Record<string, Tensor>;
  /** Every fixture output, by name. */
  outputs?: (x: T, p: P) => Record<string, Tensor>;
}

const attentionOf = (x: T, heads: number) => selfAttention(tf, x.x, { wq: x.wq, bq: x.bq, wk: x.wk, bk: x.bk, wv: x.wv, bv: x.bv, wo: x.wo, bo: x.bo }, heads);

/** The fixture's ViT block through engine/ops/transformer.ts, with the fixture's tensors as the node's variables. */
function vitBlock(x: T, heads: number): Tensor {
  const vars: T = { 'norm.g': x.norm_g, 'norm.b': x.norm_b, 'blk0.fc1.w': x.fc1_w, 'blk0.fc1.b': x.fc1_b, 'blk0.fc2.w': x.fc2_w, 'blk0.fc2.b': x.fc2_b };
  for (const ln of ['ln1', 'ln2']) Object.assign(vars, { [`blk0.${ln}.g`]: x[`${ln}_g`], [`blk0.${ln}.b`]: x[`${ln}_b`] });
  for (const k of ['q', 'k', 'v', 'o']) Object.assign(vars, { [`blk0.w${k}`]: x[`w${k}`], [`blk0.b${k}`]: x[`b${k}`] });
  const ctx = { tf, vars } as unknown as ForwardCtx<unknown>;
  return forwardTransformer(ctx, x.x, { dim: x.x.shape[2]!, depth: 1, heads, mlpRatio: x.fc1_w.shape[1]! / x.x.shape[2]! });
}

const DINO_HEAD_VARS = ['w0', 'b0', 'w1', 'b1', 'w2', 'b2', 'v'];

/** The fixture's DINOHead through engine/ops/dino-head.ts, with the fixture's tensors as the node's variables. */
function dinoHeadOf(x: T): Tensor {
  const ctx = { tf, vars: Object.fromEntries(DINO_HEAD_VARS.map((n) => [n, x[n]])) } as unknown as ForwardCtx<unknown>;
  const cfg = { inDim: x.x.shape[1]!, hidden: [x.w0.shape[1]!, x.w1.shape[1]!], bottleneck: x.v.shape[0]!, out: x.v.shape[1]!, activation: 'gelu' as const, norm: 'none' as const, init: 'dino' as const };
  return forwardDinoHead(ctx, x.x, cfg); // [N, K]
}

/** The same head after one SGD step (lr) on sum(out · probe), as torch.optim.SGD takes it. */
function dinoHeadStepped(x: T, lr: number): T {
  const loss = (...a: Tensor[]) => tf.sum(tf.mul(dinoHeadOf({ ...x, ...Object.fromEntries(DINO_HEAD_VARS.map((n, i) => [n, a[i]])) }), x.probe));
  const gs = tf.grads(loss)(DINO_HEAD_VARS.map((n) => x[n]));
  return { ...x, ...Object.fromEntries(DINO_HEAD_VARS.map((n, i) => [n, tf.sub(x[n], tf.mul(lr, gs[i]))])) };
}

/** The official MAE decoder predicts every patch; our predictor only the hidden ones, in ascending order. */
const hiddenPred = (x: T) => takeTokens(tf, x.pred, maskPositions(tf, x.mask, vals(x.mask).filter((v) => v > 0.5).length / x.mask.shape[0], 'hidden'));

function tpOf(x: T, p: Record<string, number>) {
  const wts: TpWeights = { w: [x.w0, x.w1, x.w2], b: [x.b0, x.b1, x.b2], v: [x.v0, x.v1], c: [x.c0, x.c1] };
  return targetProp(tf, x.x, x.labels, wts, p.eta, 'tanh');
}

const RUNNERS: Record<string, Runner> = {
  attention: {
    loss: (x, p) => tf.sum(tf.mul(attentionOf(x, p.heads).out, x.probe)),
    outputs: (x, p) => {
      const r = attentionOf(x, p.heads);
      return { out: r.out, weights: r.weights };
    },
  },
  vit_block: {
    loss: (x, p) => tf.sum(tf.mul(vitBlock(x, p.heads), x.probe)),
    outputs: (x, p) => ({ out: vitBlock(x, p.heads) }),
  },
  dino_head: {
    loss: (x) => tf.sum(tf.mul(dinoHeadOf(x), x.probe)),
    outputs: (x, p) => {
      const after = dinoHeadStepped(x, p.lr);
      // the effective weight of each output unit after the step: the identity through the layer
      const eye = tf.eye(after.v.shape[0]!);
      return { out: dinoHeadOf(x), outAfterStep: dinoHeadOf(after), rowNorms: tf.norm(weightNormLinear(tf, eye, after.v), 'euclidean', 0) };
    },
  },
  mae: {
    loss: (x, p) => maskedPatchLoss(tf, hiddenPred(x), x.imgs, x.mask, p.patch, false),
    terms: (x, p) => ({ normPix: maskedPatchLoss(tf, hiddenPred(x), x.imgs, x.mask, p.patch, true) }),
    outputs: (x, p) => ({ patches: patchify(tf, x.imgs, p.patch) }),
  },
  ijepa: {
    loss: (x) => jepaLoss(tf, x.z, x.h, x.mask, { normalize: true, distance: 'smooth-l1' }),
    terms: (x) => ({ mse: jepaLoss(tf, x.z, x.h, x.mask, { normalize: true, distance: 'mse' }) }),
  },
  kl: {
    loss: (x) => klStandardNormal(tf, x.mu, x.logvar),
    terms: (x) => ({ officialSum: tf.mul(klStandardNormal(tf, x.mu, x.logvar), x.mu.shape[0]) }),
  },
  contractive: {
    loss: (x) => contractivePenalty(tf, tf.sigmoid(tf.add(tf.matMul(x.x, x.w), x.b)), x.w),
    terms: (x) => ({ jacobianFrobenius: contractivePenalty(tf, tf.sigmoid(tf.add(tf.matMul(x.x, x.w), x.b)), x.w) }),
  },
  ntxent: {
    loss: (x, p) => ntXent(tf, x.z1, x.z2, p.temperature),
    // official SimCLR = loss_a + loss_b = 2 × our per-anchor mean
    terms: (x, p) => ({ officialSum: tf.mul(2, ntXent(tf, x.z1, x.z2, p.temperature)) }),
  },
  moco: { loss: (x, p) => mocoInfoNce(tf, x.q, x.k, x.queue, p.temperature) },
  byol: {
    loss: (x) => byolSymmetric(tf, x.p1, x.z2, x.p2, x.z1),
    terms: (x) => ({ direction1: byolLoss(tf, x.p1, x.z2), direction2: byolLoss(tf, x.p2, x.z1) }),
  },
  simsiam: { loss: (x) => simsiamSymmetric(tf, x.p1, x.z2, x.p2, x.z1) },
  vicreg: {
    loss: (x, p) => vicregLoss(tf, x.x, x.y, p).loss,
    terms: (x, p) => {
      const r = vicregLoss(tf, x.x, x.y, p);
      return { invariance: r.invariance, variance: r.variance, covariance: r.covariance };
    },
  },
  barlow: {
    loss: (x, p) => barlowTwinsLoss(tf, x.z1, x.z2, p.lambda).loss,
    terms: (x, p) => {
      const r = barlowTwinsLoss(tf, x.z1, x.z2, p.lambda);
      return { onDiag: r.onDiag, offDiag: r.offDiag };
    },
  },
  sinkhorn: {
    outputs: (x, p) => ({
      q: sinkhorn(tf, x.scores, { epsilon: p.epsilon, iterations: p.iterations }),
      q10: sinkhorn(tf, x.scores, { epsilon: p.epsilon, iterations: 10 }),
    }),
  },
  swav: {
    loss: (x, p) =>
      swavLoss(tf, swavScores(tf, x.z1, x.prototypes), swavScores(tf, x.z2, x.prototypes), {
        temperature: p.temperature,
        epsilon: p.epsilon,
        iterations: p.iterations,
      }),
  },
  dino: {
    loss: (x, p) =>
      dinoLoss(tf, [x.s1, x.s2], [x.t1, x.t2], x.center, { student: p.studentTemp, teacher: p.teacherTemp }),
    outputs: (x, p) => ({ center: dinoCenterUpdate(tf, x.center, tf.concat([x.t1, x.t2], 0), p.centerMomentum) }),
  },
  gan_discriminator: {
    loss: (x) => ganDiscriminatorLoss(tf, x.realLogits, x.fakeLogits).loss,
    terms: (x) => {
      const r = ganDiscriminatorLoss(tf, x.realLogits, x.fakeLogits);
      return { real: r.real, fake: r.fake };
    },
  },
  gan_generator: { loss: (x) => ganGeneratorLoss(tf, x.fakeLogits) },
  kmeans: {
    loss: (x) => kmeansEnergy(tf, x.x, x.centroids),
    outputs: (x) => ({ assign: tf.cast(kmeansAssign(tf, x.x, x.centroids), 'float32'), step: kmeansStep(tf, x.x, x.centroids) }),
  },
  gmm: {
    loss: (x) => gmmNll(tf, x.x, x.means, x.logvars, x.logits),
    outputs: (x) => {
      const em = gmmEmStep(tf, x.x, x.means, x.logvars, x.logits);
      return {
        responsibilities: gmmResponsibilities(tf, x.x, x.means, x.logvars, x.logits),
        emMeans: em.means,
        emLogvars: em.logvars,
        emLogits: em.logits,
      };
    },
  },
  free_energy: {
    loss: (x, p) => freeEnergy(tf, x.y, x.candidates, p.beta),
    outputs: (x, p) => ({ perSample: freeEnergy(tf, x.y, x.candidates, p.beta, true), fit: nearestCandidate(tf, x.y, x.candidates, candidateEnergies(tf, x.y, x.candidates)) }),
  },
  target_prop: {
    loss: (x, p) => {
      const r = tpOf(x, p);
      return [...r.layer, ...r.inverse].reduce((a, b) => tf.add(a, b));
    },
    terms: (x, p) => {
      const r = tpOf(x, p);
      return { layer1: r.layer[0], layer2: r.layer[1], layer3: r.layer[2], inverse2: r.inverse[0], inverse3: r.inverse[1], task: r.task };
    },
    outputs: (x, p) => {
      const r = tpOf(x, p);
      return { t1: r.t[0], t2: r.t[1], t3: r.t[2] };
    },
  },
  sparse_coding: {
    loss: (x, p) => lassoEnergy(tf, x.x, x.d, x.z, p.alpha),
    terms: (x) => ({ lipschitz: lipschitz(tf, x.d) }),
    outputs: (x, p) => ({ zNext: istaStep(tf, x.z, x.x, x.d, p.alpha, lipschitz(tf, x.d)) }),
  },
};

function load(file: string): Fixture {
  return JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Fixture;
}

/** Element-wise check plus a vector-level one, so a uniform scale error on tiny values is caught too. */
function assertArrClose(actual: Tensor, expected: Arr, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const a = vals(actual);
  assertAllClose(a, expected.data, TOL, what);
  const diff = Math.hypot(...a.map((v, i) => v - expected.data[i]));
  const norm = Math.hypot(...expected.data);
  if (norm > 1e-6) assert.ok(diff <= 1e-3 * norm, `${what}: relative error ${diff / norm}`);
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

test('every fixture has a runner and every runner a fixture', () => {
  assert.ok(files.length > 0, 'no fixtures: run npm run fixtures');
  assert.deepEqual(files.map((f) => f.replace(/\.json$/, '')), Object.keys(RUNNERS).sort());
});

for (const file of files) {
  const fx = load(file);
  test(`fixture ${fx.name} matches PyTorch (${fx.source})`, () => {
    const run = RUNNERS[fx.name];
    assert.ok(run, `no runner for ${fx.name}`);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x: T = {};
      for (const [k, v] of Object.entries(fx.inputs)) x[k] = tf.tensor(v.data, v.shape);
      const p = fx.params;

      if (run.loss) {
        assertClose(run.loss(x, p).dataSync()[0], fx.loss, TOL, `${fx.name} loss`);
        const names = Object.keys(fx.grads);
        assert.ok(names.length > 0, `${fx.name}: fixture has no gradients`);
        const f = (...args: Tensor[]) => run.loss!({ ...x, ...Object.fromEntries(names.map((n, i) => [n, args[i]])) }, p);
        const gs = tf.grads(f)(names.map((n) => x[n]));
        names.forEach((n, i) => assertArrClose(gs[i], fx.grads[n], `${fx.name} d/d${n}`));
      } else {
        assert.equal(Object.keys(fx.grads).length, 0, `${fx.name}: gradients without a loss runner`);
      }

      const terms = run.terms ? run.terms(x, p) : {};
      assert.deepEqual(Object.keys(terms).sort(), Object.keys(fx.terms).sort(), `${fx.name}: terms`);
      for (const [k, v] of Object.entries(fx.terms)) assertClose(terms[k].dataSync()[0], v, TOL, `${fx.name} term ${k}`);

      const outs = run.outputs ? run.outputs(x, p) : {};
      assert.deepEqual(Object.keys(outs).sort(), Object.keys(fx.outputs).sort(), `${fx.name}: outputs`);
      for (const [k, v] of Object.entries(fx.outputs)) assertArrClose(outs[k], v, `${fx.name} output ${k}`);
    });
    assert.equal(tf.memory().numTensors, before, 'tensors disposed');
  });
}
