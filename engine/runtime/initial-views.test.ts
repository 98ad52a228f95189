// The untrained model's views arrive after the first step's losses (initial-views.ts) and
// still show the untrained model; the run then trains on exactly as without them.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import type { LatentEvent, MetricsEvent, TrainEvent } from '../events';
import type { Graph } from '../graph';
import { presetGraph } from '../presets';
import { validateForTraining } from '../validated-graph';
import { compile } from './compile';
import { loadDatasets } from './datasets';
import { representationPort } from './evaluate';
import { evalSubset, latentSnapshot } from './monitors';
import { readPublicAsset } from './node-assets';
import { trainSession } from './session';

before(async () => {
  await tf.setBackend('cpu');
});

/** DINO: a momentum encoder (mirrored weights) and a centre updated every step (state). */
function dino(): Graph {
  const g = presetGraph('dino')!;
  for (const n of g.nodes) if (n.type === 'data.mnist') n.params.batchSize = 8;
  g.meta.train = { ...g.meta.train, logEvery: 1, imageEvery: 100, latentEvery: 100 };
  return g;
}

async function run(views: boolean, steps: number) {
  const events: TrainEvent[] = [];
  const start = tf.memory().numTensors;
  const done = await trainSession({
    graph: dino(),
    lookup: getSpec,
    backend: 'cpu',
    steps,
    readAsset: readPublicAsset,
    emit: (e) => events.push(e),
    monitors: { latent: views, collapse: views, nodeStats: views, energy: views },
    monitorFloorMs: Number.POSITIVE_INFINITY,
  });
  assert.equal(done.state, 'done', done.error);
  assert.equal(tf.memory().numTensors, start, 'nothing left after the run');
  return events;
}

test('the step-0 views come after the first loss and show the model as compiled', async () => {
  // the reference: the latent plot of the freshly compiled (seeded) model, before any step
  const v = validateForTraining(dino(), getSpec);
  assert.ok(v.ok);
  const plan = compile(v.graph, await loadDatasets(v.graph.datasets, readPublicAsset));
  assert.ok(plan.ok);
  const untrained = await latentSnapshot(plan.plan, representationPort(plan.plan)!, evalSubset(plan.plan), 0, 'pca');
  plan.plan.dispose();

  const events = await run(true, 2);
  const firstLoss = events.findIndex((e) => e.type === 'metrics');
  const latent0 = events.findIndex((e) => e.type === 'latent' && e.step === 0);
  assert.ok(firstLoss >= 0 && latent0 > firstLoss, `the first loss (event ${firstLoss}) comes before the step-0 views (event ${latent0})`);
  assert.deepEqual([...(events[latent0] as LatentEvent).points], [...untrained.points], 'the step-0 latent plot is the untrained model');
  assert.ok(events.some((e) => e.type === 'collapse' && e.step === 0), 'the collapse monitor sees step 0 too');
});

test('training after the step-0 views goes on from the trained weights and state, exactly', async () => {
  const losses = (events: TrainEvent[]) => events.filter((e): e is MetricsEvent => e.type === 'metrics').map((m) => m.losses);
  const withViews = losses(await run(true, 2));
  const without = losses(await run(false, 2));
  assert.equal(withViews.length, 2);
  assert.deepEqual(withViews, without);
});
