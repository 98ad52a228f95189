// Training on imported data end to end (in process): an image set with labels gets kNN
// and a probe with as many labels per class as the data allows; one without labels gets
// collapse and held-out loss and the reason kNN / probe are missing; a dataset that is
// not on the device fails naming it; a CSV drives a vector graph.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import { TORCH_PARTS } from '../../nodes/torch';
import { buildBundle } from '../export/bundle';
import { parseCsv } from '../data/csv';
import type { ImportedSet } from '../data/imported';
import { imagesFromArrays, readNpz } from '../data/npz';
import { contentHash, metaOf, refOf } from '../data/store';
import { medmnistNpz } from '../data/testing/fixtures';
import { withDataset } from '../data/with-dataset';
import type { EvalEvent, LatentEvent, TrainEvent } from '../events';
import type { Graph } from '../graph';
import { parseParams } from '../params';
import { presetGraph } from '../presets';
import { readPublicAsset } from './node-assets';
import { trainSession } from './session';

before(async () => {
  await tf.setBackend('cpu');
});

function tinyAe(): Graph {
  const g = presetGraph('ae')!;
  for (const n of g.nodes) {
    if (n.type === 'data.mnist') n.params.batchSize = 8;
    if (n.type === 'net.encoder') Object.assign(n.params, { hidden: [16], latent: 4 });
    if (n.type === 'net.decoder') Object.assign(n.params, { hidden: [16] });
  }
  return g;
}

async function train(set: ImportedSet, graph: Graph, stored = true) {
  const ref = refOf(metaOf(set, await contentHash(set), 'mine', 'mine.npz'));
  const r = withDataset(graph, ref);
  assert.equal(r.problem, undefined);
  const events: TrainEvent[] = [];
  const before = tf.memory().numTensors;
  const done = await trainSession({
    graph: r.graph,
    lookup: getSpec,
    backend: 'cpu',
    steps: 3,
    readAsset: readPublicAsset,
    readStored: async (id, name) => {
      if (!stored) throw new Error(`"${name}" is not on this device`);
      assert.equal(id, ref.id);
      return set;
    },
    emit: (e) => events.push(e),
    evaluate: { every: 0, atEnd: true },
    monitors: { latent: true, collapse: false, nodeStats: false, energy: false },
  });
  assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
  return { done, graph: r.graph, events, ev: events.find((e): e is EvalEvent => e.type === 'eval'), latent: events.find((e): e is LatentEvent => e.type === 'latent') };
}

test('a labelled npz trains; kNN and the probe use the labels the data allows', async () => {
  // 4 training images per class: the probe uses 4 per class, not 10
  const set = imagesFromArrays(readNpz(medmnistNpz({ train: 12, test: 9, classes: 3 }), 'l.npz'), 'l.npz');
  const { done, ev, latent } = await train(set, tinyAe());
  assert.equal(done.state, 'done', done.error);
  assert.ok(ev && ev.knn !== null && ev.probe !== null);
  assert.equal(ev.probePerClass, 4);
  assert.equal(ev.noLabels, undefined);
  assert.equal(latent?.labelled, undefined);
});

test('an unlabelled set shows collapse and held-out loss and says why kNN and the probe are missing', async () => {
  const labelled = imagesFromArrays(readNpz(medmnistNpz({ train: 30, classes: 3 }), 'u.npz'), 'u.npz');
  const set: ImportedSet = { ...labelled, classNames: null, train: { ...labelled.train, labels: null } };
  const { done, ev, latent } = await train(set, tinyAe());
  assert.equal(done.state, 'done', done.error);
  assert.ok(ev);
  assert.equal(ev.knn, null);
  assert.equal(ev.probe, null);
  assert.match(ev.noLabels!, /no labels/);
  assert.ok(ev.effectiveRank! > 0 && ev.collapse !== null && ev.heldOutTotal !== null);
  assert.equal(latent?.labelled, false);
});

test('a graph whose dataset is not on this device fails naming it', async () => {
  const set = imagesFromArrays(readNpz(medmnistNpz({ train: 10 }), 'x.npz'), 'x.npz');
  const { done } = await train(set, tinyAe(), false);
  assert.equal(done.state, 'failed');
  assert.match(done.error!, /could not load the dataset: "mine" is not on this device/);
});

