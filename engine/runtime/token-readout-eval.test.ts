// What evaluation reads from a transformer that outputs tokens: the encoder of
// masked tokens has no patch grid on its wire, yet at evaluation it sees every
// patch, so the quadrant readout must still find the grid (through the Mask).
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import type { EmbeddingsEvent, TrainEvent } from '../events';
import { presetGraph } from '../presets';
import { readPublicAsset } from './node-assets';
import { trainSession } from './session';

before(async () => {
  await tf.setBackend('cpu');
});

async function heldOutFeatures(readout: string): Promise<EmbeddingsEvent> {
  const g = presetGraph('ijepa')!;
  for (const n of g.nodes) {
    if (n.type === 'data.mnist') n.params.batchSize = 8;
    if (n.id === 'encoder') n.params.readout = readout;
  }
  const events: TrainEvent[] = [];
  const start = tf.memory().numTensors;
  const done = await trainSession({ graph: g, lookup: getSpec, backend: 'cpu', steps: 1, readAsset: readPublicAsset, emit: (e) => events.push(e), embeddingsAtEnd: true });
  assert.equal(done.state, 'done', done.error);
  assert.equal(tf.memory().numTensors, start, 'nothing left after the run');
  return events.find((e): e is EmbeddingsEvent => e.type === 'embeddings')!;
}

test('I-JEPA encoder (16 patches of width 32): mean [N, 32], quadrants [N, 128], tokens [N, 512]; quadrants average back to the mean', async () => {
  const mean = await heldOutFeatures('mean');
  const quad = await heldOutFeatures('quadrants');
  const tokens = await heldOutFeatures('tokens');
  assert.deepEqual([mean.shape, quad.shape, tokens.shape], [[2000, 32], [2000, 128], [2000, 512]]);
  // on a 4×4 grid the four quadrants hold 4 patches each, so their average is the mean token
  for (const row of [0, 1999]) {
    for (let d = 0; d < 32; d++) {
      const q = [0, 1, 2, 3].reduce((s, k) => s + quad.data[row * 128 + k * 32 + d], 0) / 4;
      assert.ok(Math.abs(q - mean.data[row * 32 + d]) < 1e-4, `row ${row} dim ${d}: ${q} vs ${mean.data[row * 32 + d]}`);
    }
  }
});
