import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrainEvent } from '../../workers/protocol';
import { MIN_PUBLISH_MS, RunStore } from './run-store';

const metrics = (step: number): TrainEvent => ({
  type: 'metrics',
  step,
  losses: { 'vicreg/invariance': 1 / step, vicreg: 2 / step },
  totals: { main: 2 / step },
  gradNorms: { main: 3 },
  learningRate: 1e-3,
  wallMs: step * 100,
  stepsPerSec: 10,
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a burst of events is folded at once but published at most every ~100 ms', async () => {
  const store = new RunStore();
  let publishes = 0;
  store.subscribe(() => publishes++);
  store.start(1000);
  publishes = 0;
  for (let s = 1; s <= 500; s++) store.handle(metrics(s));
  // the data is there at once; the snapshot follows on the next publish
  assert.equal(store.series.length, 500);
  assert.deepEqual(store.series.keys, ['vicreg/invariance', 'vicreg', 'total:main']);
  assert.deepEqual(store.aux.keys, ['lr', 'norm:main']);
  assert.equal(store.series.seconds[9], 1);
  await wait(MIN_PUBLISH_MS + 50);
  assert.equal(publishes, 1);
  assert.equal(store.getSnapshot().step, 500);
  assert.equal(store.getSnapshot().seriesVersion, 500);
});

test('view events land in their own fields; latent snapshots and evaluations accumulate', async () => {
  const store = new RunStore();
  store.start(10);
  const latent = (step: number): TrainEvent => ({ type: 'latent', step, source: 'encoder.out', method: 'pca', points: new Float32Array(4), labels: new Uint8Array(2), explained: [0.2, 0.1] });
  store.handle(latent(0));
  store.handle(latent(5));
  store.handle({ type: 'collapse', step: 5, source: 'projector.out', perDimStd: new Float32Array(8), effectiveRank: 1.2, collapse: 0.05, alignment: null, uniformity: null, warning: 'collapsed' });
  store.handle({ type: 'eval', step: 10, representation: 'encoder.out', knn: 0.9, probe: 0.7, probeDraws: [0.7], collapse: 0.6, effectiveRank: 20, embedding: 'encoder.out', embeddingCollapse: 0.6, heldOut: { recon: 1 }, heldOutTotal: 1 });
  store.handle({ type: 'done', state: 'done', steps: 10, wallMs: 1000, stepsPerSec: 10, final: {}, backend: 'cpu', numTensors: 0 });
  // done publishes at once, with everything before it
  const s = store.getSnapshot();
  assert.equal(s.state, 'done');
  assert.deepEqual(s.latents.map((l) => l.step), [0, 5]);
  assert.equal(s.collapse?.warning, 'collapsed');
  assert.equal(s.collapseHistory.length, 1);
  assert.equal(s.evals[0].knn, 0.9);
  // a new run starts empty
  store.start(10);
  assert.equal(store.getSnapshot().latents.length, 0);
  assert.equal(store.series.length, 0);
  await wait(10);
});

test('PCA snapshots are flipped to agree with the previous one, so the replay does not mirror', () => {
  const store = new RunStore();
  store.start(10);
  const pts = (a: number[]) => Float32Array.from(a);
  store.handle({ type: 'latent', step: 0, source: 'encoder.out', method: 'pca', points: pts([1, 2, -1, -2]), labels: new Uint8Array(2), explained: null });
  store.handle({ type: 'latent', step: 5, source: 'encoder.out', method: 'pca', points: pts([-1.1, 2, 0.9, -2]), labels: new Uint8Array(2), explained: null });
  // a different tensor is left alone
  store.handle({ type: 'latent', step: 6, source: 'projector.out', method: 'pca', points: pts([-1, -1, 1, 1]), labels: new Uint8Array(2), explained: null });
  const l = store['next'].latents;
  assert.deepEqual([...l[1].points], [1.1, 2, -0.9, -2].map(Math.fround));
  assert.deepEqual([...l[2].points], [-1, -1, 1, 1]);
});
