// The exporter's contract (nodes/registry.test.ts checks that every node type has a
// PyTorch part): a graph that cannot
// be exported names its nodes and writes nothing; a folder is not overwritten
// without force; every augmentation runs in the exported project (the parity test
// replaces them by the studio's draws, so they are exercised here).
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import { torchPart } from '../../nodes/torch';
import type { Graph } from '../graph';
import { presetGraph } from '../presets';
import { writeExport } from '../runtime/export-files';
import { planExport } from './assemble';

const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

test('a node without an export part is named, and an invalid graph is refused with its nodes', () => {
  const g = presetGraph('simclr')!;
  const r = planExport(g, getSpec, (t) => (t === 'loss.info-nce' ? undefined : torchPart(t)));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.deepEqual(r.issues[0].nodeIds, ['infonce']);
    assert.match(r.issues[0].message, /no PyTorch export for InfoNCE \(NT-Xent\) \(infonce\)/);
  }
  const broken: Graph = { ...g, edges: g.edges.filter((e) => e.to.node !== 'infonce') };
  const b = planExport(broken, getSpec, torchPart);
  assert.equal(b.ok, false);
  if (!b.ok) assert.ok(b.issues.some((i) => i.nodeIds.includes('infonce')));
});

test('nothing is written for a bad graph; an existing folder needs force', async () => {
  tf.env().set('PROD', true);
  const dir = mkdtempSync(path.join(tmpdir(), 'export-'));
  try {
    const g = presetGraph('simclr')!;
    const broken: Graph = { ...g, edges: g.edges.filter((e) => e.to.node !== 'infonce') };
    const fresh = path.join(dir, 'bad');
    const r = await writeExport(broken, getSpec, torchPart, fresh, { weights: false, force: false });
    assert.equal(r.ok, false);
    assert.equal(existsSync(fresh), false);
    writeFileSync(path.join(dir, 'keep.txt'), 'mine');
    const again = await writeExport(g, getSpec, torchPart, dir, { weights: false, force: false });
    assert.ok(!again.ok && 'error' in again && /--force/.test(again.error));
    assert.equal(existsSync(path.join(dir, 'model.py')), false);
    const forced = await writeExport(g, getSpec, torchPart, dir, { weights: false, force: true, rows: 32 });
    assert.ok(forced.ok);
    assert.match(readFileSync(path.join(dir, 'model.py'), 'utf8'), /class StudioGraph\(nn\.Module\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every augmentation runs in the exported project (one training step)', async () => {
  const g = structuredClone(presetGraph('simclr')!);
  const augs = ['augment.horizontal-flip', 'augment.salt-and-pepper', 'augment.cutout', 'augment.colour-jitter', 'augment.gaussian-blur', 'augment.gaussian-noise'];
  // chain them after the crop and affine: views -> crop -> affine -> a0 -> ... -> encoder
  const last = g.edges.find((e) => e.to.node === 'encoder')!;
  let prev = last.from;
  g.edges = g.edges.filter((e) => e !== last);
  augs.forEach((type, i) => {
    g.nodes.push({ id: `a${i}`, type, typeVersion: 1, params: type === 'augment.gaussian-noise' ? { train: 'train only' } : { p: 1 }, position: { x: 0, y: 0 } });
    g.edges.push({ id: `ea${i}`, from: prev, to: { node: `a${i}`, port: 'in' } });
    prev = { node: `a${i}`, port: 'out' };
  });
  g.edges.push({ id: 'ea-enc', from: prev, to: { node: 'encoder', port: 'in' } });
  for (const n of g.nodes) if (n.type === 'data.mnist') n.params = { ...n.params, batchSize: 16 };
  const dir = mkdtempSync(path.join(tmpdir(), 'export-aug-'));
  try {
    const r = await writeExport(g, getSpec, torchPart, dir, { weights: false, force: true, rows: 64 });
    assert.ok(r.ok, JSON.stringify(r));
    const out = execFileSync(PYTHON, ['train.py', '--steps', '1', '--cpu'], { cwd: dir, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
    const line = JSON.parse(out.split('\n').find((l) => l.startsWith('{'))!) as { losses: Record<string, number> };
    assert.ok(Number.isFinite(line.losses.infonce) && line.losses.infonce > 0);
    assert.ok(existsSync(path.join(dir, 'checkpoints', 'weights.npz')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
