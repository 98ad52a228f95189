// The compiler's wiring of what is not a plain forward pass: optimizer phases
// (a GAN's two players), momentum-encoder EMA copies, latent inference, weight
// sharing through stacked views, and the issues it reports for graphs it cannot run.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getSpec } from '../../../nodes/registry';
import type { Graph } from '../../graph';
import { presetGraph } from '../../presets';
import { validateForTraining, type Validation } from '../../validated-graph';
import { loadDatasets } from '../datasets';
import { readPublicAsset } from '../node-assets';
import { compile, type CompileResult, type Plan } from './index';

before(async () => {
  await tf.setBackend('cpu');
});

/** Validation, then the compiler, as a training session runs them. */
async function compileGraph(g: Graph): Promise<CompileResult | Extract<Validation, { ok: false }>> {
  const v = validateForTraining(g, getSpec);
  if (!v.ok) return v;
  return compile(v.graph, await loadDatasets(v.graph.datasets, readPublicAsset));
}

async function plan(g: Graph): Promise<Plan> {
  const r = await compileGraph(g);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.plan;
}

const small = (name: string, batch = 8) => {
  const g = presetGraph(name)!;
  for (const n of g.nodes) if (typeof n.params.batchSize === 'number') n.params.batchSize = batch;
  return g;
};

test('GAN: the discriminator phase runs first and trains only the critic; the generator phase only the generator', async () => {
  const g = small('gan');
  g.nodes.find((n) => n.id === 'd_loss')!.params.steps = 3;
  const p = await plan(g);
  assert.deepEqual(p.phases.map((x) => x.name), ['discriminator', 'generator']);
  assert.equal(p.phases[0].repeats, 3);
  assert.ok(p.phases[0].vars.length > 0 && p.phases[0].vars.every((v) => v.name.includes('/critic/')));
  assert.ok(p.phases[1].vars.length > 0 && p.phases[1].vars.every((v) => v.name.includes('/generator/')));
  p.dispose();
});

/** Moves the online weights (as an optimizer step would); the copy must follow by m·θ_t + (1 − m)·θ_o with m = 0.99. */
function assertEmaStep(p: Plan, online: tf.Variable, target: tf.Variable): void {
  online.assign(tf.add(online, 1));
  const before = target.dataSync().slice();
  const o = online.dataSync().slice();
  p.updateMirrors('after-step', 1, 100);
  const after = target.dataSync();
  for (let i = 0; i < 50; i++) assert.ok(Math.abs(after[i] - (0.99 * before[i] + 0.01 * o[i])) < 1e-6);
}

test('momentum encoder: non-trainable copies, and one EMA step is m·θ_t + (1 − m)·θ_o exactly', async () => {
  const g = small('byol');
  g.nodes.find((n) => n.id === 'momentum')!.params.schedule = 'constant';
  const p = await plan(g);
  const mom = p.nodes.find((n) => n.id === 'momentum')!;
  assert.deepEqual(mom.mirrors!.map((m) => m.node.id), ['encoder', 'projector']);
  const m0 = mom.mirrors![0];
  const name = 'w0';
  const online = m0.node.vars[name];
  const target = m0.vars[name];
  assert.equal(target.trainable, false);
  assert.ok(p.phases[0].vars.every((v) => v.trainable) && !p.phases[0].vars.includes(target));
  assertEmaStep(p, online, target);
  // before-step updates belong to MoCo-style encoders only
  const again = target.dataSync().slice();
  p.updateMirrors('before-step', 2, 100);
  assert.deepEqual(target.dataSync(), again);
  p.dispose();
});

test('DINO: the teacher copies the DINO head too, prototype directions included, and follows them by EMA', async () => {
  const p = await plan(small('dino'));
  const teacher = p.nodes.find((n) => n.id === 'teacher')!;
  assert.deepEqual(teacher.mirrors!.map((m) => m.node.id), ['encoder', 'head']);
  const head = teacher.mirrors![1];
  assert.deepEqual(Object.keys(head.vars).sort(), Object.keys(head.node.vars).sort());
  const online = head.node.vars.v;
  const target = head.vars.v;
  assert.equal(target.trainable, false);
  assertEmaStep(p, online, target);
  p.dispose();
});

test('stacked views share weights: one encoder, two views, per-view rows', async () => {
  const p = await plan(small('simclr'));
  const enc = p.nodes.find((n) => n.id === 'encoder')!;
  assert.equal(enc.inputTypes.in.views, 2);
  const out = tf.tidy(() => p.forward({ training: true, step: 1, totalSteps: 1, batch: { split: 'train', indices: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]) }, pass: 0 }).outputs.get('encoder')!.out.shape);
  assert.deepEqual(out, [16, 128]);
  p.clearAfterStep();
  p.dispose();
});

test('sparse coding: ISTA finds codes that explain the batch far better than z = 0', async () => {
  const g = small('sparse-coding', 16);
  const p = await plan(g);
  const batch = { split: 'train' as const, indices: Int32Array.from({ length: 16 }, (_, i) => i) };
  const [recon, l1] = tf.tidy(() => {
    const r = p.forward({ training: false, step: 1, totalSteps: 1, batch, pass: 0 });
    return [r.terms.get('recon')!.dataSync()[0], r.terms.get('l1')!.dataSync()[0]];
  });
  const zeroRecon = tf.tidy(() => {
    const r = p.forward({ training: false, step: 1, totalSteps: 1, batch, pass: 0, overrides: new Map([['z', { out: tf.zeros([16, 64]) }]]) });
    return r.terms.get('recon')!.dataSync()[0];
  });
  assert.ok(l1 > 0, 'codes are not all zero');
  assert.ok(0.5 * recon + 0.2 * l1 < 0.5 * zeroRecon, `energy ${0.5 * recon + 0.2 * l1} vs ${0.5 * zeroRecon} at z = 0`);
  p.dispose();
});

test('a momentum encoder that follows a node outside the trained graph is refused with a reason', async () => {
  const g = small('byol');
  g.nodes.find((n) => n.id === 'momentum')!.params.follows = ['encoder', 'ghost'];
  const r = await compileGraph(g);
  assert.equal(r.ok, false);
  assert.match((r as { issues: { message: string }[] }).issues[0].message, /follows "ghost", which is not a valid node/);
});

test('params saved by an older node version are migrated once, on the way to the compiler', async () => {
  // version 2 of the dataset node renamed its batch-size param: a graph saved
  // at version 1 still says `batch`, and the plan must see the migrated value
  const real = getSpec('data.mnist')!;
  let migrations = 0;
  const v2 = {
    ...real,
    version: 2,
    migrate: (old: Record<string, unknown>, from: number) => {
      migrations++;
      assert.equal(from, 1);
      const { batch, ...rest } = old;
      return { ...rest, batchSize: batch };
    },
  };
  const lookup = (type: string) => (type === real.type ? v2 : getSpec(type));
  const g = small('ae');
  const data = g.nodes.find((n) => n.type === real.type)!;
  data.typeVersion = 1;
  data.params = { batch: 12 };
  const v = validateForTraining(g, lookup);
  assert.ok(v.ok, v.ok ? '' : v.issues.map((i) => i.message).join('; '));
  assert.equal(migrations, 1, 'migrated once per validation');
  assert.equal(v.graph.byId.get(data.id)!.params.batchSize, 12);
  const r = compile(v.graph, await loadDatasets(v.graph.datasets, readPublicAsset));
  assert.ok(r.ok);
  assert.equal(r.plan.batchSize, 12);
  assert.equal(migrations, 1, 'the compiler does not parse params again');
  r.plan.dispose();
});
