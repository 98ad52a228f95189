import assert from 'node:assert/strict';
import { test } from 'node:test';
import { presetGraph } from '../../../engine/presets';
import type { TrainEvent } from '../../../workers/protocol';
import { LiveRunSaver } from './live-saver';
import type { RunRecord } from './record';
import { decimateSeries, LIMITS, RunRecorder, subsampleLatent, thin } from './recorder';

const metrics = (step: number, v: number): TrainEvent => ({ type: 'metrics', step, losses: { l: v }, totals: { main: v }, gradNorms: {}, learningRate: 1e-3, wallMs: step * 10, stepsPerSec: 100 });

function recorder() {
  return new RunRecorder({ id: 'r', name: 'r', graph: presetGraph('ae')!, backendChoice: 'auto', stepBudget: 100_000, startedAt: 0 }, () => 42);
}

test('long runs are decimated: bounded length, first and last steps kept, columns aligned', () => {
  const rec = recorder();
  for (let s = 1; s <= 10_000; s++) rec.handle(metrics(s, 1 / s));
  const m = rec.record.metrics;
  assert.ok(m.step.length <= LIMITS.metricPoints, `${m.step.length}`);
  assert.ok(m.step.length > LIMITS.metricPoints / 2);
  assert.equal(m.step[0], 1);
  assert.equal(m.step[m.step.length - 1], 10_000);
  assert.equal(m.values.l.length, m.step.length);
  assert.equal(m.wallMs.length, m.step.length);
  m.step.forEach((s, i) => assert.equal(m.values.l[i], 1 / s));
  for (let i = 1; i < m.step.length; i++) assert.ok(m.step[i] > m.step[i - 1]);
  assert.equal(rec.record.stepsDone, 10_000);
});

test('decimateSeries and thin keep the ends', () => {
  const s = { step: [0, 1, 2, 3, 4, 5, 6], wallMs: [0, 1, 2, 3, 4, 5, 6], values: { a: [0, 1, 2, 3, 4, 5, 6] } };
  decimateSeries(s, 5);
  assert.deepEqual(s.step, [0, 2, 4, 6]);
  assert.deepEqual(s.values.a, [0, 2, 4, 6]);
  assert.deepEqual(thin([1, 2, 3, 4, 5, 6], 4), [1, 3, 5, 6]);
  assert.deepEqual(thin([1, 2], 4), [1, 2]);
});

test('latent snapshots: at most 1000 points, evenly spaced, 4 significant digits; same step replaces', () => {
  const n = 2500;
  const points = Float32Array.from({ length: 2 * n }, (_, i) => i + 0.123456);
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
  const s = subsampleLatent(points, labels, 1000);
  assert.equal(s.labels.length, 1000);
  assert.equal(s.points.length, 2000);
  assert.equal(s.points[2], Number((2 * Math.floor(2500 / 1000) + 0.123456).toPrecision(4)));
  const rec = recorder();
  rec.handle({ type: 'latent', step: 50, source: 'encoder.out', method: 'pca', points, labels, explained: null });
  rec.handle({ type: 'latent', step: 0, source: 'encoder.out', method: 'pca', points, labels, explained: null });
  rec.handle({ type: 'latent', step: 50, source: 'projector.out', method: 'umap', points, labels, explained: null });
  assert.deepEqual(
    rec.record.latents.map((l) => [l.step, l.source]),
    [
      [0, 'encoder.out'],
      [50, 'projector.out'],
    ],
  );
  for (let s = 100; s < 100 + 50 * 300; s += 50) rec.handle({ type: 'latent', step: s, source: 'e', method: 'pca', points: points.subarray(0, 20), labels: labels.subarray(0, 10), explained: null });
  assert.ok(rec.record.latents.length <= LIMITS.latentSnapshots);
  assert.equal(rec.record.latents[0].step, 0);
  assert.equal(rec.record.latents[rec.record.latents.length - 1].step, 100 + 50 * 299);
});

test('end states: done -> finished, stopped, failed with its error; a lost worker fails the run', () => {
  for (const [state, status] of [
    ['done', 'finished'],
    ['stopped', 'stopped'],
    ['failed', 'failed'],
  ] as const) {
    const rec = recorder();
    rec.handle(metrics(1, 2));
    rec.handle({ type: 'done', state, steps: 1, wallMs: 10, stepsPerSec: 100, final: { l: 2 }, backend: 'cpu', numTensors: 0, error: state === 'failed' ? 'diverged' : undefined });
    assert.equal(rec.record.status, status);
    assert.equal(rec.record.error, state === 'failed' ? 'diverged' : null);
    assert.equal(rec.record.endedAt, 42);
    // nothing after the end changes the record
    assert.equal(rec.handle(metrics(2, 1)), false);
  }
  const rec = recorder();
  rec.end('the training worker failed');
  assert.equal(rec.record.status, 'failed');
  assert.equal(rec.record.error, 'the training worker failed');
});

test('the live saver writes at once, then at most once per interval, and at the end', async () => {
  const writes: RunRecord[] = [];
  const timers: (() => void)[] = [];
  let clock = 1000;
  const saver = new LiveRunSaver(recorder(), async (r) => void writes.push(structuredClone(r)), {
    intervalMs: 2000,
    now: () => clock,
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => undefined,
  });
  await saver.flush(); // the run exists as "running" before its first step
  assert.equal(writes.length, 1);
  assert.equal(writes[0].status, 'running');
  for (let s = 1; s <= 50; s++) saver.event(metrics(s, 1));
  assert.equal(timers.length, 1, 'one timer for a burst of events');
  clock = 3000;
  timers[0]();
  await saver.flush();
  assert.equal(writes.length, 2);
  assert.equal(writes[1].stepsDone, 50);
  assert.equal(writes[1].savedAt, 3000);
  await saver.flush(); // nothing new: no write
  assert.equal(writes.length, 2);
  saver.event({ type: 'done', state: 'done', steps: 50, wallMs: 500, stepsPerSec: 100, final: {}, backend: 'cpu', numTensors: 0 });
  await saver.flush();
  assert.equal(writes.length, 3);
  assert.equal(writes[2].status, 'finished');
});

test('a rename while the run trains goes into the live record and its next write', async () => {
  const writes: RunRecord[] = [];
  const rec = recorder();
  const saver = new LiveRunSaver(rec, async (r) => void writes.push(structuredClone(r)), { intervalMs: 1000, setTimer: () => 0, clearTimer: () => undefined });
  await saver.flush();
  rec.update({ name: 'renamed', tags: ['a'] });
  await saver.flush();
  assert.equal(writes.length, 2);
  assert.equal(writes[1].name, 'renamed');
  assert.deepEqual(writes[1].tags, ['a']);
});
