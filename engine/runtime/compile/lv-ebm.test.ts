// The latent-variable EBM on the compiler's latent inference: with a linear
// decoder the inferred code and its energy have a closed form; with a curved
// decoder the multi-start search never ends above its best start; the energy
// view's dec(ž) is the point whose squared distance is the energy.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getSpec } from '../../../nodes/registry';
import type { Graph } from '../../graph';
import { presetGraph } from '../../presets';
import type { Tensor } from '../../spec';
import { validateForTraining } from '../../validated-graph';
import { loadDatasets } from '../datasets';
import { energySnapshot } from '../monitors';
import { readPublicAsset } from '../node-assets';
import { compile, type Plan } from './index';
import { startCodes } from './latent';

before(async () => {
  await tf.setBackend('cpu');
});

async function plan(g: Graph): Promise<Plan> {
  const v = validateForTraining(g, getSpec);
  if (!v.ok) throw new Error(v.issues.map((i) => i.message).join('; '));
  const r = compile(v.graph, await loadDatasets(v.graph.datasets, readPublicAsset));
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.plan;
}

function lvEbm(edit: (p: Record<string, Record<string, unknown>>) => void): Graph {
  const g = presetGraph('lv-ebm')!;
  const byId = Object.fromEntries(g.nodes.map((n) => [n.id, n.params]));
  edit(byId);
  return g;
}

const ROWS = 8;
const batch = { split: 'test' as const, indices: Int32Array.from({ length: ROWS }, (_, i) => i) };

test('LV-EBM, linear decoder: ž = w·(y − b)/‖w‖² and E = ‖y − b‖² − (w·(y − b))²/‖w‖² (gradient descent on z reaches the closed form)', async () => {
  const p = await plan(
    lvEbm((n) => {
      n.decoder.hidden = [];
      n.decoder.activation = 'linear';
      n.z.starts = 1;
      n.z.steps = 60;
    }),
  );
  const dec = p.nodes.find((n) => n.id === 'decoder')!;
  const w = Array.from(dec.vars.w0.dataSync()); // [1, 2]
  const b = Array.from(dec.vars.b0.dataSync()); // [2]
  const start = tf.memory().numTensors;
  const { z, e } = tf.tidy(() => {
    const r = p.forward({ training: false, step: 0, totalSteps: 1, batch, pass: 0, perSample: true });
    return { z: r.outputs.get('z')!.out.dataSync(), e: r.terms.get('energy')!.dataSync() };
  });
  assert.equal(tf.memory().numTensors, start, 'no tensor left behind');
  const ys = p.dataset.test.values!;
  const ww = w[0] ** 2 + w[1] ** 2;
  for (let i = 0; i < ROWS; i++) {
    const d = [ys[2 * i] - b[0], ys[2 * i + 1] - b[1]];
    const proj = w[0] * d[0] + w[1] * d[1];
    assert.ok(Math.abs(z[i] - proj / ww) < 1e-4 * Math.max(1, Math.abs(proj / ww)), `row ${i}: ž ${z[i]} vs ${proj / ww}`);
    const closed = d[0] ** 2 + d[1] ** 2 - proj ** 2 / ww;
    assert.ok(Math.abs(e[i] - closed) < 1e-4, `row ${i}: E ${e[i]} vs ${closed}`);
  }
  p.dispose();
});

test('LV-EBM, curved decoder: the inferred code ends at or below the energy of every starting code', async () => {
  const p = await plan(lvEbm(() => {}));
  const codes = startCodes(16, 1, 3);
  const energyAt = (z: Tensor | null) =>
    tf.tidy(() => {
      const overrides = z ? new Map([['z', { out: z }]]) : undefined;
      return Array.from(p.forward({ training: false, step: 0, totalSteps: 1, batch, pass: 0, perSample: true, overrides }).terms.get('energy')!.dataSync());
    });
  const inferred = energyAt(null);
  for (let s = 0; s < 16; s++) {
    const at = tf.tidy(() => energyAt(tf.fill([ROWS, 1], codes[s])));
    for (let i = 0; i < ROWS; i++) assert.ok(inferred[i] <= at[i] + 1e-5, `row ${i}: ${inferred[i]} above start ${codes[s]}'s ${at[i]}`);
  }
  p.dispose();
});

