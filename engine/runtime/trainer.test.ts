import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import type { DoneEvent, MetricsEvent, TrainEvent } from '../events';
import type { Graph } from '../graph';
import { presetGraph } from '../presets';
import { readPublicAsset } from './node-assets';
import { trainSession } from './session';
import type { Control } from './trainer';

before(async () => {
  await tf.setBackend('cpu');
});

/** The DAE preset shrunk so the cpu backend runs hundreds of steps in seconds. */
function tinyDae(batch = 16): Graph {
  const g = presetGraph('dae')!;
  for (const n of g.nodes) {
    if (n.type === 'data.mnist') n.params.batchSize = batch;
    if (n.type === 'net.encoder') Object.assign(n.params, { hidden: [32], latent: 8 });
    if (n.type === 'net.decoder') Object.assign(n.params, { hidden: [32] });
  }
  g.meta.train.logEvery = 10;
  g.meta.train.imageEvery = 50;
  return g;
}

async function run(graph: Graph, steps: number, control?: Control, onEvent?: (e: TrainEvent) => void) {
  const events: TrainEvent[] = [];
  const done = await trainSession({ graph, lookup: getSpec, backend: 'cpu', steps, readAsset: readPublicAsset, control, emit: (e) => (events.push(e), onEvent?.(e)) });
  const metrics = events.filter((e): e is MetricsEvent => e.type === 'metrics');
  return { done, events, metrics, counts: [] as number[] };
}

test('the denoising autoencoder learns: loss falls, images and backend are reported', async () => {
  const g = tinyDae(32);
  g.meta.train.learningRate = 3e-3;
  const { done, events, metrics } = await run(g, 120);
  assert.equal(done.state, 'done');
  assert.equal(done.steps, 120);
  assert.equal(done.backend, 'cpu');
  const { startMs, ...backend } = events.find((e) => e.type === 'backend') as Extract<TrainEvent, { type: 'backend' }>;
  assert.deepEqual(backend, { type: 'backend', backend: 'cpu', skipped: [], why: 'chosen in the run settings' });
  assert.ok(startMs && startMs.data >= 0 && startMs.backend >= 0, 'the time spent on data and backend start is reported');
  assert.deepEqual(metrics.map((m) => m.step).slice(0, 3), [1, 10, 20]);
  const first = metrics[0].losses.recon;
  const last = metrics.at(-1)!.losses.recon;
  assert.ok(last < 0.6 * first, `loss fell from ${first} to ${last}`);
  assert.ok(metrics.every((m) => m.gradNorms.main > 0 && Number.isFinite(m.totals.main)));
  const images = events.filter((e) => e.type === 'images');
  assert.equal(images.length, 3); // steps 50, 100, 120
  const rows = images[0].type === 'images' ? images[0].rows : [];
  assert.deepEqual(rows.map((r) => r.label), ['MNIST.image', 'Gaussian noise.out', 'Decoder.out', 'Interpolation between two codes']);
  for (const r of rows) assert.equal(r.pixels.length, r.n * r.height * r.width * r.channels);
  // clean digits are mostly black background: many zero bytes; noise makes most bytes non-zero
  const zeros = (px: Uint8Array) => px.filter((v) => v === 0).length / px.length;
  assert.ok(zeros(rows[0].pixels) > 0.5);
  assert.ok(zeros(rows[1].pixels) < zeros(rows[0].pixels));
});

test('no tensor leaks: numTensors stays flat across 500 steps', async () => {
  const counts: number[] = [];
  const g = tinyDae(8);
  const start = tf.memory().numTensors;
  const { done } = await run(g, 500, undefined, (e) => {
    if (e.type === 'metrics' || e.type === 'images') counts.push(tf.memory().numTensors);
  });
  assert.equal(done.state, 'done');
  assert.ok(counts.length > 50);
  assert.equal(Math.max(...counts.slice(1)), Math.min(...counts.slice(1)), `tensor counts ${counts.join(',')}`);
  assert.equal(tf.memory().numTensors, start, 'everything is freed when the run ends');
});

test('same graph and seed give the same losses; another seed does not', async () => {
  const a = await run(tinyDae(), 20);
  const b = await run(tinyDae(), 20);
  assert.deepEqual(a.metrics.map((m) => m.losses), b.metrics.map((m) => m.losses));
  const g = tinyDae();
  g.meta.seed = 7;
  const c = await run(g, 20);
  assert.notDeepEqual(c.metrics.map((m) => m.losses), a.metrics.map((m) => m.losses));
});

