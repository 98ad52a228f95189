// The DINO head node: its shapes, the weight-normalised last layer's closed form
// (every output is a cosine to a unit-length prototype direction), DINO's init, and
// that the DINO preset's teacher copies the head, prototype directions included.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertAllClose, vals } from '../../engine/ops/test-helpers';
import { presetGraph } from '../../engine/presets';
import { nodeHarness } from '../test-harness';
import { dinoHead } from './dino-head';

before(async () => {
  await tf.setBackend('cpu');
});

const IN = { in: { type: 'latent' as const, shape: ['B' as const, 12], views: 2 } };

test('DINO head: [V·B, D] in, [V·B, K] logits out, every one a cosine in [−1, 1]', () => {
  const h = nodeHarness(tf, dinoHead, { params: { hidden: [16, 16], bottleneck: 8, out: 10 }, inputTypes: IN });
  assert.deepEqual(h.outputTypes.out, { type: 'vector', shape: ['B', 10], views: 2 });
  assert.deepEqual(h.vars.v.shape, [8, 10]);
  const x = tf.randomNormal([6, 12], 0, 3, 'float32', 1);
  const { out } = h.forward({ in: x });
  assert.deepEqual(out.shape, [6, 10]);
  assert.ok(vals(out).every((c) => Math.abs(c) <= 1 + 1e-5), 'logits are cosines');
  tf.dispose(x);
  h.dispose();
});

test('DINO head: out_k = cos(bottleneck, v_k); rescaling a prototype column or the bottleneck changes nothing', () => {
  // no hidden layer: the bottleneck is x·w0 + b0, which the test can recompute
  const h = nodeHarness(tf, dinoHead, { params: { hidden: [], bottleneck: 5, out: 4, init: 'pytorch' }, inputTypes: { in: { type: 'latent', shape: ['B', 3] } } });
  const x = tf.tensor2d([[1, -2, 0.5], [0.3, 0.1, -1]]);
  const out = vals(h.forward({ in: x }).out);
  const z = tf.add(tf.matMul(x, h.vars.w0), h.vars.b0); // [2, 5]
  const zs = z.arraySync() as number[][];
  const vs = (tf.transpose(h.vars.v).arraySync() as number[][]); // K × [5]
  const cos = (a: number[], b: number[]) => a.reduce((s, ai, i) => s + ai * b[i], 0) / Math.hypot(...a) / Math.hypot(...b);
  assertAllClose(out, zs.flatMap((zr) => vs.map((vk) => cos(zr, vk))), 1e-5, 'cosines');
  // weight_g = 1: each output unit's effective weight row has norm 1, whatever ‖v_k‖ is
  h.vars.v.assign(tf.mul(h.vars.v, tf.tensor1d([3, 0.1, 1, 20])));
  assertAllClose(vals(h.forward({ in: x }).out), out, 1e-5, 'column scale');
  h.vars.w0.assign(tf.mul(h.vars.w0, 7));
  h.vars.b0.assign(tf.mul(h.vars.b0, 7));
  assertAllClose(vals(h.forward({ in: x }).out), out, 1e-5, 'bottleneck scale');
  tf.dispose([x, z]);
  h.dispose();
});

test("DINO head: DINO's init gives the MLP N(0, 0.02²) weights and zero biases; the prototypes get nn.Linear's", () => {
  const h = nodeHarness(tf, dinoHead, { params: { hidden: [256], bottleneck: 64, out: 128, init: 'dino' }, inputTypes: { in: { type: 'latent', shape: ['B', 128] } } });
  const std = (t: tf.Tensor) => Math.sqrt(tf.moments(t).variance.dataSync()[0]);
  assert.ok(Math.abs(std(h.vars.w0) - 0.02) < 0.001, `w0 std ${std(h.vars.w0)}`);
  assert.ok(vals(h.vars.b0).every((b) => b === 0) && vals(h.vars.b1).every((b) => b === 0));
  const bound = 1 / Math.sqrt(64);
  const v = vals(h.vars.v);
  assert.ok(v.every((a) => Math.abs(a) <= bound) && Math.max(...v) > 0.9 * bound, 'v ~ U(±1/√bottleneck)');
  h.dispose();
  const p = nodeHarness(tf, dinoHead, { params: { hidden: [256], bottleneck: 64, out: 128, init: 'pytorch' }, inputTypes: { in: { type: 'latent', shape: ['B', 128] } } });
  assert.ok(Math.max(...vals(p.vars.b0).map(Math.abs)) > 0.05, 'pytorch init: biases U(±1/√128)');
  p.dispose();
});

test("DINO preset: the teacher follows the encoder and the DINO head, and the student's loss reads the head", () => {
  const g = presetGraph('dino')!;
  const head = g.nodes.find((n) => n.type === 'net.dino-head');
  assert.ok(head, 'the preset uses the DINO head');
  assert.deepEqual(g.nodes.find((n) => n.id === 'teacher')!.params.follows, ['encoder', head.id]);
  assert.ok(g.edges.some((e) => e.from.node === head.id && e.to.node === 'dino' && e.to.port === 'student'));
});

test('DINO head: the last layer gets no gradient during the first freezeLast training steps, then does', () => {
  const h = nodeHarness(tf, dinoHead, { params: { hidden: [8], bottleneck: 4, out: 6, freezeLast: 2 }, inputTypes: { in: { type: 'latent', shape: ['B', 5] } } });
  const x = tf.randomNormal([3, 5], 0, 1, 'float32', 3);
  const gradNorm = (step: number, name: string) =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(h.forward({ in: x }, { step, training: true }).out)) as tf.Scalar, [h.vars.v, h.vars.w0]);
      return tf.norm(grads[h.vars[name].name]).dataSync()[0];
    });
  assert.equal(gradNorm(1, 'v'), 0);
  assert.equal(gradNorm(2, 'v'), 0);
  assert.ok(gradNorm(2, 'w0') > 0, 'the MLP trains meanwhile');
  assert.ok(gradNorm(3, 'v') > 0, 'unfrozen after step 2');
  tf.dispose(x);
  h.dispose();
});
