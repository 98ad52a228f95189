// The export CLI as a user runs it: a preset with its weights, and a graph pointed at
// their own RGB npz with --data (the project carries 3-channel data and a 3-channel
// decoder); bad arguments exit 2 and write nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readNpz } from '../engine/data/npz';
import { medmnistNpz } from '../engine/data/testing/fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = (args: string[]) => spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/export.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 240_000 });

test('npm run export -- --preset ae --weights, and --data rgb.npz', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-export-'));
  const plain = cli(['--preset', 'ae', '--out', path.join(dir, 'ae'), '--weights']);
  assert.equal(plain.status, 0, plain.stderr);
  assert.ok(existsSync(path.join(dir, 'ae', 'weights.npz')));
  assert.match(plain.stdout, /wrote .*model\.py.*weights\.npz/);

  const file = path.join(dir, 'rgb.npz');
  writeFileSync(file, medmnistNpz({ train: 40, test: 10, classes: 4, channels: 3 }));
  const rgb = cli(['--preset', 'ae', '--data', file, '--out', path.join(dir, 'rgb'), '--weights']);
  assert.equal(rgb.status, 0, rgb.stderr);
  assert.match(readFileSync(path.join(dir, 'rgb', 'model.py'), 'utf8'), /Decoder\([^)]*channels_out=3/);
  const data = readNpz(readFileSync(path.join(dir, 'rgb', 'data', 'dataset.npz')), 'dataset.npz');
  const shapes = Object.values(data).map((a) => a.shape.join('x'));
  assert.ok(shapes.some((s) => /^\d+x28x28x3$/.test(s)), `dataset shapes: ${shapes.join(', ')}`);

  const missing = cli(['--preset', 'ae', '--data', path.join(dir, 'nope.npz'), '--out', path.join(dir, 'none')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /nope\.npz/);
  assert.equal(existsSync(path.join(dir, 'none')), false);
});
