// ISTA inside the sparse-coding preset against the lasso's closed form, its
// energy along the inner steps, and the training run that used to blow up when
// the step size came from a stale, too small curvature estimate.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getSpec } from '../../../nodes/registry';
import type { MetricsEvent, TrainEvent } from '../../events';
import { presetGraph } from '../../presets';
import { validateForTraining } from '../../validated-graph';
import { loadDatasets } from '../datasets';
import { readPublicAsset } from '../node-assets';
import { trainSession } from '../session';
import { compile, type Plan } from './index';

before(async () => {
  await tf.setBackend('cpu');
});

const ALPHA = 0.2; // the preset's L1 weight; its reconstruction weight 0.5 makes E(z) = ½‖x − zD‖² + α‖z‖₁ per image
const B = 8;

async function sparsePlan(dim: number, steps: number): Promise<Plan> {
  const g = presetGraph('sparse-coding')!;
  for (const n of g.nodes) {
    if (n.id === 'data') n.params.batchSize = B;
    if (n.id === 'z') Object.assign(n.params, { dim, steps });
  }
  const v = validateForTraining(g, getSpec);
  assert.ok(v.ok);
  const r = compile(v.graph, await loadDatasets(v.graph.datasets, readPublicAsset));
  assert.ok(r.ok);
  return r.plan;
}

const batch = { split: 'train' as const, indices: Int32Array.from({ length: B }, (_, i) => 3 * i) };
const setSteps = (p: Plan, k: number) => (p.nodes.find((n) => n.id === 'z')!.params.steps = k);

/** Per-image energy and the code, after a pass; training passes (re-)measure the curvature. */
function pass(p: Plan, training: boolean): { energy: number; z: Float32Array } {
  return tf.tidy(() => {
    const r = p.forward({ training, step: 1, totalSteps: 1, batch, pass: 0 });
    const energy = 0.5 * r.terms.get('recon')!.dataSync()[0] + ALPHA * r.terms.get('l1')!.dataSync()[0];
    return { energy, z: r.outputs.get('z')!.out.dataSync() as Float32Array };
  });
}

test('ISTA reaches the lasso closed form z* = soft(s·x, α) / s² on orthogonal atoms of norms 1, 1.5, 0.8, 2', async () => {
  const p = await sparsePlan(4, 500);
  const scales = [1, 1.5, 0.8, 2];
  const pixels = [14 * 28 + 14, 14 * 28 + 13, 13 * 28 + 14, 15 * 28 + 14];
  const d = new Float32Array(4 * 784);
  scales.forEach((s, i) => (d[i * 784 + pixels[i]] = s));
  p.nodes.find((n) => n.id === 'dict')!.vars.d.assign(tf.tensor2d(d, [4, 784]));
  const x = tf.tidy(() => p.forward({ training: false, step: 1, totalSteps: 1, batch, pass: 0, overrides: new Map([['z', { out: tf.zeros([B, 4]) }]]) }).outputs.get('data')!.image.dataSync());
  const { z } = pass(p, true);
  let nonzero = 0;
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < 4; i++) {
      const sx = scales[i] * x[b * 784 + pixels[i]];
      const want = (Math.sign(sx) * Math.max(0, Math.abs(sx) - ALPHA)) / scales[i] ** 2;
      if (want !== 0) nonzero++;
      assert.ok(Math.abs(z[b * 4 + i] - want) < 1e-3, `image ${b} atom ${i}: ${z[b * 4 + i]} vs closed form ${want}`);
    }
  }
  assert.ok(nonzero >= 8, `the case must have active atoms (got ${nonzero})`);
  p.dispose();
});

test('the energy never rises along the inner steps, from z = 0 to convergence (64 atoms of the preset)', async () => {
  const p = await sparsePlan(64, 1);
  pass(p, true); // measures the curvature the evaluation passes below reuse
  let prev = Infinity;
  const energies: number[] = [];
  for (const k of [1, 2, 3, 5, 8, 12, 20, 30, 50, 80, 120]) {
    setSteps(p, k);
    const { energy } = pass(p, false);
    energies.push(energy);
    assert.ok(energy <= prev + 1e-4 * Math.abs(prev), `energy rose at K = ${k}: ${energies.join(', ')}`);
    prev = energy;
  }
  const atZero = tf.tidy(() => {
    const r = p.forward({ training: false, step: 1, totalSteps: 1, batch, pass: 0, overrides: new Map([['z', { out: tf.zeros([B, 64]) }]]) });
    return 0.5 * r.terms.get('recon')!.dataSync()[0];
  });
  assert.ok(energies[0] < atZero && energies.at(-1)! < energies[1], `ISTA lowered the energy from ${atZero}: ${energies.join(', ')}`);
  p.dispose();
});

test('500 inner steps stop once the code settles, tensors flat', async () => {
  const p = await sparsePlan(64, 500);
  // count the dictionary's forward calls: one per inner step, per power iteration, and a few around them
  const dict = p.nodes.find((n) => n.id === 'dict')! as { spec: Plan['nodes'][number]['spec'] };
  const spec = dict.spec;
  let calls = 0;
  dict.spec = { ...spec, forward: (ctx) => (calls++, spec.forward(ctx)) };
  pass(p, true); // the first pass measures the curvature cold
  const before = tf.memory().numTensors;
  calls = 0;
  const { z } = pass(p, true);
  assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
  assert.ok(calls < 250, `stopped early: ${calls} forward calls for K = 500`);
  let zeros = 0;
  for (const v of z) if (v === 0) zeros++;
  assert.ok(zeros > z.length / 4, `ISTA codes are sparse (${zeros} of ${z.length} zero)`);
  p.dispose();
});

test('sparse coding at batch 32 trains without the step-10 spike (6.3e8 with the curvature reused for 25 steps)', async () => {
  const g = presetGraph('sparse-coding')!;
  for (const n of g.nodes) if (n.id === 'data') n.params.batchSize = 32;
  g.meta.train.logEvery = 1;
  const events: TrainEvent[] = [];
  const done = await trainSession({ graph: g, lookup: getSpec, backend: 'cpu', steps: 12, readAsset: readPublicAsset, emit: (e) => events.push(e) });
  const totals = events.filter((e): e is MetricsEvent => e.type === 'metrics').map((m) => m.totals.main);
  assert.equal(done.state, 'done');
  assert.equal(totals.length, 12);
  assert.deepEqual(done.warnings ?? [], []);
  assert.ok(Math.max(...totals) <= 1.5 * totals[0], `no spike: first ${totals[0]}, max ${Math.max(...totals)}`);
  assert.ok(totals.at(-1)! < totals[0], `the energy fell: ${totals[0]} -> ${totals.at(-1)}`);
});
