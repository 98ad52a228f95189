// The CLI's --data, as a user runs it: a generated MedMNIST-like npz with --eval and
// --save-embeddings prints the same JSON lines (plus a `data` line) and a probe; a
// damaged file fails with exit code 1 and a message naming it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseNpy } from '../engine/data/npy';
import { medmnistNpz } from '../engine/data/testing/fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = (args: string[]) => spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/train.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 240_000 });

test('npm run train -- --preset simclr --data tiny.npz --eval --save-embeddings', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-data-'));
  const file = path.join(dir, 'tiny.npz');
  writeFileSync(file, medmnistNpz({ train: 40, val: 5, test: 15, classes: 3, compressed: true }));
  const emb = path.join(dir, 'emb.npy');
  const r = cli(['--preset', 'simclr', '--data', file, '--steps', '1', '--eval', '--backend', 'wasm', '--json', '--save-embeddings', emb]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const data = lines.find((l) => l.type === 'data');
  assert.deepEqual({ kind: data.kind, shape: data.sampleShape, classes: data.classes, train: data.train, test: data.test, ownSplit: data.ownSplit }, { kind: 'image', shape: [28, 28, 1], classes: 3, train: 45, test: 15, ownSplit: true });
  const ev = lines.find((l) => l.type === 'eval');
  assert.ok(ev.knn >= 0 && ev.knn <= 1 && ev.probe >= 0 && ev.probe <= 1, JSON.stringify(ev));
  assert.equal(ev.probePerClass, 10);
  const summary = lines.at(-1);
  assert.equal(summary.type, 'summary');
  assert.equal(summary.state, 'done');
  assert.equal(summary.numTensors, 0);
  const e = parseNpy(readFileSync(emb));
  assert.equal(e.shape[0], 15);
  assert.ok(existsSync(emb.replace(/\.npy$/, '.labels.npy')));
});

test('a damaged --data file fails naming it, with exit code 1', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-data-'));
  const file = path.join(dir, 'broken.npz');
  writeFileSync(file, new Uint8Array(100).fill(3));
  const r = cli(['--preset', 'simclr', '--data', file, '--steps', '1']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /broken\.npz is not a readable \.npz \(zip\) archive/);
});