test('a diverging run fails with a message on the loss node, and nothing leaks', async () => {
  const g = tinyDae();
  g.meta.train = { ...g.meta.train, optimizer: 'sgd', learningRate: 10, logEvery: 1 };
  const dec = g.nodes.find((n) => n.type === 'net.decoder')!;
  dec.params.outActivation = 'linear';
  const start = tf.memory().numTensors;
  const { done, events } = await run(g, 200);
  assert.equal(done.state, 'failed');
  assert.match(done.error!, /^the loss became (NaN|Infinity) at step \d+ in Reconstruction loss \(recon\): the run diverged and was stopped/);
  const issues = events.filter((e) => e.type === 'issues').at(-1);
  assert.ok(issues && issues.type === 'issues');
  const stop = issues.issues.at(-1)!;
  assert.deepEqual([stop.code, stop.nodeIds], ['diverged', ['recon']]);
  assert.equal(tf.memory().numTensors, start);
});

test('a broken graph never starts: issues name the nodes', async () => {
  const g = tinyDae();
  g.edges = g.edges.filter((e) => e.to.node !== 'decoder');
  const { done, events } = await run(g, 10);
  assert.equal(done.state, 'failed');
  const issues = events.find((e) => e.type === 'issues');
  assert.ok(issues && issues.type === 'issues');
  assert.deepEqual(issues.issues.map((i) => i.nodeIds), [['decoder']]);
  const bad = await trainSession({ graph: '{"version":1,"nodes":[],"edges":[],"extra":1}', lookup: getSpec, backend: 'cpu', readAsset: readPublicAsset, emit: () => {} });
  assert.equal(bad.state, 'failed');
  assert.match(bad.error!, /unknown field "extra"/);
});

test('pause holds the run, resume continues it, stop ends it early', async () => {
  const control: Control = { paused: false, stopped: false };
  const states: string[] = [];
  let done: DoneEvent | undefined;
  const p = run(tinyDae(), 10_000, control, (e) => {
    if (e.type === 'state') states.push(e.state);
    if (e.type === 'metrics' && e.step === 20) control.paused = true;
  }).then((r) => (done = r.done));
  while (!states.includes('paused')) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(done, undefined, 'still paused');
  control.paused = false;
  control.wake?.();
  await new Promise((r) => setTimeout(r, 30));
  control.stopped = true;
  await p;
  assert.equal(done!.state, 'stopped');
  assert.ok(done!.steps > 20 && done!.steps < 10_000, `stopped after ${done!.steps} steps`);
  assert.deepEqual(states.slice(0, 4), ['compiling', 'running', 'paused', 'running']);
  assert.equal(states.at(-1), 'stopped');
});

test('stop while paused: the run leaves "paused" at once (no Step offered during the end evaluation) and ends stopped', async () => {
  const control: Control = { paused: false, stopped: false };
  const states: string[] = [];
  const p = run(tinyDae(), 10_000, control, (e) => {
    if (e.type === 'state') states.push(e.state);
    if (e.type === 'metrics' && e.step === 10) control.paused = true;
  });
  while (!states.includes('paused')) await new Promise((r) => setTimeout(r, 5));
  control.stopped = true;
  control.wake?.();
  const { done } = await p;
  assert.equal(done.state, 'stopped');
  assert.deepEqual(states.slice(2), ['paused', 'running', 'stopped']);
});

test('divergence: an autoencoder whose units all die at lr 10 ends done with a dead-network warning, every step checked', async () => {
  const g = tinyDae(32);
  g.meta.train.learningRate = 10;
  g.meta.train.logEvery = 5;
  const { done, events, metrics } = await run(g, 25);
  assert.equal(done.state, 'done', 'a warning does not stop the run');
  const warned = events.flatMap((e) => (e.type === 'issues' ? e.issues : [])).filter((i) => i.code === 'dead-network' || i.code === 'exploding');
  assert.ok(warned.length >= 1, JSON.stringify(metrics.map((m) => [m.totals.main, m.gradNorms.main])));
  assert.ok(done.warnings?.length, 'the summary lists the warnings');
  assert.equal(done.numTensors, 0, 'the per-step totals kept for the check are freed');
});