test('a CSV of 2-D points replaces the toy data of a vector graph (K-means)', async () => {
  const rows = Array.from({ length: 60 }, (_, i) => `${(i % 2) * 2 + Math.sin(i) * 0.1},${Math.cos(i) * 0.1},${i % 2 ? 'b' : 'a'}`);
  const set = parseCsv(['x,y,label', ...rows].join('\n'), 'pts.csv');
  assert.deepEqual(set.sampleShape, [2]);
  const { done, ev } = await train(set, presetGraph('kmeans')!);
  assert.equal(done.state, 'done', done.error);
  assert.ok(ev);
});

test('a graph on an imported RGB set exports to PyTorch with the prepared images', async () => {
  const set = imagesFromArrays(readNpz(medmnistNpz({ train: 12, test: 6, channels: 3 }), 'rgb.npz'), 'rgb.npz');
  const ref = refOf(metaOf(set, await contentHash(set), 'rgb', 'rgb.npz'));
  const graph = withDataset(presetGraph('simclr')!, ref).graph;
  const node = graph.nodes.find((n) => n.type === 'data.user')!;
  const spec = getSpec('data.user')!;
  const params = parseParams(spec.params, node.params);
  assert.ok(params.ok);
  const ds = spec.data!.stored!(params.value as never)!.prepare(set, graph.meta.seed);
  assert.deepEqual(ds.sampleShape, [28, 28, 3]);
  const b = buildBundle(graph, getSpec, (t) => TORCH_PARTS[t], ds);
  assert.ok(b.ok, JSON.stringify(!b.ok && b.issues));
  const text = Object.values(b.files).filter((f): f is string => typeof f === 'string').join('\n');
  assert.match(text, /batch\["x"\]\.float\(\) \* 0\.00392/);
  assert.ok(b.files['data/dataset.npz'] instanceof Uint8Array);
});

test('on an RGB set the decoder and the dictionary draw 3-channel images: training, the image grid and the PyTorch export follow', async () => {
  const set = imagesFromArrays(readNpz(medmnistNpz({ train: 16, test: 8, classes: 2, channels: 3 }), 'rgb.npz'), 'rgb.npz');
  const ae = await train(set, tinyAe());
  assert.equal(ae.done.state, 'done', ae.done.error);
  assert.equal(ae.graph.nodes.find((n) => n.type === 'net.decoder')!.params.channelsOut, 3);
  const rows = ae.events.filter((e) => e.type === 'images').flatMap((e) => (e.type === 'images' ? e.rows : []));
  const decoded = rows.find((r) => r.label.startsWith('Decoder'));
  assert.equal(decoded?.channels, 3, JSON.stringify(rows.map((r) => [r.label, r.channels])));
  const node = ae.graph.nodes.find((n) => n.type === 'data.user')!;
  const spec = getSpec('data.user')!;
  const params = parseParams(spec.params, node.params);
  assert.ok(params.ok);
  const ds = spec.data!.stored!(params.value as never)!.prepare(set, ae.graph.meta.seed);
  const b = buildBundle(ae.graph, getSpec, (t) => TORCH_PARTS[t], ds);
  assert.ok(b.ok, JSON.stringify(!b.ok && b.issues));
  assert.match(String(b.files['model.py']), /Decoder\([^)]*channels_out=3/);

  const sc = presetGraph('sparse-coding')!;
  for (const n of sc.nodes) if (n.type === 'data.mnist') n.params.batchSize = 8;
  const sparse = await train(set, sc);
  assert.equal(sparse.done.state, 'done', sparse.done.error);
  assert.equal(sparse.graph.nodes.find((n) => n.type === 'net.dictionary')!.params.channels, 3);
});

test('a decoder left grey under an RGB set is refused with what to change', async () => {
  const set = imagesFromArrays(readNpz(medmnistNpz({ train: 8, test: 4, classes: 2, channels: 3 }), 'rgb.npz'), 'rgb.npz');
  const ref = refOf(metaOf(set, await contentHash(set), 'mine', 'mine.npz'));
  const g = withDataset(tinyAe(), ref).graph;
  g.nodes.find((n) => n.type === 'net.decoder')!.params.channelsOut = 1;
  const events: TrainEvent[] = [];
  const done = await trainSession({ graph: g, lookup: getSpec, backend: 'cpu', steps: 1, readAsset: readPublicAsset, emit: (e) => events.push(e) });
  assert.equal(done.state, 'failed');
  const issues = events.flatMap((e) => (e.type === 'issues' ? e.issues : []));
  assert.ok(issues.some((i) => /the target has 3 channels, so set the producing node's Image channels to 3/.test(i.message)), JSON.stringify(issues));
});
