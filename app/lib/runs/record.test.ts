import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { presetGraph } from '../../../engine/presets';
import { parseRunRecord, RUN_VERSION, type RunRecord } from './record';
import { exportRuns, parseRunsFile } from './runs-file';
import { summarize } from './summary';
import { RunRecorder } from './recorder';

const fixtureV1 = () => JSON.parse(readFileSync(new URL('./fixtures/run-v1.json', import.meta.url), 'utf8'));

function sampleRecord(): RunRecord {
  const rec = new RunRecorder({ id: 'run-a', name: 'SimCLR', graph: presetGraph('simclr')!, backendChoice: 'auto', stepBudget: 10, startedAt: 1000 }, () => 5000);
  rec.handle({ type: 'backend', backend: 'wasm', skipped: ['webgpu: no adapter'] });
  rec.handle({ type: 'metrics', step: 1, losses: { infonce: 5.5 }, totals: { main: 5.5 }, gradNorms: { main: 1 }, learningRate: 1e-3, wallMs: 100, stepsPerSec: 10 });
  rec.handle({ type: 'metrics', step: 10, losses: { infonce: 4.25 }, totals: { main: 4.25 }, gradNorms: { main: 1 }, learningRate: 1e-3, wallMs: 900, stepsPerSec: 11.1 });
  rec.handle({ type: 'latent', step: 10, source: 'encoder.out', method: 'pca', points: new Float32Array([0.123456, -1, 2, 3]), labels: new Uint8Array([4, 9]), explained: [0.5, 0.25] });
  rec.handle({ type: 'eval', step: 10, representation: 'encoder.out', knn: 0.8, probe: 0.6, probeDraws: [0.6], collapse: 0.7, effectiveRank: 30, embedding: 'projector.out', embeddingCollapse: 0.5, heldOut: {}, heldOutTotal: 4.3 });
  rec.handle({ type: 'done', state: 'done', steps: 10, wallMs: 950, stepsPerSec: 10.5, final: { infonce: 4.25 }, backend: 'wasm', numTensors: 0 });
  return rec.record;
}

test('a recorded run survives JSON and IndexedDB-style cloning unchanged, and validates', () => {
  const r = sampleRecord();
  assert.equal(r.status, 'finished');
  assert.equal(r.version, RUN_VERSION);
  for (const copy of [JSON.parse(JSON.stringify(r)), structuredClone(r)]) {
    const p = parseRunRecord(copy);
    assert.ok(p.ok, p.ok ? '' : p.errors.join('\n'));
    assert.equal(p.migrated, false);
    assert.deepEqual(p.record, r);
  }
});

test('non-finite values are stored as null so they survive JSON', () => {
  const rec = new RunRecorder({ id: 'x', name: 'x', graph: presetGraph('ae')!, backendChoice: 'cpu', stepBudget: 5, startedAt: 0 });
  rec.handle({ type: 'metrics', step: 1, losses: { recon: NaN }, totals: { main: Infinity }, gradNorms: {}, learningRate: 1e-3, wallMs: 1, stepsPerSec: 1 });
  assert.deepEqual(rec.record.metrics.values, { recon: [null], 'total:main': [null] });
  const p = parseRunRecord(JSON.parse(JSON.stringify(rec.record)));
  assert.ok(p.ok);
});

test('version 1 records migrate to version 2 (old fixture)', () => {
  const p = parseRunRecord(fixtureV1());
  assert.ok(p.ok, p.ok ? '' : p.errors.join('\n'));
  assert.equal(p.migrated, true);
  const r = p.record;
  assert.equal(r.version, 2);
  assert.equal(r.status, 'finished'); // "done" in v1
  assert.deepEqual(r.tags, []);
  assert.equal(r.graphName, 'Autoencoder');
  assert.equal(r.stepBudget, 20);
  assert.equal(r.stepsDone, 20);
  assert.equal(r.startedAt, 1760000000000);
  assert.equal(r.endedAt, 1760000012000);
  assert.equal(r.backend, 'wasm');
  // rows became columns; a key that appears late is null-padded
  assert.deepEqual(r.metrics.step, [1, 5, 10, 15, 20]);
  assert.deepEqual(r.metrics.values.recon, [0.231, 0.118, 0.081, 0.07, 0.064]);
  assert.deepEqual(r.metrics.values['total:main'], [0.231, 0.118, 0.081, 0.07, 0.064]);
  assert.deepEqual(r.metrics.values['recon/extra'], [null, null, null, 0.5, null]);
  assert.equal(r.evals[0].probe, 0.611);
  assert.equal(r.latents.length, 2);
  assert.equal(r.latents[1].method, 'pca');
  assert.deepEqual(r.result, { steps: 20, wallMs: 5900, stepsPerSec: 3.39, final: { recon: 0.064 }, numTensors: 0 });
  const s = summarize(r);
  assert.equal(s.knn, 0.842);
  assert.equal(s.probe, 0.611);
  // and the migrated record is a valid v2 record in its own right
  const again = parseRunRecord(JSON.parse(JSON.stringify(r)));
  assert.ok(again.ok && !again.migrated);
});

test('bad records are refused with the field that is wrong', () => {
  const cases: [unknown, RegExp][] = [
    [null, /JSON object/],
    [{ ...sampleRecord(), version: 99 }, /newer than this app/],
    [{ ...sampleRecord(), version: 'x' }, /version/],
    [{ ...sampleRecord(), status: 'exploded' }, /status/],
    [{ ...sampleRecord(), surprise: 1 }, /unknown field "surprise"/],
    [{ ...sampleRecord(), graph: { version: 1, nodes: [{ id: 'x' }], edges: [] } }, /graph/],
    [{ ...sampleRecord(), latents: [{ step: 0, source: 's', method: 'pca', points: [1, 2, 3], labels: [1], explained: null }] }, /two numbers per label/],
  ];
  for (const [raw, re] of cases) {
    const p = parseRunRecord(raw);
    assert.equal(p.ok, false, JSON.stringify(raw)?.slice(0, 80));
    if (!p.ok) assert.match(p.errors.join('\n'), re);
  }
});

test('runs files: export then import round-trips; malformed files say why and never throw', () => {
  const r = sampleRecord();
  const text = exportRuns([r, { ...r, id: 'run-b', name: 'Second' }], 0);
  const back = parseRunsFile(text);
  assert.deepEqual(back.errors, []);
  assert.deepEqual(
    back.records.map((x) => x.name),
    ['SimCLR', 'Second'],
  );
  assert.deepEqual(back.records[0], r);

  // a bare record and an array of records are accepted too, old versions migrate
  assert.equal(parseRunsFile(JSON.stringify(fixtureV1())).records.length, 1);
  assert.equal(parseRunsFile(JSON.stringify([r])).records.length, 1);

  assert.match(parseRunsFile('{not json').errors[0], /not valid JSON/);
  assert.match(parseRunsFile('42').errors[0], /not a Latent Studio runs file/);
  assert.match(parseRunsFile(JSON.stringify(presetGraph('ae'))).errors[0], /graph file/);
  assert.match(parseRunsFile(JSON.stringify({ kind: 'latent-studio/runs', version: 1, runs: [] })).errors[0], /no runs/);
  // one bad run in a file does not sink the good ones
  const mixed = parseRunsFile(JSON.stringify({ kind: 'latent-studio/runs', version: 1, runs: [r, { name: 'broken', version: 2 }] }));
  assert.equal(mixed.records.length, 1);
  assert.equal(mixed.errors.length, 1);
  assert.match(mixed.errors[0], /run 2 \(“broken”\)/);
});
