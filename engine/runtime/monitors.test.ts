// The training views' snapshots (as the worker runs them: every monitor on)
// draw real data and leak nothing over a run.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import type { TrainEvent } from '../events';
import { presetGraph } from '../presets';
import { readPublicAsset } from './node-assets';
import { trainSession } from './session';

before(async () => {
  await tf.setBackend('cpu');
});

async function runAll(name: string, steps: number, shrink: (g: ReturnType<typeof presetGraph> & object) => void) {
  const g = presetGraph(name)!;
  shrink(g);
  g.meta.train = { ...g.meta.train, logEvery: 2, imageEvery: 4, latentEvery: 4 };
  const events: TrainEvent[] = [];
  const counts: number[] = [];
  const start = tf.memory().numTensors;
  const done = await trainSession({
    graph: g,
    lookup: getSpec,
    backend: 'cpu',
    steps,
    readAsset: readPublicAsset,
    emit: (e) => {
      events.push(e);
      if (e.type === 'metrics') counts.push(tf.memory().numTensors);
    },
    evaluate: { every: 8, atEnd: false },
    monitors: { latent: true, collapse: true, nodeStats: true, energy: true },
    embeddingsAtEnd: true,
    // every refresh, however slow the machine: the monitor budget has its own test
    monitorFloorMs: Number.POSITIVE_INFINITY,
  });
  assert.equal(done.state, 'done', done.error);
  assert.equal(tf.memory().numTensors, start, 'nothing left after the run');
  assert.deepEqual(counts.slice(2), counts.slice(1, -1), `tensor counts flat: ${counts.join(',')}`);
  return events;
}

test('SimCLR: latent snapshots, collapse monitors with alignment, node stats, evaluation, embeddings', async () => {
  const events = await runAll('simclr', 16, (g) => {
    for (const n of g.nodes) if (n.type === 'data.mnist') n.params.batchSize = 8;
  });
  const latent = events.filter((e) => e.type === 'latent');
  assert.deepEqual(latent.map((e) => e.step), [0, 4, 8, 12, 16]);
  for (const e of latent) {
    assert.equal(e.source, 'encoder.out');
    assert.equal(e.points.length, 2 * e.labels.length);
    assert.ok(e.points.every(Number.isFinite));
  }
  const set = events.find((e) => e.type === 'evalset');
  assert.ok(set && set.pixels && set.pixels.length === set.labels.length * 784);
  const col = events.filter((e) => e.type === 'collapse');
  assert.ok(col.length >= 4);
  const c = col.at(-1)!;
  assert.equal(c.source, 'projector.out');
  assert.equal(c.perDimStd.length, 64);
  assert.ok(c.alignment !== null && c.uniformity !== null && c.effectiveRank > 1);
  const stats = events.find((e) => e.type === 'nodestats');
  assert.ok(stats && stats.stats.encoder.out.std > 0 && stats.stats.infonce.loss);
  const ev = events.filter((e) => e.type === 'eval');
  assert.deepEqual(ev.map((e) => e.step), [8]);
  assert.ok(ev[0].knn! > 0.3 && ev[0].probe === null);
  const emb = events.find((e) => e.type === 'embeddings');
  assert.ok(emb && emb.shape[0] === 2000 && emb.data.length === 2000 * emb.shape[1]);
  const images = events.find((e) => e.type === 'images');
  assert.ok(images && images.rows.some((r) => r.label.includes('(view 2)')));
});

test('K-means on 2-D blobs: the energy landscape is finite and lowest near the data', async () => {
  const events = await runAll('kmeans', 12, () => {});
  const energy = events.filter((e) => e.type === 'energy');
  assert.ok(energy.length >= 3);
  const e = energy.at(-1)!;
  assert.equal(e.energy.length, e.size * e.size);
  assert.ok(e.energy.every(Number.isFinite));
  // the energy at the grid cell under a held-out point is below the grid's median
  const sorted = Float32Array.from(e.energy).sort();
  const median = sorted[sorted.length >> 1];
  const cell = (x: number, y: number) => {
    const i = Math.min(e.size - 1, Math.max(0, Math.floor(((x - e.extent[0]) / (e.extent[1] - e.extent[0])) * e.size)));
    const j = Math.min(e.size - 1, Math.max(0, Math.floor(((e.extent[3] - y) / (e.extent[3] - e.extent[2])) * e.size)));
    return e.energy[j * e.size + i];
  };
  const below = Array.from({ length: e.points.length / 2 }, (_, k) => cell(e.points[2 * k], e.points[2 * k + 1]) < median).filter(Boolean).length;
  assert.ok(below / (e.points.length / 2) > 0.9, `${below} of ${e.points.length / 2} points sit in low energy`);
});

test('VAE: image rows include prior samples and an interpolation strip', async () => {
  const events = await runAll('vae', 4, (g) => {
    for (const n of g.nodes) if (n.type === 'data.mnist') n.params.batchSize = 8;
  });
  const rows = events.filter((e) => e.type === 'images').at(-1);
  assert.ok(rows && rows.type === 'images');
  const labels = rows.rows.map((r) => r.label);
  assert.ok(labels.includes('Samples from the prior N(0, I)') && labels.includes('Interpolation between two codes'), labels.join(', '));
});
