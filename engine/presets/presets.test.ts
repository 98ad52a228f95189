// Every preset compiles, trains 3 steps on the cpu backend with finite loss
// terms, and leaves no tensor behind. Batches are shrunk so the suite stays fast;
// the architecture is the preset's own.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import type { MetricsEvent, TrainEvent } from '../events';
import { readPublicAsset } from '../runtime/node-assets';
import { trainSession } from '../runtime/session';
import { analyzeForTraining } from '../validate';
import { PRESETS, presetGraph } from './index';

before(async () => {
  await tf.setBackend('cpu');
});

const EXPECTED = ['pca', 'kmeans', 'gmm', 'sparse-coding', 'ae', 'dae', 'cae', 'vae', 'gan', 'simclr', 'moco', 'byol', 'simsiam', 'vicreg', 'barlow-twins', 'swav', 'dino', 'vit-simclr', 'mae', 'ijepa', 'lv-ebm', 'target-prop'];

test('every lecture architecture has a preset with notes', () => {
  assert.deepEqual(PRESETS.map((p) => p.name), EXPECTED);
  for (const p of PRESETS) {
    assert.ok(p.graph.meta.notes.split('. ').length >= 2, `${p.name} notes say what makes it work`);
    assert.deepEqual(analyzeForTraining(p.graph, getSpec).issues, [], p.name);
    // laid out: no two nodes on the same spot
    const spots = new Set(p.graph.nodes.map((n) => `${n.position.x},${n.position.y}`));
    assert.equal(spots.size, p.graph.nodes.length, `${p.name} layout`);
  }
});

for (const name of EXPECTED) {
  test(`${name}: compiles and trains 5 steps on cpu, finite terms, tensor count flat, no leaks`, async () => {
    const g = presetGraph(name)!;
    for (const n of g.nodes) if (typeof n.params.batchSize === 'number') n.params.batchSize = 16;
    for (const n of g.nodes) if (n.type === 'op.latent') n.params.steps = 5;
    g.meta.train.logEvery = 1;
    const start = tf.memory().numTensors;
    const events: TrainEvent[] = [];
    const counts: number[] = [];
    const done = await trainSession({ graph: g, lookup: getSpec, backend: 'cpu', steps: 5, readAsset: readPublicAsset, emit: (e) => (events.push(e), e.type === 'metrics' && counts.push(tf.memory().numTensors)) });
    assert.equal(done.state, 'done', done.error);
    const metrics = events.filter((e): e is MetricsEvent => e.type === 'metrics');
    assert.equal(metrics.length, 5);
    // queues, centres, EMA copies and running statistics replace their tensors, never add to them
    assert.deepEqual(counts.slice(2), counts.slice(1, -1), `tensor counts ${counts.join(',')}`);
    for (const m of metrics) {
      assert.ok(Object.keys(m.losses).length > 0);
      for (const [k, v] of Object.entries(m.losses)) assert.ok(Number.isFinite(v), `${name} ${k} = ${v}`);
    }
    assert.equal(tf.memory().numTensors, start, 'no tensor left behind');
  });
}
