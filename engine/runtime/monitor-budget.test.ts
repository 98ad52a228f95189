// Monitors stay a bounded share of a run and never hold up Stop: the budget's
// arithmetic on a fake clock, a Stop that lands in the middle of a monitor pass,
// and a run whose views would cost more than its training.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import type { TrainEvent } from '../events';
import type { Graph } from '../graph';
import { presetGraph } from '../presets';
import { MONITOR_FLOOR_MS, MonitorBudget } from './monitor-budget';
import { readPublicAsset } from './node-assets';
import { trainSession } from './session';
import type { Control } from './trainer';

before(async () => {
  await tf.setBackend('cpu');
});

test('the budget lets monitors take up to half the training time (a third of the run), never refusing below the floor', async () => {
  let now = 0;
  const b = new MonitorBudget(() => now, 3000);
  const pass = (ms: number) => b.time(async () => void (now += ms));
  assert.ok(MONITOR_FLOOR_MS >= 10_000, 'short runs keep every refresh');
  await pass(2999); // no training yet, but under the floor
  assert.ok(b.allows());
  await pass(2);
  assert.equal(b.allows(), false, 'over the floor with no training time');
  assert.ok(b.justCapped, 'the first refusal is the moment to say so');
  now += 2 * b.spent; // training catches up
  assert.ok(b.allows());
  now += 1;
  await pass(10);
  assert.equal(b.allows(), false);
  assert.equal(b.justCapped, false, 'said once per run');
  assert.match(b.notice().message, /took 3\.0 s of the run's 9\.0 s, more than a third: some of their refreshes are now skipped/);
});

function tinyDae(): Graph {
  const g = presetGraph('dae')!;
  for (const n of g.nodes) {
    if (n.type === 'data.mnist') n.params.batchSize = 16;
    if (n.type === 'net.encoder') Object.assign(n.params, { hidden: [16], latent: 4 });
    if (n.type === 'net.decoder') Object.assign(n.params, { hidden: [16] });
  }
  return g;
}

const ALL = { latent: true, collapse: true, nodeStats: true, energy: true };

test('Stop during a monitor pass ends the pass and the run at that step', async () => {
  const g = tinyDae();
  g.meta.train.imageEvery = 5;
  g.meta.train.latentEvery = 5;
  const control: Control = { paused: false, stopped: false };
  const events: TrainEvent[] = [];
  const done = await trainSession({
    graph: g,
    lookup: getSpec,
    backend: 'cpu',
    steps: 100,
    readAsset: readPublicAsset,
    monitors: ALL,
    control,
    emit: (e) => {
      events.push(e);
      // Stop arrives as a message (as the worker gets it) while step 10's pass runs: the first view of the pass is out
      if (e.type === 'images' && e.step === 10) {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          ch.port1.close();
          control.stopped = true;
        };
        ch.port2.postMessage('stop');
      }
    },
  });
  assert.equal(done.state, 'stopped');
  assert.equal(done.steps, 10);
  const at = (step: number) => events.filter((e) => 'step' in e && e.step === step && e.type !== 'metrics').map((e) => e.type);
  assert.deepEqual(at(5), ['images', 'collapse', 'nodestats', 'latent'], 'a pass without Stop shows every view');
  assert.deepEqual(at(10), ['images'], 'the pass ends at the Stop');
});

test('views that would cost more than training are refreshed less often, the run says so, and the last refresh still runs', async () => {
  const g = tinyDae();
  g.meta.train.imageEvery = 1;
  g.meta.train.latentEvery = 1;
  g.meta.train.logEvery = 50;
  const events: TrainEvent[] = [];
  const steps = 400;
  const done = await trainSession({ graph: g, lookup: getSpec, backend: 'cpu', steps, readAsset: readPublicAsset, monitors: ALL, monitorFloorMs: 2000, emit: (e) => events.push(e) });
  assert.equal(done.state, 'done');
  const images = events.filter((e) => e.type === 'images').map((e) => (e as { step: number }).step);
  assert.ok(images.length < steps / 2, `${images.length} image refreshes for ${steps} steps`);
  assert.equal(images.at(-1), steps, 'the last refresh runs');
  assert.ok(done.warnings?.some((w) => /The views and evaluation took .* more than a third/.test(w)), JSON.stringify(done.warnings));
  const issues = events.filter((e) => e.type === 'issues').at(-1);
  assert.ok(issues && issues.type === 'issues' && issues.issues.some((i) => i.code === 'slow' && i.nodeIds.length === 0));
});
