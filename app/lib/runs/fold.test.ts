import assert from 'node:assert/strict';
import { test } from 'node:test';
import { presetGraph } from '../../../engine/presets';
import type { TrainEvent } from '../../../workers/protocol';
import { RunStore } from '../run-store';
import { foldEvent, metricColumns, runOutcome } from './fold';
import { RunRecorder } from './recorder';

const events: TrainEvent[] = [
  { type: 'backend', backend: 'cpu', skipped: ['webgpu: no adapter'] },
  { type: 'state', state: 'running' },
  { type: 'metrics', step: 1, losses: { a: 2, 'a/x': 1 }, totals: { main: 2 }, gradNorms: { main: 1 }, learningRate: 1e-3, wallMs: 100, stepsPerSec: 10 },
  { type: 'metrics', step: 2, losses: { a: NaN, 'a/x': 0.5 }, totals: { main: NaN }, gradNorms: { main: 1 }, learningRate: 1e-3, wallMs: 200, stepsPerSec: 10 },
  { type: 'eval', step: 2, representation: 'enc.out', knn: 0.5, probe: NaN, probeDraws: null, collapse: 0.9, effectiveRank: 3, embedding: null, embeddingCollapse: null, heldOut: {}, heldOutTotal: null },
  { type: 'collapse', step: 2, source: 'proj.out', perDimStd: Float32Array.from([0.123456, NaN]), effectiveRank: 1.5, collapse: 0.2, alignment: null, uniformity: null, warning: null },
  { type: 'done', state: 'failed', steps: 2, wallMs: 200, stepsPerSec: 10, final: {}, backend: 'cpu', numTensors: 0 },
];

test('the dock and the recorder keep the same reading of one event stream', () => {
  const store = new RunStore();
  store.start(2);
  const rec = new RunRecorder({ id: 'r', name: 'r', graph: presetGraph('ae')!, backendChoice: 'auto', stepBudget: 2, startedAt: 0 }, () => 1);
  for (const e of events) {
    store.handle(e);
    rec.handle(e);
  }
  const s = store.getSnapshot();
  const r = rec.record;
  // one set of metric columns: the series hold the same values, NaN as a gap
  assert.deepEqual(store.series.data.values, r.metrics.values);
  assert.deepEqual(r.metrics.values['total:main'], [2, null]);
  // the live read-out still says NaN
  assert.ok(Number.isNaN(s.latest.a));
  // the same collapse point, the same outcome
  assert.deepEqual(s.collapseHistory, r.collapses);
  assert.deepEqual(s.collapseHistory[0].perDimStd, [0.1235, null]);
  assert.equal(s.error, 'the run failed');
  assert.equal(r.error, 'the run failed');
  assert.equal(r.status, 'failed');
  assert.equal(r.evals[0].probe, null);
  assert.equal(s.backend, r.backend);
});

test('a single loss term draws no separate total in the dock; the record keeps it', () => {
  const store = new RunStore();
  store.start(1);
  const e: TrainEvent = { type: 'metrics', step: 1, losses: { l: 1 }, totals: { main: 1 }, gradNorms: {}, learningRate: 1, wallMs: 1, stepsPerSec: 1 };
  store.handle(e);
  assert.deepEqual(store.series.keys, ['l']);
  assert.deepEqual(Object.keys(metricColumns(e.losses, e.totals)), ['l', 'total:main']);
});

test('foldEvent reports events a keeper has no hook for', () => {
  assert.equal(foldEvent({ type: 'state', state: 'running' }, {}), false);
  let got = '';
  assert.equal(foldEvent({ type: 'issues', issues: [] }, { view: (e) => (got = e.type) }), true);
  assert.equal(got, 'issues');
  assert.deepEqual(runOutcome({ type: 'done', state: 'done', steps: 1, wallMs: 1, stepsPerSec: 1, final: {}, backend: 'cpu', numTensors: 0 }), { status: 'finished', error: null });
});
