import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import type { DoneEvent, LiveParamsEvent, MetricsEvent, StepStatsEvent, TrainEvent } from '../events';
import type { Graph } from '../graph';
import { presetGraph } from '../presets';
import { validateForTraining, type ValidatedGraph } from '../validated-graph';
import { readPublicAsset } from './node-assets';
import { trainSession } from './session';
import type { Control } from './trainer';

before(async () => {
  await tf.setBackend('cpu');
});

function tinyDae(): Graph {
  const g = presetGraph('dae')!;
  for (const n of g.nodes) {
    if (n.type === 'data.mnist') n.params.batchSize = 16;
    if (n.type === 'net.encoder') Object.assign(n.params, { hidden: [32], latent: 8 });
    if (n.type === 'net.decoder') Object.assign(n.params, { hidden: [32] });
  }
  g.meta.train.logEvery = 50;
  g.meta.train.imageEvery = 500;
  return g;
}

function validated(g: Graph): ValidatedGraph {
  const v = validateForTraining(g, getSpec);
  assert.ok(v.ok);
  return v.graph;
}

/** Starts a long run in step mode; `until` waits for the run's next pause. */
function stepRun(graph: Graph, control: Control) {
  const events: TrainEvent[] = [];
  let pauses = 0;
  const done: Promise<DoneEvent> = trainSession({ graph, lookup: getSpec, backend: 'cpu', steps: 10_000, readAsset: readPublicAsset, control, emit: (e) => (events.push(e), e.type === 'state' && e.state === 'paused' && pauses++) });
  let ended = false;
  void done.then(() => (ended = true));
  const untilPaused = async (n: number) => {
    while (pauses < n) {
      // a run that ended instead of pausing fails the test rather than hanging it
      if (ended) assert.fail(`the run ended: ${JSON.stringify(events.filter((e) => e.type === 'done' || e.type === 'issues'))}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const step = (n: number) => {
    control.stepsLeft = n;
    control.paused = false;
    control.wake?.();
  };
  const of = <T extends TrainEvent['type']>(type: T) => events.filter((e): e is Extract<TrainEvent, { type: T }> => e.type === type);
  return { events, done, untilPaused, step, of };
}

test('Step runs exactly one step and pauses; its stepstats hold every node output and the gradient norm of each weight tensor, summing to the logged norm', async () => {
  const start = tf.memory().numTensors;
  const control: Control = { paused: false, stopped: false, stepsLeft: 1, stepStats: true };
  const r = stepRun(tinyDae(), control);
  await r.untilPaused(1);
  await new Promise((res) => setTimeout(res, 30));
  assert.deepEqual(r.of('metrics').map((m) => m.step), [1], 'one step, then a pause');
  const s: StepStatsEvent = r.of('stepstats')[0];
  assert.equal(s.step, 1);
  assert.ok(s.stats.encoder?.out && s.stats.decoder?.out, Object.keys(s.stats).join());
  assert.ok(s.stats.encoder.out.std > 0);
  const enc = s.grads.filter((g) => g.nodeId === 'encoder');
  assert.ok(enc.length >= 2 && enc.every((g) => g.norm > 0 && g.phase === 'main'), JSON.stringify(enc));
  assert.ok(enc.some((g) => g.shape.length === 2), 'weight matrices carry their shape');
  // the global norm of a phase is the root of the sum of its tensors' squared norms
  const global = Math.sqrt(s.grads.reduce((a, g) => a + g.norm ** 2, 0));
  const logged = (r.of('metrics')[0] as MetricsEvent).gradNorms.main;
  assert.ok(Math.abs(global - logged) <= 1e-4 * logged, `${global} vs ${logged}`);

  // Step ×3: three more steps, each logged and measured; tensors stay flat while stepping
  const counts: number[] = [];
  for (let i = 2; i <= 4; i++) {
    r.step(1);
    await r.untilPaused(i);
    counts.push(tf.memory().numTensors);
  }
  r.step(3);
  await r.untilPaused(5);
  counts.push(tf.memory().numTensors);
  assert.deepEqual(r.of('metrics').map((m) => m.step), [1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(r.of('stepstats').map((m) => m.step), [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(Math.max(...counts), Math.min(...counts), `tensor counts ${counts.join(',')}`);
  control.stopped = true;
  control.wake?.();
  const done = await r.done;
  assert.equal(done.state, 'stopped');
  assert.equal(done.steps, 7);
  assert.equal(tf.memory().numTensors, start, 'nothing left behind');
});

test('params changed between steps apply at the next step; a change that reshapes weights is refused and the run goes on unchanged', async () => {
  const g = tinyDae();
  const control: Control = { paused: false, stopped: false, stepsLeft: 2, stepStats: true };
  const r = stepRun(g, control);
  await r.untilPaused(1);
  const reshaped = structuredClone(g);
  reshaped.nodes.find((n) => n.id === 'encoder')!.params.latent = 16;
  control.nextGraph = validated(reshaped);
  r.step(1);
  await r.untilPaused(2);
  const refused: LiveParamsEvent = r.of('live')[0];
  assert.equal(refused.step, 3);
  assert.match(refused.refused ?? '', /Encoder \(encoder\) now outputs another shape|weights of another shape/);
  assert.ok(r.of('metrics').at(-1)!.totals.main > 0);

  const edited = structuredClone(g);
  edited.nodes.find((n) => n.id === 'recon')!.params.weight = 0;
  edited.meta.train.learningRate = 0.01;
  control.nextGraph = validated(edited);
  r.step(1);
  await r.untilPaused(3);
  const live = r.of('live')[1];
  assert.deepEqual([live.step, live.refused], [4, null]);
  assert.deepEqual(live.applied, ['recon.weight 1 → 0', `learning rate ${g.meta.train.learningRate} → 0.01`]);
  const m = r.of('metrics').at(-1)!;
  assert.equal(m.step, 4);
  assert.equal(m.totals.main, 0, 'a zero weight zeroes the total');
  assert.ok(m.losses.recon > 0, 'the term itself is still measured');
  assert.equal(m.learningRate, 0.01);
  assert.ok(r.of('stepstats').at(-1)!.grads.every((x) => x.norm === 0));
  control.stopped = true;
  control.wake?.();
  assert.equal((await r.done).numTensors, 0);
});
