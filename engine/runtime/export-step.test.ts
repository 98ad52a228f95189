// Weights both ways: a run hands its tensors out at the end (what an export with
// weights starts from), the PyTorch layouts round-trip, and a 0-step run started
// from imported tensors evaluates exactly those weights (latent plot, collapse, probe).
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import { torchPart } from '../../nodes/torch';
import { planExport } from '../export/assemble';
import { readNpz, writeNpz } from '../export/npz';
import { studioToTorch, torchToStudio } from '../export/weights';
import type { EvalEvent, TrainEvent, WeightsEvent } from '../events';
import type { Graph } from '../graph';
import { presetGraph } from '../presets';
import { readPublicAsset } from './node-assets';
import { trainSession } from './session';

before(async () => {
  await tf.setBackend('cpu');
});

function tinyByol(): Graph {
  const g = presetGraph('byol')!;
  for (const n of g.nodes) {
    if (n.type === 'data.mnist') n.params.batchSize = 16;
    if (n.type === 'net.encoder') Object.assign(n.params, { hidden: [32], latent: 8 });
    if (n.type === 'net.projector') Object.assign(n.params, { hidden: [16], out: 8 });
    if (n.type === 'net.predictor') Object.assign(n.params, { hidden: [16] });
  }
  g.meta.train.evalAtEnd = true;
  return g;
}

async function run(graph: Graph, steps: number, initialWeights?: WeightsEvent['tensors']) {
  const events: TrainEvent[] = [];
  const done = await trainSession({ graph, lookup: getSpec, backend: 'cpu', steps, readAsset: readPublicAsset, emit: (e) => events.push(e), weightsAtEnd: true, initialWeights, evaluate: { every: 0, atEnd: true }, monitors: { latent: true, collapse: true, nodeStats: false, energy: false } });
  return { done, events };
}

test('a run hands out its weights; they round-trip through the PyTorch layout and an import evaluates them', async () => {
  const g = tinyByol();
  const trained = await run(g, 3);
  assert.equal(trained.done.state, 'done');
  const w = trained.events.find((e): e is WeightsEvent => e.type === 'weights')!;
  assert.equal(w.step, 3);
  assert.ok(w.tensors['encoder.w0'] && w.tensors['momentum.encoder/w0'] && w.tensors['projector.runMean0']);

  const plan = planExport(g, getSpec, torchPart);
  assert.ok(plan.ok);
  if (!plan.ok) return;
  const torch = readNpz(writeNpz(studioToTorch(plan.plan, w.tensors)));
  assert.deepEqual(torch['encoder.mlp.layers.0.weight'].shape, [32, 784]); // nn.Linear is [out, in]
  const back = torchToStudio(plan.plan, torch, Object.fromEntries(Object.entries(w.tensors).map(([k, t]) => [k, t.shape])));
  assert.deepEqual(back.missing, []);
  for (const [k, t] of Object.entries(w.tensors)) assert.deepEqual(Array.from(back.tensors[k].data), Array.from(t.data), k);

  const imported = await run(g, 0, back.tensors);
  assert.equal(imported.done.state, 'done');
  const evalOf = (events: TrainEvent[]) => events.find((e): e is EvalEvent => e.type === 'eval')!;
  assert.ok(imported.events.some((e) => e.type === 'latent'), 'the latent plot shows the imported weights');
  assert.ok(imported.events.some((e) => e.type === 'collapse'));
  // the same weights give the same held-out figures as at the end of the run they came from
  assert.equal(evalOf(imported.events).knn, evalOf(trained.events).knn);
  assert.deepEqual(evalOf(imported.events).heldOut, evalOf(trained.events).heldOut);
  const fresh = await run(g, 0);
  assert.notDeepEqual(evalOf(fresh.events).heldOut, evalOf(imported.events).heldOut);

  const bad = await run(g, 0, { 'encoder.w0': { shape: [3, 3], data: new Float32Array(9) } });
  assert.equal(bad.done.state, 'failed');
  assert.match(bad.done.error!, /encoder\.w0: shape \[3, 3\] does not fit \[784, 32\]/);
});
