// The attention view's data, as the worker produces it during a run: maps for a
// gallery of held-out digits, per block and head, that change as the model trains,
// with no tensor left behind.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import type { AttentionEvent, TrainEvent } from '../events';
import { presetGraph } from '../presets';
import { readPublicAsset } from './node-assets';
import { trainSession } from './session';

before(async () => {
  await tf.setBackend('cpu');
});

async function attentionEvents(name: string): Promise<AttentionEvent[]> {
  const g = presetGraph(name)!;
  for (const n of g.nodes) if (n.type === 'data.mnist') n.params.batchSize = 8;
  g.meta.train = { ...g.meta.train, logEvery: 1, imageEvery: 2 };
  const events: TrainEvent[] = [];
  const start = tf.memory().numTensors;
  const done = await trainSession({
    graph: g,
    lookup: getSpec,
    backend: 'cpu',
    steps: 4,
    readAsset: readPublicAsset,
    emit: (e) => events.push(e),
    monitors: { latent: false, collapse: false, nodeStats: false, energy: false, attention: true },
  });
  assert.equal(done.state, 'done', done.error);
  assert.equal(tf.memory().numTensors, start, 'nothing left after the run');
  return events.filter((e): e is AttentionEvent => e.type === 'attention');
}

const sums = (e: AttentionEvent) => {
  const t = e.grid[0] * e.grid[1];
  return Array.from({ length: e.maps.length / t }, (_, i) => e.maps.subarray(i * t, (i + 1) * t).reduce((a, b) => a + b, 0));
};

test('ViT + SimCLR: CLS attention maps of 16 held-out digits, per block and head, updated as it trains', async () => {
  const ev = await attentionEvents('vit-simclr');
  assert.deepEqual(ev.map((e) => e.step), [2, 4]);
  const e = ev[1];
  assert.equal(e.source, 'vit');
  assert.equal(e.query, 'cls');
  assert.deepEqual(e.grid, [4, 4]);
  assert.equal(e.rows.length, 16);
  assert.equal(e.pixels.length, 16 * 784);
  assert.equal(e.maps.length, 16 * e.blocks * e.heads * 16);
  assert.deepEqual([e.blocks, e.heads], [2, 2]);
  // the CLS row sums to 1 over CLS and the patches: the patches get a share of it
  for (const s of sums(e)) assert.ok(s > 0 && s < 1, `patch share ${s}`);
  assert.notDeepEqual(Array.from(ev[0].maps), Array.from(e.maps), 'maps move with training');
});

test('MAE: the encoder sees every patch at evaluation; without CLS the maps average the query rows and sum to 1', async () => {
  const [e] = await attentionEvents('mae');
  assert.equal(e.query, 'mean');
  assert.deepEqual(e.grid, [4, 4]);
  assert.equal(e.maps.length, 16 * e.blocks * e.heads * 16);
  for (const s of sums(e)) assert.ok(Math.abs(s - 1) < 1e-4, `sum ${s}`);
});
