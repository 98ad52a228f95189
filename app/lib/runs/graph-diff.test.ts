import assert from 'node:assert/strict';
import { test } from 'node:test';
import { presetGraph } from '../../../engine/presets';
import { diffGraphs } from './graph-diff';

const row = (rows: ReturnType<typeof diffGraphs>, key: string) => rows.find((r) => r.key === key);

test('SimCLR vs BYOL vs VICReg: the loss and BYOL’s extra nodes differ, the shared backbone does not', () => {
  const rows = diffGraphs([presetGraph('simclr')!, presetGraph('byol')!, presetGraph('vicreg')!]);
  assert.deepEqual(
    row(rows, 'infonce')?.values.map((v) => v !== null),
    [true, false, false],
  );
  assert.deepEqual(
    row(rows, 'predictor')?.values.map((v) => v !== null),
    [false, true, false],
  );
  assert.deepEqual(
    row(rows, 'momentum')?.values.map((v) => v !== null),
    [false, true, false],
  );
  assert.ok(row(rows, 'vicreg'));
  // identical nodes and settings produce no rows
  for (const id of ['data', 'views', 'crop', 'affine', 'encoder', 'projector']) assert.equal(row(rows, id), undefined, id);
  assert.equal(
    rows.filter((r) => r.section === 'param' && /^(data|encoder|projector)\./.test(r.key)).length,
    0,
  );
  assert.equal(rows.filter((r) => r.section === 'train').length, 0);
  // BYOL's wiring differs (predictor, momentum encoder)
  assert.ok(rows.some((r) => r.section === 'edge' && r.values[1] === 'wired' && r.values[0] === null));
});

test('changed params (defaults filled in), training settings and seed', () => {
  const a = presetGraph('simclr')!;
  const b = presetGraph('simclr')!;
  b.nodes.find((n) => n.id === 'encoder')!.params = { hidden: [512], latent: 64 };
  b.nodes.find((n) => n.id === 'data')!.params = { batchSize: 256, range: '0..1' }; // same as a, written out
  b.nodes.find((n) => n.id === 'affine')!.params = { ...b.nodes.find((n) => n.id === 'affine')!.params };
  b.meta.train.learningRate = 0.01;
  b.meta.seed = 7;
  const rows = diffGraphs([a, b]);
  assert.deepEqual(row(rows, 'encoder.latent')?.values, ['128', '64']);
  assert.match(row(rows, 'encoder.latent')!.label, /Encoder \(encoder\)/);
  assert.deepEqual(row(rows, 'train.learningRate')?.values, ['0.001', '0.01']);
  assert.deepEqual(row(rows, 'seed')?.values, ['42', '7']);
  assert.equal(rows.length, 3, JSON.stringify(rows));
  assert.deepEqual(diffGraphs([a, structuredClone(a)]), []);
});