test('start codes: evenly spaced cell centres along the first axis, inside the range on every axis', () => {
  assert.deepEqual(Array.from(startCodes(4, 1, 2)), [-1.5, -0.5, 0.5, 1.5]);
  const c = startCodes(9, 3, 1);
  assert.ok(c.every((v) => v > -1 && v < 1));
  for (let k = 0; k < 3; k++) assert.equal(new Set(Array.from({ length: 9 }, (_, s) => c[s * 3 + k])).size, 9, `axis ${k}: no two starts share a coordinate`);
});

test('energy view of the LV-EBM: each held-out point comes with dec(ž), at squared distance its energy', async () => {
  const p = await plan(lvEbm(() => {}));
  const start = tf.memory().numTensors;
  const ev = (await energySnapshot(p, 0))!;
  assert.equal(tf.memory().numTensors, start, 'no tensor left behind');
  assert.ok(ev.fit, 'dec(ž) is reported');
  assert.equal(ev.fit!.length, ev.points.length);
  const n = ev.points.length / 2;
  const e = tf.tidy(() => Array.from(p.forward({ training: false, step: 0, totalSteps: 1, batch: { split: 'test', indices: Int32Array.from({ length: n }, (_, i) => i) }, pass: 0, perSample: true }).terms.get('energy')!.dataSync()));
  for (let i = 0; i < n; i += 37) {
    const d2 = (ev.points[2 * i] - ev.fit![2 * i]) ** 2 + (ev.points[2 * i + 1] - ev.fit![2 * i + 1]) ** 2;
    assert.ok(Math.abs(d2 - e[i]) < 1e-4, `point ${i}: ‖y − dec(ž)‖² ${d2} vs E ${e[i]}`);
  }
  p.dispose();
});

test('LV-EBM by free energy: Latent grid → MLP → Free energy trains (the soft-min energy falls) with no tensor left', async () => {
  const g = presetGraph('lv-ebm')!;
  g.nodes = g.nodes.filter((n) => n.id !== 'z' && n.id !== 'energy');
  g.nodes.push(
    { id: 'grid', type: 'op.latent-grid', typeVersion: 1, params: { dim: 1, points: 24, range: 3.14159 }, position: { x: 0, y: 400 } },
    { id: 'free', type: 'loss.free-energy', typeVersion: 1, params: { beta: 10, weight: 1 }, position: { x: 560, y: 400 } },
  );
  g.edges = [
    { id: 'a', from: { node: 'data', port: 'points' }, to: { node: 'grid', port: 'like' } },
    { id: 'b', from: { node: 'grid', port: 'out' }, to: { node: 'decoder', port: 'in' } },
    { id: 'c', from: { node: 'decoder', port: 'out' }, to: { node: 'free', port: 'candidates' } },
    { id: 'd', from: { node: 'data', port: 'points' }, to: { node: 'free', port: 'y' } },
  ];
  g.meta.train.logEvery = 1;
  const { trainSession } = await import('../session');
  const start = tf.memory().numTensors;
  const losses: number[] = [];
  const done = await trainSession({ graph: g, lookup: getSpec, backend: 'cpu', steps: 60, readAsset: readPublicAsset, emit: (e) => e.type === 'metrics' && losses.push(e.losses.free) });
  assert.equal(done.state, 'done', done.error);
  assert.ok(losses.at(-1)! < 0.8 * losses[0], `free energy ${losses[0]} → ${losses.at(-1)}`);
  assert.equal(tf.memory().numTensors, start, 'no tensor left behind');
});
